"""Traces: an attempt written as a scenario with timed steps, so one file replays, grades and imports.

The inputs are read back from the phone's own event log (keys, touches, power), each after a `wait`
of exactly the simulated milliseconds since the one before, so a headless replay gives the same
event log. A `trace:` header says who made it and how.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from simulator.core import Node, Phone, load_file

TRACE_FIELDS = ("trainee", "mode", "speed", "seed", "exam", "item", "started", "ended", "phonesim", "lesson")


@dataclass(frozen=True)
class TraceInfo:
    trainee: str | None = None
    mode: str = "import"
    speed: float = 1.0
    seed: int | None = None
    exam_id: str | None = None
    item: int | None = None
    started: datetime | None = None
    ended: datetime | None = None
    lesson: str | None = None


def _moment(node: Node) -> datetime | None:
    if node.value is None:
        return None
    value = node.value if isinstance(node.value, datetime) else None
    if value is None:
        try:
            value = datetime.fromisoformat(node.str().replace("Z", "+00:00"))
        except ValueError:
            raise node.fail("expected a date and time like 2026-12-04T09:30:00Z") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_trace(node: Node) -> TraceInfo:
    """The `trace:` header of a scenario file, checked at the door."""
    node.only(*TRACE_FIELDS)
    exam = node.get("exam", None)
    return TraceInfo(
        trainee=node.get("trainee", None).opt_str(),
        mode=node.get("mode", "import").choice(("free", "guided", "practice", "exam", "demo", "import")),
        speed=node.get("speed", 1.0).number(minimum=0.01, maximum=100),
        seed=None if node.get("seed", None).value is None else node.get("seed").integer(maximum=2**63),
        exam_id=None if exam.value is None else str(exam.value),
        item=None if node.get("item", None).value is None else node.get("item").integer(minimum=1, maximum=1000),
        started=_moment(node.get("started", None)),
        ended=_moment(node.get("ended", None)),
        lesson=node.get("lesson", None).opt_str(),
    )


def trace_info(path: str | Path) -> TraceInfo:
    data = load_file(path)
    if not isinstance(data, dict) or "trace" not in data:
        return TraceInfo()
    return parse_trace(Node(data, path).get("trace"))


def input_steps(phone: Phone) -> list[Any]:
    """The person's inputs from the event log, each after the wait since the one before."""
    steps: list[Any] = []
    at = 0
    for event in phone.events:
        kind = event.kind
        if kind == "power_on" and steps and steps[-1] == {"press": "power_button"} and event.t_ms == at:
            continue  # the power button connected power: replaying the press does it again
        if kind not in ("power_on", "power_off", "key_down", "key_up", "touch", "lift"):
            continue
        if event.t_ms > at:
            steps.append({"wait": (event.t_ms - at) / 1000})
            at = event.t_ms
        if kind in ("power_on", "power_off", "lift"):
            steps.append(kind)
        elif kind == "touch":
            steps.append({"touch": [list(p) for p in event.points]})  # type: ignore[attr-defined]
        else:
            steps.append({"press" if kind == "key_down" else "release": event.key})  # type: ignore[attr-defined]
    if phone.now_ms > at:
        steps.append({"wait": (phone.now_ms - at) / 1000})
    return steps


def trace_text(
    phone: Phone,
    *,
    goal: str,
    info: TraceInfo,
    admin_password: str | None = None,
    config: dict[str, dict[str, str]] | None = None,
) -> str:
    """The attempt as a trace file; `admin_password` and `config` as the phone had them at the start."""
    header: dict[str, Any] = {
        "description": f"{phone.model.name}: {goal}, recorded by phonesim",
        "model": phone.model.id,
        "software": phone.software,
        "mac": phone.mac,
        "goal": goal,
    }
    if phone.model.chosen:
        header["options"] = {k: list(v) if isinstance(v, tuple) else v for k, v in phone.model.chosen.items()}
    if admin_password is not None:
        header["admin_password"] = admin_password
    if config:
        header["config"] = config
    trace: dict[str, Any] = {"mode": info.mode, "speed": info.speed}
    for name, value in (
        ("trainee", info.trainee), ("seed", info.seed), ("exam", info.exam_id), ("item", info.item),
        ("lesson", info.lesson),
        ("started", info.started.isoformat() if info.started else None),
        ("ended", info.ended.isoformat() if info.ended else None),
    ):  # fmt: skip
        if value is not None:
            trace[name] = value
    header["trace"] = trace
    header["steps"] = input_steps(phone)
    return yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100)
