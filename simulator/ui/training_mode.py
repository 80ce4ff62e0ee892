"""The window's training modes: free, guided, practice, exam (and demo, which has its own window).

`Trainer` sits between the session and the training package: it starts each attempt on a fresh phone,
feeds it every frame, keeps what guided mode explains, ends the attempt when the goal is reached (or
Ctrl+E), stores it, and holds the result card; an exam refuses the controls that would help. It draws
nothing itself: `coach_view` draws what it holds.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.core import Catalog, Phone
from simulator.training.coach import Hint
from simulator.training.exam import Exam, make_exam
from simulator.training.exam_run import LOCKED, ExamRun
from simulator.training.goals import default_goal
from simulator.training.grade import Grade
from simulator.training.lessons import Lesson, find_lesson
from simulator.training.live import RECORDED, WINDOW_MODES, Card, Finished, LiveAttempt, default_lesson
from simulator.training.plan import build_plans
from simulator.training.schema import data_dir
from simulator.training.traces import TraceInfo, trace_text
from simulator.ui.session import Session

DEMO_ELSEWHERE = "The demo opens with `phonesim demo MODEL`"
NEWS_KEPT = 3  # mistakes guided mode keeps on screen, newest first
CYCLE = ("free", "guided", "practice")  # F7 steps through these; an exam is started on purpose


@dataclass
class NameField:
    """The trainee's name being typed (asked once; an exam always asks)."""

    text: str = ""
    reason: str = "Whose attempts are these?"


@dataclass
class Explained:
    """A mistake guided mode explained, and the simulated time it happened."""

    id: str
    at: float
    detail: str


@dataclass
class Opened:
    """A trace file opened to look at: its grade and who made it how."""

    path: str
    grade: Grade
    info: TraceInfo
    card: Card


