"""An attempt made live in the window's training modes, and what is kept when it ends.

The window starts a `LiveAttempt` on a fresh phone (switched off), feeds it every frame and asks it
when the goal is reached; at the end it grades the attempt, writes its trace, stores it for the
trainee and makes the result card (each stage against the trainee's best). Plain Python: the window
only draws what this computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from simulator.core import Catalog, Phone
from simulator.training.coach import HINT_COST, CardRow, Coach, Hint, card_rows
from simulator.training.goals import default_goal
from simulator.training.grade import Grade, Mistake
from simulator.training.grader import DEFAULT_PASSWORD, Attempt
from simulator.training.lessons import Lesson, lessons_for
from simulator.training.plan import Plan, build_plans
from simulator.training.schema import StoreError
from simulator.training.store import Bests, open_store, record_attempt
from simulator.training.traces import TraceInfo, trace_text

#: The window's modes; `free` is the phone with no teacher, `demo` plays a procedure by itself.
WINDOW_MODES = ("free", "guided", "practice", "exam", "demo")
#: Modes whose attempts are graded, traced and stored.
RECORDED = ("guided", "practice", "exam")


def default_lesson(catalog: Catalog, model_id: str, software: str | None = None) -> Lesson:
    """The model's factory reset lesson (device reset before 4.0.0) by its combination, for its software."""
    model = catalog.load(model_id)
    software = software or model.software.default
    goal = default_goal(model, software)
    lessons = [x for x in lessons_for(model) if x.plan.software == software] or lessons_for(model)
    if not lessons:
        raise LookupError(f"the {model.name} has no procedure to practise")
    return next((x for x in lessons if x.plan.goal == goal), lessons[0])


@dataclass(frozen=True)
class Card:
    """The result card: the verdict, the splits against the trainee's bests, the mistakes, how it was made."""

    passed: bool
    score: int
    seconds: float
    best_seconds: float | None  # the trainee's best total before this attempt (passed attempts only)
    rows: tuple[CardRow, ...]
    mistakes: tuple[Mistake, ...]
    notes: tuple[str, ...]  # the clock speed, hints taken, where it was kept

    @property
    def title(self) -> str:
        return f"{'Passed' if self.passed else 'Not passed'} · score {self.score}"


@dataclass(frozen=True)
class Finished:
    grade: Grade
    trace: str
    card: Card
    stored: int | None  # the attempt's id in the progress store; None when it was not kept
    started: datetime


