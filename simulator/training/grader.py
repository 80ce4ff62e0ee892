"""Grading an attempt: a pure function of the plan (model, software, goal) and the event log.

One pass over the events: it follows the milestones (stages and their splits), notes what the phone
did (phase, boot stage, keys held, touches) and names each mistake where it happens. The outcome
is judged on what the phone ended up doing, not on the path taken.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.core import (
    POWER_KEY,
    Catalog,
    Event,
    Model,
    Phone,
    Procedure,
    corner_of,
    mac_as_typed,
)
from simulator.training.goals import default_goal
from simulator.training.grade import Grade, Mistake, Split
from simulator.training.plan import Plan, build_plans

ENTRY_STATES = ("password_entry", "setup_password", "menu_password")
PEAK_MS = 500  # a set of keys held this long counts as a try at a combination
PASS_FLOOR, FAIL_CEILING, DECAY = 51, 50, 0.8
#: Goals without a configuration result: the event that is their result (a reboot by the combination).
_RESULTS = {"reboot": "reboot", "upload_logs": "logs_uploaded"}


@dataclass
class Attempt:
    """What grading needs besides the events: who the phone is and what its passwords were at the start."""

    mac: str
    admin_password: str
    file: str = ""


def score(passed: bool, mistakes: int, reached: int, planned: int) -> int:
    """Passed: 51 + 49 x 0.8^mistakes; failed: 50 x (stages reached / planned) x 0.8^mistakes (rounded down).

    A clean pass is 100, every mistake lowers the score, and every failure scores below every pass.
    """
    factor = DECAY**mistakes
    if passed:
        return math.floor(PASS_FLOOR + (100 - PASS_FLOOR) * factor)
    return math.floor(FAIL_CEILING * (reached / max(1, planned)) * factor)


def _keys(model: Model, keys: Iterable[str]) -> str:
    labels = []
    for key in sorted(keys, key=lambda k: (len(k) > 1, k)):
        found = model.key(key)
        labels.append(found.label if found is not None and found.label and len(key) > 1 else key)
    return " + ".join(labels) or "nothing"


def _corners(corners: Iterable[str | None]) -> str:
    return ", ".join(c.replace("_", " ") for c in sorted(c for c in corners if c))


@dataclass
class _Watch:
    """What the phone is doing as the events are read."""

    phase: str = "off"
    state: str = "off"
    stage: str | None = None
    held: dict[str, int] = field(default_factory=dict)
    touches: tuple[tuple[float, float], ...] = ()
    since_ms: int = 0  # when the keys and touches held now began to be held together
    window_seen: bool = False  # the goal's window has opened since power-on
    window_closed_ms: int | None = None


class Grader:
    def __init__(self, plan: Plan, attempt: Attempt) -> None:
        self.plan = plan
        self.attempt = attempt
        self.model = plan.model
        self.proc: Procedure | None = plan.procedure
        self.first = next((p for p in self.model.procedures if self.proc and p.id == self.proc.requires), None)
        self.reached: list[tuple[str, int]] = []
        self.mistakes: list[Mistake] = []
        self._flagged: set[tuple[str, object]] = set()
        self.watch = _Watch()
        self.outcome_ms: int | None = None
        self.passed_ms: int | None = None
        self.last_ms = 0
        self.saw_menu = False  # the phone's menu was opened (another route to some goals)
        self._marking = {m.kind for m in plan.milestones}  # only these kinds can reach a milestone
        self._results = {"application_started", plan.outcome[0] if plan.outcome else _RESULTS.get(plan.goal)}
        self._relevant = self._marking | self._results | _WATCH.keys()

    # -- the pass --------------------------------------------------------------------------------------
    def run(self, events: Sequence[Event]) -> Grade:
        self.feed_all(events)
        return self.result(events[-1].t_ms if events else 0)

    def feed_all(self, events: Sequence[Event]) -> None:
        feed = self.feed
        for event in events:
            feed(event)

    def feed(self, event: Event) -> None:
        """One more event, in order: graded as it comes, so guided mode can explain a mistake at once."""
        kind = event.kind
        self.last_ms = event.t_ms
        if kind not in self._relevant:  # the screen, the lights, the tone: nothing to grade
            return
        if kind in self._marking:
            self._milestone(event)
        if self.passed_ms is not None:
            return  # what happens after the goal is reached is not part of the attempt
        watch = _WATCH.get(kind)
        if watch is not None:
            watch(self, event)
        if kind in self._results:
            self._goal(event)

    @property
    def passed(self) -> bool:
        return self.passed_ms is not None

    def next_milestone(self) -> int:
        """The index of the milestone the attempt is heading for (len(milestones) when all are reached)."""
        return len(self.reached)

    def result(self, end_ms: int) -> Grade:
        """The grade of the attempt ended at `end_ms` (the grader can go on being fed afterwards)."""
        passed = self.passed_ms is not None
        mistakes = list(self.mistakes)
        if not passed:
            at = self.reached[-1][0] if self.reached else "the start"
            goal = self.plan.goal.replace("_", " ")
            detail = f"the attempt ended at {at.replace('_', ' ')}, before the {goal} was done"
            mistakes.append(Mistake("gave_up", end_ms / 1000, detail))
        return Grade(
            file=self.attempt.file,
            model=self.model.id,
            software=self.plan.software,
            goal=self.plan.goal,
            passed=passed,
            score=score(passed, len(mistakes), len(self.reached), len(self.plan.milestones)),
            stages=self._splits(end_ms),
            mistakes=tuple(sorted(mistakes, key=lambda m: m.at)),
        )

    def _milestone(self, event: Event) -> None:
        """The next milestone, in order; the latest one reached moves to a later match (a second try)."""
        milestones = self.plan.milestones
        n = len(self.reached)
        if n < len(milestones) and milestones[n].marks(event):
            self.reached.append((milestones[n].id, event.t_ms))
        elif n and n < len(milestones) + 1 and milestones[n - 1].marks(event) and self.passed_ms is None:
            self.reached[-1] = (milestones[n - 1].id, event.t_ms)

    def _splits(self, end_ms: int) -> tuple[Split, ...]:
        out = []
        finished = len(self.reached) == len(self.plan.milestones)
        for i, (stage_id, start) in enumerate(self.reached):
            last = start if finished else end_ms
            stop = self.reached[i + 1][1] if i + 1 < len(self.reached) else last
            out.append(Split(stage_id, start / 1000, (stop - start) / 1000))
        return tuple(out)

    def _goal(self, event: Event) -> None:
        """Passed when the goal's result happened and, for a goal that restarts the phone, it is back."""
        plan = self.plan
        if self.passed_ms is not None:
            return
        if self.outcome_ms is None:
            if plan.outcome is not None:
                kind, action = plan.outcome
                if event.kind == kind and getattr(event, "action", None) == action:
                    self.outcome_ms = event.t_ms
            elif event.kind == _RESULTS.get(plan.goal) and (plan.goal != "reboot" or self._combo_done()):
                self.outcome_ms = event.t_ms
        back = not plan.back_to_idle or event.kind == "application_started"
        if self.outcome_ms is not None and back:
            self.passed_ms = event.t_ms

    @property
    def progress(self) -> float:
        """How much of this plan's route the attempt followed."""
        return len(self.reached) / max(1, len(self.plan.milestones))

    @property
    def engaged(self) -> bool:
        """Whether the attempt took this plan's route: a procedure is always tried, the menu once opened."""
        return self.proc is not None or any(stage == "menu" for stage, _ in self.reached)

    def _next(self) -> str | None:
        """The id of the milestone the attempt is heading for."""
        n = len(self.reached)
        return self.plan.milestones[n].id if n < len(self.plan.milestones) else None

    def _combo_done(self) -> bool:
        return any(stage == "combo_held" for stage, _ in self.reached)

    # -- watching for mistakes ---------------------------------------------------------------------------
    def _flag(self, mistake: str, at_ms: int, detail: str, once: object = None) -> None:
        key = (mistake, once if once is not None else at_ms)
        if key in self._flagged:
            return
        self._flagged.add(key)
        self.mistakes.append(Mistake(mistake, at_ms / 1000, detail))

    def _power_on(self, e: Event) -> None:
        w = self.watch
        w.window_seen, w.window_closed_ms, w.stage = False, None, None

    def _key_pressed(self, e: Event) -> None:
        w = self.watch
        if e.t_ms - w.since_ms >= PEAK_MS:
            self._held_long(e.t_ms)
        w.held[e.key] = e.t_ms  # type: ignore[attr-defined]
        w.since_ms = e.t_ms
        if e.label is not None:  # type: ignore[attr-defined]
            self._softkey(e)

    def _key_released(self, e: Event) -> None:
        w = self.watch
        if e.t_ms - w.since_ms >= PEAK_MS:
            self._held_long(e.t_ms)
        w.held.pop(e.key, None)  # type: ignore[attr-defined]
        w.since_ms = e.t_ms

    def _touched(self, e: Event) -> None:
        w = self.watch
        if e.t_ms - w.since_ms >= PEAK_MS:
            self._held_long(e.t_ms)
        w.touches = getattr(e, "points", ())  # a lift has none
        w.since_ms = e.t_ms

    def _in_window(self, proc: Procedure) -> bool:
        w = self.watch
        if w.phase != proc.phase:
            return False
        return proc.stage is None or w.stage == proc.stage

    def _phase(self, e: Event) -> None:
        w = self.watch
        was = self.proc is not None and self._in_window(self.proc)
        w.phase, w.state = e.phase, e.state  # type: ignore[attr-defined]
        self.saw_menu = self.saw_menu or w.phase == "menu"
        if w.phase != "boot":
            w.stage = None
        self._window_change(was, e.t_ms)

    def _stage(self, e: Event) -> None:
        w = self.watch
        proc = self.proc
        was = proc is not None and self._in_window(proc)
        if w.stage == "starting" and proc is not None and proc.phase == "countdown" and self._next() == "cancel":
            starting = self.model.boot.starting_ms / 1000
            self._flag("cancel_missed", e.t_ms, f"\"press Cancel to interrupt\" showed for {starting:g} s and "
                       "passed without Cancel, so the application loaded; power-cycle, then press Cancel")  # fmt: skip
        w.stage = e.stage  # type: ignore[attr-defined]
        self._window_change(was, e.t_ms)

    def _window_change(self, was: bool, at_ms: int) -> None:
        if self.proc is None:
            return
        now = self._in_window(self.proc)
        if now and not was:
            self.watch.window_seen, self.watch.window_closed_ms = True, None
        elif was and not now:
            self.watch.window_closed_ms = at_ms

    def _softkey(self, e: Event) -> None:
        label = e.label  # type: ignore[attr-defined]
        if label == "Setup":
            self._flag("setup_pressed", e.t_ms, "you pressed Setup: it asks for the admin password and opens "
                       "Network Configuration, it never resets; press Cancel, then hold the combination")  # fmt: skip
        if label in ("No", "Cancel") and self.watch.state in ("confirm", "menu_confirm"):
            self._flag("reset_declined", e.t_ms, f"you answered {label} at \"Reset to factory defaults?\": press "
                       "Yes to reset")  # fmt: skip

    def _held_long(self, at_ms: int) -> None:
        """Keys or touches held together long enough to be a try, now changing: were they the wrong ones?"""
        w = self.watch
        proc = self.proc
        if proc is None or w.state in ENTRY_STATES:
            return
        held = frozenset(w.held) - {POWER_KEY}
        wanted = proc.keys - {POWER_KEY}
        if wanted and len(held) >= 2 and held & wanted and held != wanted:
            if any(p.keys - {POWER_KEY} == held for p in self.model.procedures):
                return  # another procedure's combination: named as such
            extra, missing = held - wanted, wanted - held
            parts = [f"{_keys(self.model, extra)} {'is' if len(extra) == 1 else 'are'} not part of it"] if extra else []
            parts += [f"{_keys(self.model, missing)} {'is' if len(missing) == 1 else 'are'} missing"] if missing else []
            self._flag("wrong_keys", w.since_ms, f"you held {_keys(self.model, held)}: " + ", ".join(parts) +
                       f" (the combination is {_keys(self.model, wanted)})", once=held)  # fmt: skip
        if proc.touch and w.touches:
            corners = {corner_of(p) for p in w.touches}
            if corners != set(proc.touch):
                missing = set(proc.touch) - corners
                off = len([c for c in corners if c is None or c not in proc.touch])
                detail = f"you touched {len(w.touches)} point(s)"
                detail += f"; missing: {_corners(missing)}" if missing else ""
                detail += f"; {off} not on a corner the procedure uses" if off else ""
                self._flag("wrong_keys", w.since_ms, detail, once=("touch", frozenset(corners)))
        elif proc.fingers and w.touches and len(w.touches) != proc.fingers:
            self._flag("wrong_keys", w.since_ms, f"you held {len(w.touches)} fingers on the screen; it takes "
                       f"{proc.fingers}", once=("fingers", len(w.touches)))  # fmt: skip

    def _combo_held(self, e: Event) -> None:
        proc = self.proc
        name = e.procedure  # type: ignore[attr-defined]
        mine = {p.id for p in (proc, self.first) if p is not None}
        if name not in mine:
            other = next(p for p in self.model.procedures if p.id == name)
            goal = f"; the {self.plan.goal.replace('_', ' ')} is {_inputs(self.model, proc)}" if proc else ""
            self._flag("wrong_combination", e.t_ms, f"you held {_inputs(self.model, other)}, the "
                       f"{other.id.replace('_', ' ')} combination{goal}", once=name)  # fmt: skip
            return
        if e.window_open:  # type: ignore[attr-defined]
            return
        target = proc if name == proc.id else self.first  # type: ignore[union-attr]
        assert target is not None
        what = _inputs(self.model, target)
        w = self.watch
        if target.at_power_on:
            power = "press power" if POWER_KEY in self.model.key_ids else "connect power"
            self._flag("power_order", e.t_ms, f"you held {what} with the power already on: hold it first, "
                       f"then {power} while holding")  # fmt: skip
        elif w.window_seen and w.window_closed_ms is not None and target is proc:
            late = (e.t_ms - w.window_closed_ms) / 1000
            self._flag("combo_too_late", e.t_ms, f"you held {what} {late:.1f} s after its window "
                       f"({_window(target)}) had closed")  # fmt: skip
        else:
            self._flag("combo_too_early", e.t_ms, f"you held {what} before its window ({_window(target)}) "
                       "opened: let go and press it again once the window is open")  # fmt: skip

    def _combo_aborted(self, e: Event) -> None:
        name = e.procedure  # type: ignore[attr-defined]
        target = next((p for p in (self.proc, self.first) if p is not None and p.id == name), None)
        if target is None:
            return
        held, needed = e.held, e.needed  # type: ignore[attr-defined]
        if e.reason == "window_closed":  # type: ignore[attr-defined]
            self._flag("combo_too_late", e.t_ms, f"the window ({_window(target)}) closed {needed - held:.1f} s "
                       f"before the hold was complete: start {_inputs(self.model, target)} earlier")  # fmt: skip
        elif target.release or target.signal_leds or target.signal_screen:
            self._flag("let_go_before_signal", e.t_ms, f"you let go after {held:.1f} s, before the signal "
                       f"({needed:g} s): hold until it shows, then let go")  # fmt: skip
        else:
            self._flag("released_early", e.t_ms, f"you let go {needed - held:.1f} s early: held {held:.1f} s of "
                       f"the {needed:g} s needed")  # fmt: skip

    def _rejected(self, e: Event) -> None:
        typed: str = e.entered  # type: ignore[attr-defined]
        prompt: str = e.prompt  # type: ignore[attr-defined]
        attempt = self.attempt
        case = self.model.text_entry.mac_case
        if prompt == "reset" and typed.lower() == attempt.mac and case != "any":
            self._flag("password_case", e.t_ms, f"you typed the MAC in the wrong case ({typed}); this phone wants "
                       f"it in {case} case: {mac_as_typed(attempt.mac, case)}")  # fmt: skip
            return
        targets = [attempt.admin_password]
        if prompt == "reset":
            targets.append(mac_as_typed(attempt.mac, case))
        expected = max(targets, key=lambda t: _common(typed, t))
        i = _common(typed, expected)
        if self._too_fast(typed, expected, i):
            self._flag("multitap_too_fast", e.t_ms, f"you typed {typed[i]!r} where {expected[i:i + 2]!r} was meant: "
                       "two taps of one key without a pause make one letter; wait a second between letters on "
                       "the same key")  # fmt: skip
            return
        if prompt != "reset" and typed.lower() == attempt.mac:
            detail = "the MAC address is taken only at the reset prompt; here the admin password is needed"
        elif i < len(typed) and i < len(expected):
            detail = f"character {i + 1} was {typed[i]!r} where {expected[i]!r} was expected"
        elif i < len(typed):
            detail = f"{len(typed) - i} character(s) too many after {expected!r}"
        else:
            detail = f"the entry stopped after {len(typed)} characters; {len(expected)} were expected"
        self._flag("password_wrong", e.t_ms, detail)

    def _too_fast(self, typed: str, expected: str, i: int) -> bool:
        """At the first wrong character: the next two expected letters share a key, and a later letter of
        that key went in instead (two taps read as one letter)."""
        if i >= len(typed) or i + 1 >= len(expected):
            return False
        for key in self.model.keys:
            letters = key.letters.lower()
            if letters and expected[i].lower() in letters and expected[i + 1].lower() in letters:
                got = typed[i].lower()
                return got in letters and letters.index(got) > letters.index(expected[i].lower())
        return False


