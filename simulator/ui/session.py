"""The phone being operated and the wall clock it runs on.

Choosing another model or software version makes a new Phone (on a new clock that keeps the chosen
speed); everything else only sends the phone events or moves its clock.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.core.catalog import Catalog
from simulator.core.clock import Clock, WallClock
from simulator.core.phone import Phone

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
JUMP_LIMIT = 10_000  # timers fired at most by one "jump to countdown" (a boot has a handful)


class Session:
    def __init__(self, catalog: Catalog, phone: Phone, clock_factory: Callable[[], Clock] = WallClock) -> None:
        self.catalog = catalog
        self.phone = phone
        self.clock_factory = clock_factory
        self.speed = 1.0
        self.paused = False
        self.generation = 0  # counts new phones, so views know to rebuild

    @classmethod
    def open(
        cls,
        catalog: Catalog,
        model_id: str,
        software: str | None = None,
        clock_factory: Callable[[], Clock] = WallClock,
    ) -> Session:
        return cls(catalog, Phone(catalog.load(model_id), clock_factory(), software=software), clock_factory)

    def load(self, model_id: str, software: str | None = None) -> None:
        """A new phone of `model_id` (off, as a phone fresh out of its box), on a new clock at the same speed."""
        clock = self.clock_factory()
        self._apply(clock)
        self.phone = Phone(self.catalog.load(model_id), clock, software=software)
        self.generation += 1

    def _apply(self, clock: Clock) -> None:
        if isinstance(clock, WallClock):
            clock.speed = self.speed
            clock.paused = self.paused

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self._apply(self.phone.clock)

    def step_speed(self, step: int) -> None:
        """One notch slower (-1) or faster (+1) along SPEEDS."""
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.speed))
        self.set_speed(SPEEDS[max(0, min(len(SPEEDS) - 1, index + step))])

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self._apply(self.phone.clock)

    def toggle_power(self) -> None:
        if self.phone.phase == "off":
            self.phone.power_on()
        else:
            self.phone.power_off()

    def jump_to_countdown(self) -> None:
        """Skip the boot to the Cancel screen (or the BootROM countdown on software without the Updater).

        Moves the clock from timer to timer, as if the boot had been watched at infinite speed.
        """
        phone = self.phone
        if not phone.model.boot.countdown:
            return
        if phone.phase == "off":
            phone.power_on()
        for _ in range(JUMP_LIMIT):
            if phone.phase != "boot" or phone.softkey_for("Cancel") is not None:
                return
            due = phone.next_due_ms()
            if due is None:
                return
            phone.clock.skip_ms(max(0, due - phone.clock.now_ms()))
            phone.tick()

    def tick(self) -> None:
        self.phone.tick()
