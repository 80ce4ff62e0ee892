"""Exams: items drawn from a seed, so every trainee given the same seed gets the same exam.

Each item is a model, a goal it offers, a MAC address printed on a sticker, and on some items a
changed admin password so only the MAC opens the reset prompt. The window runs items at real time
(no hints, no jumps, no slow-down).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from simulator.core import Catalog, Model, Phone
from simulator.training.goals import routes

#: How often each goal is drawn: a factory reset most, the menu resets least.
WEIGHTS = {"factory_reset": 6, "device_reset": 1, "reboot": 2, "upload_logs": 1}
CHANGED_SHARE = 0.5  # items with a reset prompt whose admin password was changed (the MAC must be typed)
EXAM_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:phonesim:exam")


@dataclass(frozen=True)
class ExamItem:
    number: int
    model: str
    software: str
    goal: str
    mac: str  # 12 lower-case hex digits, as printed on the sticker (grouped)
    admin_password: str | None  # a changed password the trainee is not told; None: the default 456

    @property
    def sticker(self) -> str:
        return "-".join(self.mac[i : i + 2] for i in range(0, 12, 2)).upper()

    def phone(self, catalog: Catalog, clock=None) -> Phone:
        return Phone(catalog.load(self.model), clock, software=self.software, mac=self.mac,
                     admin_password=self.admin_password)  # fmt: skip


@dataclass(frozen=True)
class Exam:
    seed: int
    items: tuple[ExamItem, ...]
    models: tuple[str, ...]

    @property
    def id(self) -> str:
        """The same seed, count and models: the same exam id (the xAPI registration of every item)."""
        name = f"{self.seed}:{len(self.items)}:{','.join(self.models)}"
        return str(uuid.uuid5(EXAM_NAMESPACE, name))


def _goals(model: Model) -> list[tuple[str, int]]:
    offered = routes(model, model.software.default)
    return [(goal, WEIGHTS.get(goal, 0)) for goal in offered if WEIGHTS.get(goal, 0)]


def make_exam(catalog: Catalog, seed: int, items: int = 5, models: list[str] | None = None) -> Exam:
    """`items` items drawn with `seed` from `models` (ids or names; default every model)."""
    if not 1 <= items <= 50:
        raise ValueError(f"an exam has 1 to 50 items, not {items}")
    pool = sorted({catalog.resolve(name) for name in models}) if models else catalog.ids()
    if not models:  # every model that offers something to do
        pool = [model_id for model_id in pool if _goals(catalog.load(model_id))]
    draw = random.Random(seed)
    out = []
    for number in range(1, items + 1):
        model = catalog.load(draw.choice(pool))
        goals = _goals(model)
        if not goals:
            raise ValueError(f"{model.name} offers no goal for an exam")
        goal = draw.choices([g for g, _ in goals], weights=[w for _, w in goals])[0]
        mac = "0004f2" + "".join(draw.choice("0123456789abcdef") for _ in range(6))
        proc = routes(model, model.software.default)[goal].procedure
        prompt = proc is not None and proc.action == "reset_prompt"
        changed = str(draw.randrange(10_000, 99_999_999)) if prompt and draw.random() < CHANGED_SHARE else None
        out.append(ExamItem(number, model.id, model.software.default, goal, mac, changed))
    return Exam(seed, tuple(out), tuple(pool) if models else ())
