"""An exam taken in the window: its items one after the other, each stored with the exam id and its number.

Real time is locked for the whole exam (1x, no pause, no hints, no jump over the boot): the window asks
`locked(action)` before carrying out a control. The result screen shows every item's score and stages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.core import Catalog, Clock
from simulator.training.coach import STAGE_WORDS
from simulator.training.exam import Exam, ExamItem
from simulator.training.grade import Grade
from simulator.training.lessons import GOAL_TITLES
from simulator.training.live import Finished, LiveAttempt

#: Controls an exam refuses, with the reason the window shows.
LOCKED = {
    "speed": "The exam runs in real time: the clock stays at 1x",
    "slower": "The exam runs in real time: the clock stays at 1x",
    "faster": "The exam runs in real time: the clock stays at 1x",
    "pause": "The exam runs in real time: the clock cannot be paused",
    "jump": "No jumps in an exam: the boot runs in real time",
    "hint": "No hints in an exam",
    "model": "The exam chooses the phone: finish the item (Ctrl+E ends it)",
    "software": "The exam chooses the software: finish the item (Ctrl+E ends it)",
    "mode": "The exam is on: finish every item first",
    "retry": "An exam item is tried once",
    "config": "No configuration card in an exam: it shows the admin password",
}


@dataclass(frozen=True)
class ItemResult:
    item: ExamItem
    model_name: str
    grade: Grade

    def stages_text(self) -> str:
        return " · ".join(f"{STAGE_WORDS.get(s.id, s.id)} {s.seconds:.1f} s" for s in self.grade.stages)


class ExamRun:
    def __init__(self, exam: Exam, catalog: Catalog, trainee: str | None = None) -> None:
        self.exam = exam
        self.catalog = catalog
        self.trainee = trainee
        self.results: list[ItemResult] = []

    @property
    def index(self) -> int:
        """The item being taken (0-based); len(items) once every item is done."""
        return len(self.results)

    @property
    def finished(self) -> bool:
        return self.index >= len(self.exam.items)

    @property
    def item(self) -> ExamItem:
        return self.exam.items[self.index]

    def task(self, item: ExamItem | None = None) -> str:
        """The item as the trainee reads it: what to do, on which phone."""
        item = item or self.item
        name = self.catalog.load(item.model).name
        return f"Item {item.number} of {len(self.exam.items)}: {GOAL_TITLES[item.goal]} on the {name}"

    def start_item(self, clock: Clock | None = None) -> LiveAttempt:
        """The current item's phone, fresh and switched off, with its MAC and (maybe) changed password."""
        item = self.item
        phone = item.phone(self.catalog, clock)
        return LiveAttempt.for_goal(phone, item.goal, mode="exam", admin_password=item.admin_password,
                                    exam_id=self.exam.id, item=item.number, seed=self.exam.seed)  # fmt: skip

    def finish_item(self, attempt: LiveAttempt, store: Path | str | None = None) -> Finished:
        done = attempt.finish(self.trainee, store=store)
        self.results.append(ItemResult(self.item, attempt.phone.model.name, done.grade))
        return done

    @property
    def score(self) -> int:
        """The exam's score: the mean of its items' scores (as `phonesim report` computes it)."""
        return round(sum(r.grade.score for r in self.results) / len(self.results)) if self.results else 0

    @property
    def passed(self) -> int:
        return sum(r.grade.passed for r in self.results)
