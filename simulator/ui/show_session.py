"""Sessions whose phone runs on simulated time moved by the wall clock: a demo or replay, and live practice.

The window's own Session runs its phone on a WallClock. These keep the phone on a simulated clock and
move it each frame by the wall time passed (times the speed), so a demo or a replay applies every input at
its own simulated millisecond, and a practice phone set up headless (the MAC coach's, at the prompt)
goes on living in the window. `wall` is the time source, which tests drive.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from simulator.core import Catalog, Phone, SimClock
from simulator.training.showing import Show
from simulator.ui.session import Session

MAX_FRAME_S = 0.5  # a frame that took longer (the window dragged, the machine busy) counts as this much


class WallDriven(Session):
    """A session that measures the wall time between frames; subclasses spend it."""

    def __init__(self, catalog: Catalog, phone: Phone, wall: Callable[[], float] = time.monotonic) -> None:
        super().__init__(catalog, phone, clock_factory=SimClock)
        self.wall = wall
        self._last = wall()

    def elapsed(self) -> float:
        """Wall seconds since the last frame (at most MAX_FRAME_S)."""
        now = self.wall()
        spent, self._last = min(MAX_FRAME_S, max(0.0, now - self._last)), now
        return spent


class ShowSession(WallDriven):
    """The window's session for a demo or a replay: the Show owns the phone, its speed and pause."""

    def __init__(self, catalog: Catalog, show: Show, wall: Callable[[], float] = time.monotonic) -> None:
        self.show = show
        super().__init__(catalog, show.phone, wall)
        self._mirror()

    def _mirror(self) -> None:
        self.phone = self.show.phone
        self.speed = self.show.speed
        self.paused = self.show.paused

    def tick(self) -> None:
        self.show.advance(self.elapsed())
        self._mirror()

    def toggle_pause(self) -> None:
        self.show.toggle_pause()
        self._mirror()

    def set_speed(self, speed: float) -> None:
        self.show.set_speed(speed)
        self._mirror()

    def step_speed(self, step: int) -> None:
        self.show.step_speed(step)
        self._mirror()

    def step(self) -> None:
        self.show.step()
        self._mirror()

    def restart(self) -> None:
        """From power off again: a new phone, so the window rebuilds its views."""
        self.show.restart()
        self._mirror()
        self.generation += 1


class LiveSession(WallDriven):
    """A phone prepared headless (on a simulated clock) that the window then runs in real time."""

    def __init__(
        self, catalog: Catalog, phone: Phone, make: Callable[[], Phone], wall: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(catalog, phone, wall)
        self.make = make

    def tick(self) -> None:
        spent = self.elapsed()
        if not self.paused:
            self.phone.advance_ms(round(spent * 1000 * self.speed))

    def set_speed(self, speed: float) -> None:
        self.speed = speed

    def toggle_pause(self) -> None:
        self.paused = not self.paused

    def restart(self) -> None:
        """A fresh phone from `make` (the practice starts over)."""
        self.phone = self.make()
        self.generation += 1
