"""Playing inputs back on a phone at a chosen speed: the window's demo mode and `phonesim replay`.

The player owns the phone's time: each frame it moves the simulated clock by the wall time passed
times the speed, and applies every input exactly at its own simulated millisecond on the way, so a
replay is the same attempt whatever the frame rate. Pause and step are the trainer's controls.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.core import Phone
from simulator.scenario import Runner, Scenario, make_phone
from simulator.training.traces import input_steps

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)


@dataclass(frozen=True)
class Action:
    t_ms: int
    kind: str  # power_on, power_off, press, release, touch, lift
    arg: object = None


def actions_of(scenario: Scenario) -> tuple[list[Action], int]:
    """The scenario's inputs at their simulated times (played headless once), and when it ends."""
    runner = Runner(scenario)
    runner.play()
    out, at = [], 0
    for step in input_steps(runner.phone):
        if isinstance(step, str):
            out.append(Action(at, step))
            continue
        kind, value = next(iter(step.items()))
        if kind == "wait":
            at += round(value * 1000)
        else:
            out.append(Action(at, kind, tuple(map(tuple, value)) if kind == "touch" else value))
    return out, at


class Player:
    """Plays `scenario`'s inputs on a fresh phone of its own (on a simulated clock)."""

    def __init__(self, scenario: Scenario, speed: float = 1.0) -> None:
        self.scenario = scenario
        self.actions, self.end_ms = actions_of(scenario)
        self.phone: Phone = make_phone(scenario)
        self.speed = speed
        self.paused = False
        self._next = 0

    @property
    def finished(self) -> bool:
        return self._next >= len(self.actions) and self.phone.now_ms >= self.end_ms

    @property
    def next_action(self) -> Action | None:
        return self.actions[self._next] if self._next < len(self.actions) else None

    def advance(self, wall_seconds: float) -> None:
        """Let `wall_seconds` of real time pass (nothing while paused)."""
        if not self.paused:
            self.play_to(self.phone.now_ms + round(wall_seconds * 1000 * self.speed))

    def step(self) -> None:
        """To the next input and do it (the trainer's "step" while paused)."""
        action = self.next_action
        self.play_to(action.t_ms if action is not None else self.end_ms)

    def play_to(self, target_ms: int) -> None:
        phone = self.phone
        target_ms = min(target_ms, max(self.end_ms, phone.now_ms))
        while (action := self.next_action) is not None and action.t_ms <= target_ms:
            phone.advance_ms(max(0, action.t_ms - phone.now_ms))
            self._apply(action)
            self._next += 1
        if target_ms > phone.now_ms:
            phone.advance_ms(target_ms - phone.now_ms)

    def _apply(self, action: Action) -> None:
        phone = self.phone
        if action.kind == "power_on":
            phone.power_on()
        elif action.kind == "power_off":
            phone.power_off()
        elif action.kind == "press":
            phone.press(str(action.arg))
        elif action.kind == "release":
            phone.release(str(action.arg))
        elif action.kind == "touch":
            phone.touch(action.arg)  # type: ignore[arg-type]
        else:
            phone.lift()

    def set_speed(self, step: int) -> None:
        """One notch slower (-1) or faster (+1) along SPEEDS."""
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.speed))
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, index + step))]
