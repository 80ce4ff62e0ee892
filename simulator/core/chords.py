"""Key combinations and touches: which procedure is held, whether its window is open, how long.

Plain code, not machine states: every key press passes through here, and only a recognised
combination raises a machine trigger (through the phone's `act`). What it sees is logged: a
procedure's exact inputs held (`combo_held`, window open or not), a hold cut short
(`combo_aborted`), and a recognised one (`combo`), so a grader can say "let go 0.8 s early".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.core import touch as touchscreen
from simulator.core.events import ComboAborted, ComboHeld, ComboRecognised, ToneSounded
from simulator.core.model import Procedure
from simulator.core.timers import Timer

if TYPE_CHECKING:
    from simulator.core.phone import Phone

#: Pressing it while off connects power; it is no part of a combination unless the combination names it
#: ("hold restore and press power once").
POWER_KEY = "power_button"


@dataclass(frozen=True)
class ComboProgress:
    """How far a key combination is, for the UI's hold meter."""

    procedure: Procedure
    down: frozenset[str]
    held_ms: int
    window_open: bool
    counting: bool = False  # its hold time is running now (held keys that were pressed too early do not count)


def _inputs(proc: Procedure) -> dict[str, object]:
    return {"keys": tuple(sorted(proc.keys)), "touch": tuple(sorted(proc.touch)), "fingers": proc.fingers}


class Chords:
    def __init__(self, phone: Phone, order: tuple[Procedure, ...]) -> None:
        self.phone = phone
        self.order = order  # the order procedures are matched in (see tables.py)
        self.timer: Timer | None = None
        self.proc: Procedure | None = None  # the procedure whose hold time is running
        self.started_ms = 0
        self.recognised: Procedure | None = None  # the last combination recognised, while still held
        self.armed: set[str] = set()  # first steps done since power-on
        self.signal: Procedure | None = None  # a completed hold whose signal shows
        self.awaiting: Procedure | None = None  # recognised; acts when everything is let go

    def reset(self) -> None:
        """A new phase: no hold runs on, no signal shows."""
        self.stop("window_closed")
        self.signal = None
        self.awaiting = None

    def window_open(self, proc: Procedure, powering: bool = False) -> bool:
        if proc.requires is not None and proc.requires not in self.armed:
            return False
        if powering or proc.at_power_on:  # connecting power opens only the at-power-on windows
            return powering and proc.at_power_on
        phone = self.phone
        if phone.phase != proc.phase:
            return False
        return proc.stage is None or (phone.boot_stage is not None and phone.boot_stage.id == proc.stage)

    def stop(self, reason: str) -> None:
        """End a running hold; one cut short is logged with how long it was held of how long it needed."""
        if self.timer is None:
            return
        proc, phone = self.proc, self.phone
        self.timer.cancel()
        self.timer = None
        self.proc = None
        if proc is not None:
            held = phone.now_ms - self.started_ms
            phone.log(ComboAborted(phone.now_ms, proc.id, tuple(sorted(proc.keys)), held / 1000, proc.hold_ms / 1000,
                                   reason, tuple(sorted(proc.touch)), proc.fingers))  # fmt: skip

    def changed(self, *, started: bool, powering: bool = False) -> None:
        """Exactly the procedure's keys and touches, completed by a press or touch inside its window."""
        # Any change of keys or touches empties the meter, unless a recognised combination awaits release.
        self.recognised = self.awaiting
        if self.awaiting is not None:
            self._check_released()
            return
        self.stop("released")
        if not started:
            return
        phone = self.phone
        held = phone.held.keys()
        without_power = held - {POWER_KEY} if POWER_KEY in held else held
        closed: Procedure | None = None
        for proc in self.order:
            keys = held if POWER_KEY in proc.keys else without_power
            if proc.keys != keys or not touchscreen.matches(proc, phone.touches):
                continue
            if self.window_open(proc, powering):
                self.proc = proc
                self.started_ms = phone.now_ms
                self.timer = phone.timers.schedule(phone.now_ms + proc.hold_ms, self._recognise, proc.id)
                phone.log(ComboHeld(phone.now_ms, proc.id, **_inputs(proc)))  # type: ignore[arg-type]
                return
            closed = closed or proc
        if closed is not None:
            phone.log(ComboHeld(phone.now_ms, closed.id, **_inputs(closed), window_open=False))  # type: ignore[arg-type]

    def _check_released(self) -> None:
        proc, phone = self.awaiting, self.phone
        if proc is not None and not (proc.keys & phone.held.keys()) and not phone.touches:
            self.awaiting = None
            self.signal = None
            phone.act(proc)

    def _recognise(self) -> None:
        proc, phone = self.proc, self.phone
        self.timer = None
        self.proc = None
        if proc is None:
            return
        self.recognised = proc
        phone.log(ComboRecognised(phone.now_ms, proc.id, **_inputs(proc)))  # type: ignore[arg-type]
        if proc.tone:
            tone = phone.model.tones.get(proc.tone)
            phone.log(ToneSounded(phone.now_ms, proc.tone, tone.frequency if tone else None, tone.ms if tone else None))
        if proc.signal_leds or proc.signal_screen:
            self.signal = proc
        if proc.release or proc.signal_ms:
            # The phone stays in this state (boot stages stop): until everything is let go, or while
            # the signal shows.
            phone.hold_phase()
        if proc.release:
            self.awaiting = proc
        elif proc.signal_ms:
            phone.after(proc.signal_ms, lambda: phone.act(proc), f"signal:{proc.id}")
        else:
            phone.act(proc)

    def progress(self) -> list[ComboProgress]:
        phone = self.phone
        out = []
        for proc in phone.model.procedures:
            down = proc.keys & phone.held.keys()
            held_ms = 0
            counting = self.proc is proc and self.timer is not None
            if counting:
                held_ms = phone.now_ms - self.started_ms
            elif self.recognised is proc:
                held_ms = proc.hold_ms  # recognised, and still held: the meter stays full
            out.append(
                ComboProgress(proc, frozenset(down), min(held_ms, proc.hold_ms), self.window_open(proc), counting)
            )
        return out
