"""What the grader watches for while it reads the events: the mistakes, each named where it happens.

Mixed into the Grader: it keeps what the phone is doing (phase, boot stage, keys held, touches, the
goal's window) and flags a mistake with its detail ("you let go 0.8 s early").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.core import POWER_KEY, Event, Model, Procedure, corner_of, mac_as_typed
from simulator.training.grade import Mistake

if TYPE_CHECKING:
    from simulator.training.grader import Grader

ENTRY_STATES = ("password_entry", "setup_password", "menu_password")
PEAK_MS = 500  # a set of keys held this long counts as a try at a combination


def _keys(model: Model, keys: Iterable[str]) -> str:
    labels = []
    for key in sorted(keys, key=lambda k: (len(k) > 1, k)):
        found = model.key(key)
        labels.append(found.label if found is not None and found.label and len(key) > 1 else key)
    return " + ".join(labels) or "nothing"


def _corners(corners: Iterable[str | None]) -> str:
    return ", ".join(c.replace("_", " ") for c in sorted(c for c in corners if c))


@dataclass
class PhoneWatch:
    """What the phone is doing as the events are read."""

    phase: str = "off"
    state: str = "off"
    stage: str | None = None
    held: dict[str, int] = field(default_factory=dict)
    touches: tuple[tuple[float, float], ...] = ()
    since_ms: int = 0  # when the keys and touches held now began to be held together
    window_seen: bool = False  # the goal's window has opened since power-on
    window_closed_ms: int | None = None


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


class Watching:
    def _flag(self: Grader, mistake: str, at_ms: int, detail: str, once: object = None) -> None:
        key = (mistake, once if once is not None else at_ms)
        if key in self._flagged:
            return
        self._flagged.add(key)
        self.mistakes.append(Mistake(mistake, at_ms / 1000, detail))

    def _power_on(self: Grader, e: Event) -> None:
        w = self.watch
        w.window_seen, w.window_closed_ms, w.stage = False, None, None

    def _key_pressed(self: Grader, e: Event) -> None:
        w = self.watch
        if e.t_ms - w.since_ms >= PEAK_MS:
            self._held_long(e.t_ms)
        w.held[e.key] = e.t_ms  # type: ignore[attr-defined]
        w.since_ms = e.t_ms
        if e.label is not None:  # type: ignore[attr-defined]
            self._softkey(e)

    def _key_released(self: Grader, e: Event) -> None:
        w = self.watch
        if e.t_ms - w.since_ms >= PEAK_MS:
            self._held_long(e.t_ms)
        w.held.pop(e.key, None)  # type: ignore[attr-defined]
        w.since_ms = e.t_ms

    def _touched(self: Grader, e: Event) -> None:
        w = self.watch
        if e.t_ms - w.since_ms >= PEAK_MS:
            self._held_long(e.t_ms)
        w.touches = getattr(e, "points", ())  # a lift has none
        w.since_ms = e.t_ms

    def _in_window(self: Grader, proc: Procedure) -> bool:
        w = self.watch
        if w.phase != proc.phase:
            return False
        return proc.stage is None or w.stage == proc.stage

    def _phase(self: Grader, e: Event) -> None:
        w = self.watch
        was = self.proc is not None and self._in_window(self.proc)
        w.phase, w.state = e.phase, e.state  # type: ignore[attr-defined]
        self.saw_menu = self.saw_menu or w.phase == "menu"
        if w.phase != "boot":
            w.stage = None
        self._window_change(was, e.t_ms)

    def _stage(self: Grader, e: Event) -> None:
        w = self.watch
        proc = self.proc
        was = proc is not None and self._in_window(proc)
        if w.stage == "starting" and proc is not None and proc.phase == "countdown" and self._next() == "cancel":
            starting = self.model.boot.starting_ms / 1000
            self._flag("cancel_missed", e.t_ms, f"\"press Cancel to interrupt\" showed for {starting:g} s and "
                       "passed without Cancel, so the application loaded; power-cycle, then press Cancel")  # fmt: skip
        w.stage = e.stage  # type: ignore[attr-defined]
        self._window_change(was, e.t_ms)

    def _window_change(self: Grader, was: bool, at_ms: int) -> None:
        if self.proc is None:
            return
        now = self._in_window(self.proc)
        if now and not was:
            self.watch.window_seen, self.watch.window_closed_ms = True, None
        elif was and not now:
            self.watch.window_closed_ms = at_ms

    def _softkey(self: Grader, e: Event) -> None:
        label = e.label  # type: ignore[attr-defined]
        if label == "Setup":
            self._flag("setup_pressed", e.t_ms, "you pressed Setup: it asks for the admin password and opens "
                       "Network Configuration, it never resets; press Cancel, then hold the combination")  # fmt: skip
        if label in ("No", "Cancel") and self.watch.state in ("confirm", "menu_confirm"):
            self._flag("reset_declined", e.t_ms, f"you answered {label} at \"Reset to factory defaults?\": press "
                       "Yes to reset")  # fmt: skip

    def _held_long(self: Grader, at_ms: int) -> None:
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

    def _combo_held(self: Grader, e: Event) -> None:
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

    def _combo_aborted(self: Grader, e: Event) -> None:
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

    def _rejected(self: Grader, e: Event) -> None:
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

    def _too_fast(self: Grader, typed: str, expected: str, i: int) -> bool:
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


#: What each kind of event tells the grader about the trainee (kinds not listed tell it nothing).
WATCH: dict[str, Callable[..., None]] = {
    "power_on": Watching._power_on,
    "phase": Watching._phase,
    "stage": Watching._stage,
    "key_down": Watching._key_pressed,
    "key_up": Watching._key_released,
    "touch": Watching._touched,
    "lift": Watching._touched,
    "combo_held": Watching._combo_held,
    "combo_aborted": Watching._combo_aborted,
    "password_rejected": Watching._rejected,
}
