"""Attempts as xAPI 1.0.3 statements, the language every LRS and LMS speaks.

One statement per attempt: the trainee `passed` or `failed` (ADL verbs) an activity per model and
goal, with the score, the simulated duration, the stages and mistakes as result extensions, and
the platform, mode and exam in the context. The statement id is a UUID 5 of the attempt, so an
LRS that receives it twice keeps one copy.
"""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from simulator.training.store import ATTEMPT_NAMESPACE, Stored, iso

XAPI_VERSION = "1.0.3"
VERBS = {True: "http://adlnet.gov/expapi/verbs/passed", False: "http://adlnet.gov/expapi/verbs/failed"}
ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/simulation"
#: Placeholders under a reserved domain: an organisation sets its own with the flags or variables below.
DEFAULT_BASE_IRI = "https://phonesim.invalid/xapi"
DEFAULT_HOME_PAGE = "https://phonesim.invalid/trainees"
#: Environment variables read when the matching flag is not given.
ENV = {
    "base_iri": "PHONESIM_XAPI_BASE_IRI",
    "home_page": "PHONESIM_XAPI_HOME_PAGE",
    "mbox_domain": "PHONESIM_XAPI_MBOX_DOMAIN",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class XapiConfig:
    """Where the trainees' accounts live and which IRIs name the activities and extensions."""

    base_iri: str = DEFAULT_BASE_IRI
    home_page: str = DEFAULT_HOME_PAGE
    mbox_domain: str | None = None
    """When set, a trainee `Ana Silva` is `mailto:ana.silva@DOMAIN` instead of an account."""

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, **flags: str | None) -> XapiConfig:
        """Flags first, then environment variables, then the defaults."""
        env = os.environ if env is None else env
        values = {name: flags.get(name) or env.get(var) for name, var in ENV.items()}
        return cls(
            base_iri=(values["base_iri"] or DEFAULT_BASE_IRI).rstrip("/"),
            home_page=values["home_page"] or DEFAULT_HOME_PAGE,
            mbox_domain=values["mbox_domain"] or None,
        )

    def extension(self, name: str) -> str:
        return f"{self.base_iri}/extensions/{name}"

    def activity(self, model: str, goal: str) -> str:
        return f"{self.base_iri}/activities/{quote(model, safe='')}/{quote(goal, safe='')}"


def duration(seconds: float) -> str:
    """ISO 8601 to the hundredth of a second, as xAPI keeps it: 65.25 -> PT1M5.25S."""
    hundredths = round(seconds * 100)
    hours, rest = divmod(hundredths, 360000)
    minutes, rest = divmod(rest, 6000)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    if rest or not (hours or minutes):
        whole, frac = divmod(rest, 100)
        text += f"{whole}.{frac:02d}".rstrip("0").rstrip(".") + "S"
    return text


def actor(trainee: str, config: XapiConfig) -> dict[str, Any]:
    """A trainee named by an e-mail address is that mailbox; otherwise an account on the home page."""
    if _EMAIL.match(trainee):
        return {"objectType": "Agent", "name": trainee, "mbox": f"mailto:{trainee}"}
    if config.mbox_domain:
        plain = unicodedata.normalize("NFKD", trainee).encode("ascii", "ignore").decode().lower()
        local = re.sub(r"[^a-z0-9]+", ".", plain).strip(".") or "trainee"
        return {"objectType": "Agent", "name": trainee, "mbox": f"mailto:{local}@{config.mbox_domain}"}
    return {"objectType": "Agent", "name": trainee, "account": {"homePage": config.home_page, "name": trainee}}


def registration(exam_id: str) -> str:
    """xAPI wants a UUID: an exam id that is one stays itself, any other maps to a UUID 5 of it."""
    try:
        return str(uuid.UUID(exam_id))
    except ValueError:
        return str(uuid.uuid5(ATTEMPT_NAMESPACE, "exam:" + exam_id))


def statement(stored: Stored, config: XapiConfig) -> dict[str, Any]:
    a = stored.attempt
    g = a.grade
    passed = g.passed
    context: dict[str, Any] = {
        "platform": "phonesim",
        "extensions": {
            config.extension("version"): a.version,
            config.extension("mode"): a.mode,
            config.extension("speed"): a.speed,
            config.extension("software"): g.software,
        },
    }
    if a.exam_id:
        context["registration"] = registration(a.exam_id)
        context["extensions"][config.extension("exam")] = a.exam_id
        if a.item is not None:
            context["extensions"][config.extension("item")] = a.item
    return {
        "id": stored.uid,
        "actor": actor(a.trainee, config),
        "verb": {"id": VERBS[passed], "display": {"en-US": "passed" if passed else "failed"}},
        "object": {
            "objectType": "Activity",
            "id": config.activity(g.model, g.goal),
            "definition": {
                "name": {"en-US": f"{g.model}: {g.goal.replace('_', ' ')}"},
                "type": ACTIVITY_TYPE,
            },
        },
        "result": {
            "success": passed,
            "completion": True,
            "score": {"raw": g.score, "scaled": round(g.score / 100, 4), "min": 0, "max": 100},
            "duration": duration(g.seconds),
            "extensions": {
                config.extension("stages"): [s.to_dict() for s in g.stages],
                config.extension("mistakes"): [m.to_dict() for m in g.mistakes],
            },
        },
        "context": context,
        "timestamp": iso(a.ended),
    }