class LiveAttempt:
    """One attempt from power off: coached by every route to the goal, the first one (the lesson's) hints."""

    def __init__(
        self,
        plans: list[Plan],
        phone: Phone,
        *,
        mode: str,
        admin_password: str | None = None,
        lesson: str | None = None,
        exam_id: str | None = None,
        item: int | None = None,
        seed: int | None = None,
        speed: float = 1.0,
        started: datetime | None = None,
    ) -> None:
        self.phone = phone
        self.mode = mode
        self.admin_password = admin_password
        attempt = Attempt(phone.mac, admin_password or DEFAULT_PASSWORD)
        self.coaches = [Coach(plan, attempt, phone.events) for plan in plans]
        self.lesson, self.exam_id, self.item, self.seed = lesson, exam_id, item, seed
        self.slowest = speed
        self.started = started or datetime.now(UTC)

    @classmethod
    def for_goal(cls, phone: Phone, goal: str | None = None, **kwargs: object) -> LiveAttempt:
        """Coached by each route to `goal` (default: the model's factory reset)."""
        goal = goal or default_goal(phone.model, phone.software)
        return cls(build_plans(phone.model, phone.software, goal), phone, **kwargs)  # type: ignore[arg-type]

    @property
    def coach(self) -> Coach:
        return self.coaches[0]

    @property
    def goal(self) -> str:
        return self.coach.plan.goal

    @property
    def hints(self) -> int:
        return self.coach.hints

    def follow(self, speed: float) -> list[Mistake]:
        """The events since the last frame: the mistakes they showed, by the lesson's route."""
        self.slowest = min(self.slowest, speed)
        news = self.coach.follow()
        for other in self.coaches[1:]:
            other.follow()
        return news

    @property
    def done(self) -> bool:
        return any(c.done for c in self.coaches)

    def hint(self) -> Hint | None:
        """The coach's step; after a hold let go too early, the hold again (the plan has already moved on
        to what the hold brings, which would leave the trainee waiting for nothing)."""
        hint = self.coach.hint()
        if hint is not None and not hint.keys and self.phone.phase == "password":
            return self._password_keys(hint)
        index = self.coach.grader.next_milestone()
        held = self.coach.plan.milestones[index - 1] if 0 < index <= len(self.coach.plan.milestones) else None
        if hint is None or hint.keys or held is None or held.id != "combo_held":
            return hint
        phone = self.phone
        holding = set(held.keys) <= set(phone.held) if held.keys else bool(phone.touches)
        if holding or not (held.keys or held.touch or held.fingers):
            return hint
        again = held.do[:1].lower() + held.do[1:]
        return Hint(f"Hold again: {again}", held.keys, held.touch, held.fingers, held.hold_seconds, held.why)

    def _password_keys(self, hint: Hint) -> Hint:
        """At the prompt, the keys of the admin password the attempt began with and OK, when it is digits
        (a changed password is not shown: the MAC is typed instead)."""
        password = DEFAULT_PASSWORD if self.admin_password is None else ""
        ok = self.phone.softkey_for("OK")
        keys = tuple(dict.fromkeys(password)) + ((ok,) if ok and password else ())
        if not password.isdigit() or any(self.phone.model.key(k) is None for k in keys):
            return hint
        return Hint(hint.text, keys, hint.touch, hint.fingers, hint.hold_seconds, hint.why)

    def ask_hint(self) -> Hint | None:
        self.coach.hints += 1
        return self.hint()

    def grade(self) -> Grade:
        """By the route that went best; hints taken cost points (a pass never drops below 51)."""
        for other in self.coaches[1:]:
            other.hints = self.coach.hints
        return max((c.result(self.phone.now_ms) for c in self.coaches), key=lambda g: (g.passed, g.score))

    def finish(
        self, trainee: str | None, *, store: Path | str | None = None, ended: datetime | None = None
    ) -> Finished:
        """Grade, trace and (with a trainee) store the attempt; the card compares it with the bests before it."""
        ended = ended or datetime.now(UTC)
        grade = self.grade()
        info = TraceInfo(trainee, self.mode, self.slowest, self.seed, self.exam_id, self.item, self.started, ended,
                         self.lesson)  # fmt: skip
        trace = trace_text(self.phone, goal=grade.goal, info=info, admin_password=self.admin_password)
        notes = []
        if self.slowest < 1:
            notes.append(f"Clock slowed to {self.slowest:g}x: a real phone keeps 1x time")
        if self.hints:
            notes.append(f"{self.hints} hint{'s' * (self.hints > 1)} taken: -{HINT_COST} points each")
        bests, stored = None, None
        if trainee:
            try:
                bests = _bests(trainee, grade, store)
                stored = record_attempt(grade, trainee=trainee, trace=trace, started=self.started, ended=ended,
                                        mode=self.mode, speed=self.slowest, exam_id=self.exam_id, item=self.item,
                                        path=store)  # fmt: skip
                notes.append(f"Kept for {trainee} as attempt {stored} (phonesim report --trainee {trainee!r})")
            except StoreError as exc:
                notes.append(f"Not kept: {exc}")
        else:
            notes.append("Not kept: no trainee named")
        card = Card(grade.passed, grade.score, grade.seconds, bests.seconds if bests else None,
                    tuple(card_rows(grade, bests.stages if bests else None)), grade.mistakes, tuple(notes))  # fmt: skip
        return Finished(grade, trace, card, stored, self.started)


def _bests(trainee: str, grade: Grade, store: Path | str | None) -> Bests | None:
    with open_store(store) as opened:
        return opened.personal_bests(trainee, grade.model, grade.goal)