@dataclass
class Trainer:
    session: Session
    catalog: Catalog
    mode: str = "free"
    trainee: str | None = None
    lesson: Lesson | None = None
    store: Path | str | None = None  # the progress store (default: PHONESIM_DATA_DIR or the user-data folder)
    attempt: LiveAttempt | None = None
    card: Card | None = None
    last: Finished | None = None
    exam: ExamRun | None = None
    asking: NameField | None = None
    opened: Opened | None = None
    news: list[Explained] = field(default_factory=list)
    asked: bool = False  # the name was asked once already
    hidden: bool = False  # the card closed with Esc, to look at the phone and its log
    shown_hint: Hint | None = None  # practice: the hint asked for, until the step it was for is done
    _hint_step: object = None

    # -- starting ----------------------------------------------------------------------------------------
    def start(self, mode: str, lesson_id: str | None = None) -> str | None:
        """Switch to `mode` on a fresh phone; the reason when it cannot."""
        if mode not in WINDOW_MODES:
            return f"no mode {mode!r}; modes: {', '.join(WINDOW_MODES)}"
        if mode == "demo":
            return DEMO_ELSEWHERE
        if mode == "exam":
            return self.start_exam(None)
        self.mode, self.card, self.opened, self.exam, self.last = mode, None, None, None, None
        self.news.clear()
        if mode == "free":
            self.attempt = None
            return None
        phone = self.session.phone
        try:
            if lesson_id:
                self.lesson = find_lesson(self.catalog, lesson_id)
            elif self.lesson is None or (self.lesson.model.id, self.lesson.plan.software) != (
                phone.model.id,
                phone.software,
            ):
                self.lesson = default_lesson(self.catalog, phone.model.id, phone.software)
        except LookupError as exc:
            self.mode, self.attempt = "free", None
            return str(exc.args[0])
        if self.trainee is None and not self.asked:
            self.asking, self.asked = NameField(), True  # once: a trainee who skipped it is not asked again
        self._new_attempt()
        return None

    def _new_attempt(self) -> None:
        """The lesson's phone, switched off; the attempt coached by its route first, then the others."""
        lesson = self.lesson
        assert lesson is not None
        self.session.load(lesson.model.id, lesson.plan.software)
        phone = self.session.phone
        others = [p for p in build_plans(phone.model, phone.software, lesson.plan.goal) if p.route != lesson.plan.route]
        self.attempt = LiveAttempt([lesson.plan, *others], phone, mode=self.mode, lesson=lesson.id,
                                   speed=self.session.speed)  # fmt: skip
        self.card, self.shown_hint, self.hidden, self.last = None, None, False, None
        self.news.clear()

    def start_exam(self, exam: Exam | None) -> str | None:
        """An exam (default: five items on a seed from the clock); it always asks who takes it."""
        if exam is None:
            exam = make_exam(self.catalog, seed=secrets.randbelow(1_000_000))
        self.mode, self.card, self.opened, self.lesson = "exam", None, None, None
        self.exam = ExamRun(exam, self.catalog, self.trainee)
        self.asking = NameField(self.trainee or "", "Who takes this exam?")
        self.session.paused = False
        self.session.set_speed(1.0)
        self._next_item()
        return None

    def _next_item(self) -> None:
        assert self.exam is not None
        self.attempt = self.exam.start_item(self.session.clock_factory())
        self.session.adopt(self.attempt.phone)
        self.card, self.last = None, None
        self.news.clear()

    def open_trace(self, path: str, phone: Phone, grade: Grade, info: TraceInfo, card: Card) -> None:
        """A trace played to its end, shown with its grade (Esc closes the card)."""
        self.session.adopt(phone)
        self.mode, self.attempt, self.last, self.asking, self.exam = "free", None, None, None, None
        self.opened = Opened(path, grade, info, card)

    # -- every frame -----------------------------------------------------------------------------------
    def update(self) -> str | None:
        """Follow the attempt; when its goal is reached, end it. Says why when another phone has no lesson."""
        attempt = self.attempt
        if attempt is not None and attempt.phone is not self.session.phone and self.mode in ("guided", "practice"):
            self.lesson = None  # another model or software picked: its own lesson, from power off
            reason = self.start(self.mode)
            return f"{reason}: the window is in free mode" if reason else None
        if attempt is None or self.card is not None:
            return None
        for mistake in attempt.follow(self.session.speed):
            self.news.insert(0, Explained(mistake.id, mistake.at, mistake.detail))
            del self.news[NEWS_KEPT:]
        if self.shown_hint is not None and attempt.coach.step is not self._hint_step:
            self.shown_hint = None  # done: the next hint is asked for again
        if attempt.done and (self.asking is None or self.mode != "exam"):
            self.end()
        return None

    def end(self) -> str | None:
        """End the attempt now: graded (a failure counts gave_up), stored for the trainee, the card shown."""
        attempt = self.attempt
        if attempt is None or self.card is not None:
            return (
                "No attempt running: Ctrl+R starts one"
                if self.mode in RECORDED
                else "Ctrl+E ends an attempt in guided or practice mode"
            )
        attempt.follow(self.session.speed)
        if self.exam is not None:
            self.last = self.exam.finish_item(attempt, self.store)
        else:
            self.last = attempt.finish(self.trainee, store=self.store)
        self.card = self.last.card
        return None

    # -- controls --------------------------------------------------------------------------------------
    def refuse(self, action: str) -> str | None:
        """Why an exam refuses this control, or None."""
        if self.exam is None or (self.exam.finished and self.card is not None):
            return None
        return LOCKED.get(action)

    def act(self, name: str, arg: str = "") -> str | None:
        """A training control: mode, hint, retry, end, save, next; the line to show, if any."""
        if name == "mode":
            if self.exam is not None and not self.exam.finished:
                return LOCKED["mode"]
            wanted = arg or CYCLE[(CYCLE.index(self.mode) + 1) % len(CYCLE) if self.mode in CYCLE else 0]
            return self.start(wanted)
        if name == "hint":
            return self.ask_hint()
        if name == "retry":
            return self.retry()
        if name == "end":
            return self.end()
        if name == "save":
            return self.save()
        if name == "next":
            return self.next()
        return None

    def ask_hint(self) -> str | None:
        if self.mode != "practice" or self.attempt is None or self.card is not None:
            return "Hints are for practice mode (F7 switches modes); guided mode shows every step"
        self.shown_hint = self.attempt.ask_hint()
        self._hint_step = self.attempt.coach.step
        return None

    def retry(self) -> str | None:
        """Try again from power off (guided and practice)."""
        if self.exam is not None:
            return LOCKED["retry"]
        if self.mode not in ("guided", "practice"):
            return "Ctrl+R tries a guided or practice attempt again: F7 switches modes"
        self._new_attempt()
        return None

    def dismiss(self) -> bool:
        """Esc on a card: close it to look at the phone (an exam's cards stay); False when none is shown."""
        if self.opened is not None:
            self.opened = None
            return True
        if self.card is not None and not self.hidden and self.exam is None:
            self.hidden = True
            return True
        return False

    def next(self) -> str | None:
        """What Enter does on a card: the next exam item, or another try."""
        if self.opened is not None:
            self.opened = None
            return None
        if self.exam is not None:
            if self.card is not None and not self.exam.finished:
                self._next_item()
            return None
        return self.retry() if self.card is not None and not self.hidden else None

    @property
    def showing_card(self) -> bool:
        """A card the keyboard answers (Enter, Esc) is on screen."""
        return self.opened is not None or (self.card is not None and (not self.hidden or self.exam is not None))

    def save(self) -> str:
        """The last attempt (or the phone so far) as a trace file in the traces folder; says where."""
        if self.last is not None:  # the attempt whose card is (or was last) on screen, on this phone
            text, when, goal, model = self.last.trace, self.last.started, self.last.grade.goal, self.last.grade.model
        else:
            phone = self.session.phone
            info = TraceInfo(self.trainee, "free" if self.mode == "demo" else self.mode, self.session.speed)
            goal = self.attempt.goal if self.attempt else default_goal(phone.model, phone.software)
            password = self.attempt.admin_password if self.attempt else None  # a changed one replays as typed
            text = trace_text(phone, goal=goal, info=info, admin_password=password)
            when, model = None, phone.model.id
        folder = data_dir() / "traces"
        stamp = (when or datetime.now(UTC)).astimezone().strftime("%Y%m%d-%H%M%S")
        who = re.sub(r"[^A-Za-z0-9]+", "-", self.trainee or "").strip("-")
        path = folder / f"{stamp}-{'-'.join(x for x in (who, model, goal) if x)}.yaml"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            return f"Could not save the trace in {folder}: {exc.strerror or exc}"
        return f"Saved {path} (phonesim grade / run / import it)"

    # -- the trainee's name ----------------------------------------------------------------------------
    def type_name(self, key: str, char: str) -> None:
        """A key while the name is asked: letters, Backspace, Enter to confirm (Esc: not now, outside exams)."""
        field_ = self.asking
        assert field_ is not None
        if key == "enter":
            if field_.text.strip():
                self.trainee = field_.text.strip()
                if self.exam is not None:
                    self.exam.trainee = self.trainee
                if self.attempt is not None:
                    self.attempt.started = datetime.now(UTC)  # the attempt begins once the name is given
                self.asking = None
        elif key == "escape" and self.exam is None:
            self.asking = None
        elif key == "backspace":
            field_.text = field_.text[:-1]
        elif char and char.isprintable() and len(field_.text) < 40:
            field_.text += char

    # -- what the view and scripts read ----------------------------------------------------------------
    def hint(self) -> Hint | None:
        """The step to show: every step in guided mode, the one asked for in practice, none in an exam."""
        if self.attempt is None or self.card is not None:
            return None
        if self.mode == "guided":
            return self.attempt.hint()
        return self.shown_hint if self.mode == "practice" else None

    def highlighted(self) -> tuple[str, ...]:
        """Keys to ring on the phone: guided mode's next keys, or the keys of a practice hint."""
        hint = self.hint()
        return hint.keys if hint is not None else ()

    def state(self) -> dict[str, Any]:
        """The training part of --state-file: mode, step, mistakes, the card, the exam."""
        hint = self.hint()
        card = self.opened.card if self.opened else self.card
        out: dict[str, Any] = {
            "mode": self.mode,
            "trainee": self.trainee,
            "lesson": self.lesson.id if self.lesson and self.mode in ("guided", "practice") else None,
            "asking": self.asking is not None,
            "step": hint.text if hint else None,
            "highlighted": list(self.highlighted()),
            "mistakes": [m.id for m in reversed(self.news)],
            "card": None if card is None else {
                "passed": card.passed, "score": card.score, "stages": [r.stage for r in card.rows],
                "mistakes": [m.id for m in card.mistakes], "notes": list(card.notes),
            },
        }  # fmt: skip
        if self.exam is not None:
            out["exam"] = {"id": self.exam.exam.id, "seed": self.exam.exam.seed, "item": self.exam.index + 1,
                           "items": len(self.exam.exam.items), "finished": self.exam.finished,
                           "score": self.exam.score,
                           "sticker": None if self.exam.finished else self.exam.item.sticker}  # fmt: skip
        return out


def build_trainer(
    session: Session,
    catalog: Catalog,
    *,
    mode: str = "free",
    lesson: str | None = None,
    trainee: str | None = None,
    exam: Exam | None = None,
) -> Trainer:
    """The trainer a window starts with (`phonesim --mode ... --lesson ... --trainee ...`, `phonesim exam`)."""
    trainer = Trainer(session, catalog, trainee=trainee)
    if exam is not None or mode == "exam":
        trainer.start_exam(exam)
    elif mode in ("guided", "practice") and (reason := trainer.start(mode, lesson)) is not None:
        raise ValueError(f"--mode {mode}: {reason}")
    return trainer
