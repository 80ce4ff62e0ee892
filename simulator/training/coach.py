"""Following a live attempt: the step to do now, the keys to show, each mistake the moment it happens.

Guided mode draws what the coach says; practice asks it for a hint (which costs points) and for the
result card at the end. It reads the phone's event log through a cursor, never the phone itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from simulator.core import EventLog
from simulator.training.grade import Grade, Mistake
from simulator.training.grader import Attempt, Grader
from simulator.training.plan import Milestone, Plan

HINT_COST = 5  # points a practice hint costs (a pass never drops below 51 for it)
STAGE_WORDS = {
    "power_on": "power on", "cancel_offered": "Cancel offered", "cancel": "Cancel", "countdown": "countdown",
    "window": "window", "first_step": "first step", "combo_held": "combination held", "signal": "signal",
    "released": "let go", "prompt": "password prompt", "password_accepted": "password accepted",
    "confirmed": "confirmed", "menu": "menu", "menu_password": "menu password", "item": "reset item",
    "reset": "reset", "reboot": "reboot", "logs_uploaded": "logs uploaded", "idle": "idle",
}  # fmt: skip


@dataclass(frozen=True)
class Hint:
    """What to do now: a sentence, the keys or corners to show on the phone, how long to hold them."""

    text: str
    keys: tuple[str, ...] = ()
    touch: tuple[str, ...] = ()
    fingers: int = 0
    hold_seconds: float = 0.0
    why: str = ""


class Coach:
    def __init__(self, plan: Plan, attempt: Attempt, events: EventLog) -> None:
        self.plan = plan
        self.events = events
        self.grader = Grader(plan, attempt)
        self._cursor = 0
        self._told = 0  # mistakes already reported by `news`
        self.hints = 0

    def follow(self) -> list[Mistake]:
        """Read the events since the last call; the mistakes they showed (guided mode explains them)."""
        self.grader.feed_all(self.events.since(self._cursor))
        self._cursor = self.events.cursor
        news = self.grader.mistakes[self._told :]
        self._told = len(self.grader.mistakes)
        return news

    @property
    def done(self) -> bool:
        return self.grader.passed

    @property
    def step(self) -> Milestone | None:
        """The milestone the attempt is heading for; None once the goal is reached."""
        index = self.grader.next_milestone()
        milestones = self.plan.milestones
        return None if self.done or index >= len(milestones) else milestones[index]

    def hint(self) -> Hint | None:
        """What to do now, in the lesson's words (a milestone the phone reaches by itself: what to wait for)."""
        step = self.step
        if step is None:
            return None
        text = step.do or (f"Wait: {step.shows}" if step.shows else "Wait.")
        return Hint(text, step.keys, step.touch, step.fingers, step.hold_seconds, step.why)

    def ask_hint(self) -> Hint | None:
        """A hint in practice mode: counted, and it costs points in the result."""
        self.hints += 1
        return self.hint()

    def result(self, end_ms: int | None = None) -> Grade:
        """The grade so far (hints taken lower a practice score, never a pass below 51)."""
        self.follow()
        grade = self.grader.result(self.grader.last_ms if end_ms is None else end_ms)
        if not self.hints:
            return grade
        floor = 51 if grade.passed else 0
        return replace(grade, score=max(floor, grade.score - HINT_COST * self.hints))


@dataclass(frozen=True)
class CardRow:
    stage: str
    seconds: float
    best: float | None  # the trainee's best for this stage on this model and goal, among passed attempts
    diff: float | None  # seconds against the best (negative: faster)


def card_rows(grade: Grade, bests: dict[str, float] | None) -> list[CardRow]:
    """The result card's split table: each stage's time, the personal best, and the difference."""
    rows = []
    for split in grade.stages:
        best = (bests or {}).get(split.id)
        rows.append(CardRow(split.id, split.seconds, best, None if best is None else split.seconds - best))
    return rows
