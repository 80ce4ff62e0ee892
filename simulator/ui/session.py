"""The phone being operated and the wall clock it runs on.

Choosing another model or software version makes a new Phone (on a new clock that keeps the chosen
speed); everything else only sends the phone events or moves its clock. The clock stands still while
the phone has no power, however it is then connected (P, the panel's button, the model's power key): a
phone left off for a minute starts at the time it was switched off, as a real one knows no time between.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.core import Catalog, Clock, Phone, WallClock

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
JUMP_FROM = ("off", "boot", "rebooting")  # F9 skips a boot from these; a reboot is a boot on its way
JUMP_LIMIT = 10_000  # timers fired at most by one "jump to countdown" (a boot has a handful)


class Session:
    def __init__(self, catalog: Catalog, phone: Phone, clock_factory: Callable[[], Clock] = WallClock) -> None:
        self.catalog = catalog
        self.phone = phone
        self.clock_factory = clock_factory
        self.speed = 1.0
        self.paused = False
        self.generation = 0  # counts new phones, so views know to rebuild
        self._apply(phone.clock)

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
        self._apply(clock)  # a new phone is off
        self.phone = Phone(self.catalog.load(model_id), clock, software=software)
        self.generation += 1

    def adopt(self, phone: Phone) -> None:
        """Operate `phone` from now on (an exam item, a trace played to its end): its clock takes the
        session's speed, and stands still while it is off."""
        self.phone = phone
        self._apply(phone.clock, phone.phase == "off")
        self.generation += 1

    def _apply(self, clock: Clock, off: bool = True) -> None:
        """The session's speed and pause on `clock`; held still as well while the phone is `off`."""
        if isinstance(clock, WallClock):
            clock.speed = self.speed
            clock.paused = self.paused or off

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        self._apply(self.phone.clock, self.phone.phase == "off")

    def step_speed(self, step: int) -> None:
        """One notch slower (-1) or faster (+1) along SPEEDS."""
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.speed))
        self.set_speed(SPEEDS[max(0, min(len(SPEEDS) - 1, index + step))])

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self._apply(self.phone.clock, self.phone.phase == "off")

    def toggle_power(self) -> None:
        if self.phone.phase == "off":
            self.phone.power_on()
        else:
            self.phone.power_off()
        self._follow_power()

    def jump_to_countdown(self) -> str | None:
        """Skip the boot to the Cancel screen (or the BootROM countdown on software without the Updater);
        the reason, for the hint line, when there is no boot to skip.

        Moves the clock from timer to timer, as if the boot had been watched at infinite speed. It never
        power-cycles a phone on its own: a trainee who asked for the countdown while the phone runs is told
        to switch it off and on first, so nothing they were doing is lost by surprise.
        """
        phone = self.phone
        if not phone.model.boot.countdown:
            return f"The {phone.model.name} has no countdown to jump to"
        if phone.phase == "countdown":
            return "Already in the countdown: the reset combination works now"
        if phone.phase not in JUMP_FROM:
            return f"F9 skips a boot, and the phone is {phone.phase}: power-cycle first (P twice), then F9"
        if phone.phase == "boot" and phone.stage in {"provisioning", "updater", *(s.id for s in phone.model.boot.load)}:
            return "The boot is past its Cancel step: power-cycle first (P twice), then F9"
        if phone.phase == "off":
            phone.power_on()
            self._follow_power()
        for _ in range(JUMP_LIMIT):
            if phone.phase not in ("boot", "rebooting") or phone.softkey_for("Cancel") is not None:
                return None
            due = phone.next_due_ms()
            if due is None:
                return None
            phone.clock.skip_ms(max(0, due - phone.clock.now_ms()))
            phone.tick()
        return None

    def _follow_power(self) -> None:
        """Hold the clock while the phone is off, release it the moment power is connected."""
        clock, off = self.phone.clock, self.phone.phase == "off"
        if isinstance(clock, WallClock) and clock.paused != (self.paused or off):
            self._apply(clock, off)

    def tick(self) -> None:
        """Follow the power (a power key pressed this frame connected it), then let the phone catch up."""
        self._follow_power()
        self.phone.tick()
