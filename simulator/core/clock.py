"""Clocks count integer milliseconds: float seconds broke equality by rounding (0.2+0.1+0.1+0.05)."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now_ms(self) -> int: ...

    def skip_ms(self, ms: int) -> None:
        """Move time forward at once (a simulated wait, or the UI's "jump ahead")."""


class SimClock:
    """Time that moves only when told to: headless runs jump from event to event."""

    def __init__(self, start_ms: int = 0) -> None:
        self._now = start_ms

    def now_ms(self) -> int:
        return self._now

    def skip_ms(self, ms: int) -> None:
        if ms < 0:
            raise ValueError("a clock cannot run backwards")
        self._now += ms


class WallClock:
    """Monotonic wall time scaled by a speed factor, for the interactive UI; pausable."""

    def __init__(self, speed: float = 1.0, source=time.monotonic) -> None:
        self._source = source
        self._speed = speed
        self._base_real = source()
        self._base_ms = 0.0
        self._paused = False

    def now_ms(self) -> int:
        if self._paused:
            return int(self._base_ms)
        return int(self._base_ms + (self._source() - self._base_real) * 1000.0 * self._speed)

    def _rebase(self) -> None:
        self._base_ms = float(self.now_ms())
        self._base_real = self._source()

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        self._rebase()
        self._speed = value

    @property
    def paused(self) -> bool:
        return self._paused

    @paused.setter
    def paused(self, value: bool) -> None:
        self._rebase()
        self._paused = value

    def skip_ms(self, ms: int) -> None:
        self._rebase()
        self._base_ms += ms