def _common(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _inputs(model: Model, proc: Procedure | None) -> str:
    if proc is None:
        return "nothing"
    parts = []
    if proc.keys - {POWER_KEY}:
        parts.append(_keys(model, proc.keys - {POWER_KEY}))
    if proc.touch:
        parts.append("the four corners" if len(proc.touch) == 4 else _corners(proc.touch))
    if proc.fingers:
        parts.append(f"{proc.fingers} fingers")
    return " and ".join(parts)


def _window(proc: Procedure) -> str:
    if proc.at_power_on:
        return "while connecting power"
    if proc.stage:
        return f"the {proc.stage} screen"
    return {"countdown": "the countdown", "running": "the idle screen"}.get(proc.phase, proc.phase)


def grade(plans: Plan | Sequence[Plan], events: Sequence[Event], attempt: Attempt) -> Grade:
    """Graded by each route's plan; the attempt gets the route it did best on (a pass, then the score)."""
    options = [plans] if isinstance(plans, Plan) else list(plans)
    by_keys = [Grader(plan, attempt) for plan in options if plan.procedure is not None]
    graders = by_keys
    for grader in by_keys:
        grader.feed_all(events)
    if not by_keys or any(g.saw_menu for g in by_keys):  # the menu's route counts only once it was opened
        by_menu = [Grader(plan, attempt) for plan in options if plan.procedure is None]
        for grader in by_menu:
            grader.feed_all(events)
        graders = by_keys + by_menu
    end = events[-1].t_ms if events else 0
    ranked = [(g.result(end), g) for g in graders]
    return max(ranked, key=lambda pair: (pair[0].passed, pair[1].engaged, pair[1].progress, pair[0].score))[0]


def grade_phone(phone: Phone, goal: str | None, *, admin_password: str, file: str = "") -> Grade:
    """Grade what happened to `phone` so far; `admin_password` is the one it had when the attempt began."""
    goal = goal or default_goal(phone.model, phone.software)
    plans = build_plans(phone.model, phone.software, goal)
    return grade(plans, phone.events, Attempt(phone.mac, admin_password, file))


def grade_file(path: str | Path, catalog: Catalog, goal: str | None = None) -> Grade:
    """Play a scenario or trace and grade it; its `goal:` header unless `goal` is given (default
    factory_reset). A bad file raises DataError; a goal the model has not, LookupError."""
    from simulator.scenario import Runner, load_scenario

    scenario = load_scenario(path, catalog)
    runner = Runner(scenario)
    runner.play()
    admin = scenario.admin_password if scenario.admin_password is not None else "456"
    return grade_phone(runner.phone, goal or scenario.goal, admin_password=admin, file=str(path))


#: What each kind of event tells the grader about the trainee (kinds not listed tell it nothing).
_WATCH = {
    "power_on": Grader._power_on,
    "phase": Grader._phase,
    "stage": Grader._stage,
    "key_down": Grader._key_pressed,
    "key_up": Grader._key_released,
    "touch": Grader._touched,
    "lift": Grader._touched,
    "combo_held": Grader._combo_held,
    "combo_aborted": Grader._combo_aborted,
    "password_rejected": Grader._rejected,
}
