"""Phone: one simulated handset, the only public engine API.

A flat `transitions` machine (machine.py) holds the phase; everything that happens many times per
phase (keys, combinations, multi-tap, countdown ticks, boot stages) is plain code that raises a
machine trigger only when the phase changes. Time comes from the injected clock; every delay is a
timer on one queue. What happened is in `events`; what is true now is `snapshot()`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from simulator.core import touch as touchscreen
from simulator.core import touch_menu
from simulator.core.chords import POWER_KEY, Chords, ComboProgress
from simulator.core.clock import Clock, SimClock
from simulator.core.events import (
    Event,
    EventLog,
    KeyDown,
    KeyUp,
    LedChanged,
    Lifted,
    PowerOff,
    PowerOn,
    ScreenShown,
    Touched,
)
from simulator.core.keys import MODE, softkey_id
from simulator.core.machine import STATE_PHASE, machine
from simulator.core.menu import Menu
from simulator.core.model import Model, Stage, parse_version
from simulator.core.multitap import TextEntry
from simulator.core.passwords import DEFAULT_MAC, check_software, normalise_mac
from simulator.core.phases import PhaseBehaviour
from simulator.core.phone_config import ConfigBehaviour
from simulator.core.screens import Screen as Screen  # the window still imports it from here
from simulator.core.screens import render_leds, render_screen, screen_id
from simulator.core.server_setup import Environment
from simulator.core.snapshot import Snapshot
from simulator.core.tables import tables
from simulator.core.timers import Timer, TimerQueue
from simulator.core.touch import Point

#: The longest single wait the engine takes (a day): longer ones are a mistake, not a scenario.
MAX_ADVANCE_MS = 86_400_000
_ENTRY_STATES = frozenset({"password_entry", "setup_password", "menu_password"})


class Phone(PhaseBehaviour, ConfigBehaviour):
    def __init__(
        self,
        model: Model,
        clock: Clock | None = None,
        *,
        software: str | None = None,
        mac: str | None = None,
        admin_password: str | None = None,
        config: dict[str, dict[str, str]] | None = None,
        server: Environment | None = None,
    ) -> None:
        self.model = model
        self.clock = clock or SimClock()
        self.software = check_software(model, software or model.software.default)
        self.mac = normalise_mac(mac or DEFAULT_MAC)
        self.events = EventLog()
        self.logs: list[str] = []  # the phone's own log, what the log-upload combination sends
        self.held: dict[str, int] = {}  # key -> when it went down
        self.touches: tuple[Point, ...] = ()
        self.timers = TimerQueue()
        self._now = self.clock.now_ms()
        self._phase_timers: list[Timer] = []
        self._entry_timer: Timer | None = None
        self._phase_entered = "off"
        self.updater = model.runs_updater(self.software)
        self._cancel_step = model.cancel_step(self.software)
        self._full_reset = parse_version(self.software) >= parse_version(model.software.full_reset_from)  # type: ignore[operator]
        self._boot_plan: list[Stage] = []
        self._boot_full = True
        self.boot_stage: Stage | None = None
        self.seconds_left = 0
        self.reset_kind = "factory_reset"
        self.message = ""
        self.muted = False
        self._set_up_config(config, admin_password, server)
        self.menu = Menu(model.menu, parse_version(self.software))  # type: ignore[arg-type]
        te = model.text_entry
        derived = tables(model)
        self.entry = TextEntry(te.cycle, derived.letters, te.commit_ms)
        self.templates, self.led_cache = derived.templates, derived.led_cache
        self._key_ids = derived.key_ids
        self._softkey_at = derived.softkey_at
        self.chords = Chords(self, derived.order)
        self.state = "off"  # the machine's state for this phone; only machine triggers change it
        self._firing: list[str] | None = None  # triggers waiting while one is handled
        shown = screen_id(self)
        self.screen = render_screen(self, shown)
        self.leds = render_leds(self, shown)
        self._shown: tuple[Any, ...] = ()

    # -- reading ---------------------------------------------------------------------------------
    @property
    def phase(self) -> str:
        return STATE_PHASE[self.state]

    @property
    def cancel_step(self) -> bool:
        """Whether this phone's boot offers Cancel before a countdown (Updater software, not BootROM)."""
        return self._cancel_step

    @property
    def stage(self) -> str | None:
        """The boot stage showing now (logo, starting, loading, ...), None outside the boot phase."""
        return self.boot_stage.id if self.boot_stage is not None and self.state == "boot" else None

    @property
    def now(self) -> float:
        return self._now / 1000

    @property
    def now_ms(self) -> int:
        return self._now

    @property
    def admin_password(self) -> str:
        return self.config.admin_password

    @property
    def input_mode(self) -> str:
        return self.entry.mode

    def next_due_ms(self) -> int | None:
        return self.timers.next_due()

    def snapshot(self) -> Snapshot:
        """Everything a reader may show or check, frozen: the runner, the state file and the UI use it."""
        return Snapshot(
            model=self.model.id,
            software=self.software,
            mac=self.mac,
            t_ms=self._now,
            phase=self.phase,
            state=self.state,
            stage=self.stage,
            screen=self.screen,
            leds=tuple(self.leds.items()),
            held=tuple(sorted(self.held)),
            touches=self.touches,
            input_mode=self.entry.mode,
            admin_password=self.admin_password,
            config=self.config_rows(),
            events=self.events.cursor,
        )

    def softkey_for(self, label: str) -> str | None:
        """The key id of the softkey now showing `label` (case-insensitive), if any."""
        wanted = label.strip().lower()
        for i, shown in enumerate(self.screen.softkeys, start=1):
            if shown is not None and shown.lower() == wanted:
                return softkey_id(i)
        return None

    def resolve_key(self, key: str) -> str:
        """A model key id; `mode` names the model's input-mode control, whichever key that is."""
        if key in self._key_ids:
            return key
        if key == MODE:
            if self.model.text_entry.mode_key:
                return self.model.text_entry.mode_key
            found = self.softkey_for(self.model.text_entry.labels[self.entry.mode])
            if found is None:
                raise ValueError(f"no input-mode key is showing now (phase {self.phase})")
            return found
        raise ValueError(f"{self.model.name} has no key {key!r}; its keys: {', '.join(self.model.key_ids)}")

    def touch_point_for(self, text: str) -> Point | None:
        """Where on the touch screen the menu item or keypad digit showing `text` is (scenarios' touch_item)."""
        return touch_menu.point_for(self, text)

    def combo_progress(self) -> list[ComboProgress]:
        return self.chords.progress()

    # -- acting ----------------------------------------------------------------------------------
    def power_on(self) -> None:
        self.tick()
        if self.state == "off":
            self.log(PowerOn(self._now))
            self.fire("power_up")
            self.chords.changed(started=True, powering=True)
            self._refresh()

    def power_off(self) -> None:
        self.tick()
        if self.state != "off":
            self.log(PowerOff(self._now))
            self.fire("power_down")
            self._refresh()

    def press(self, key: str) -> None:
        self.tick()
        key = self.resolve_key(key)
        if key in self.held:
            return
        self.held[key] = self._now
        index = self._softkey_at.get(key)
        shown = self.screen.softkeys
        label = shown[index - 1] if index is not None and index <= len(shown) else None
        self.log(KeyDown(self._now, key, label))  # a softkey as the person saw it
        if self.state != "off":
            self.chords.changed(started=True)
            self._key_input(key, index)
            self._refresh()
        elif key == POWER_KEY:
            self.power_on()

    def release(self, key: str) -> None:
        self.tick()
        key = self.resolve_key(key)
        if key not in self.held:
            return
        del self.held[key]
        self.log(KeyUp(self._now, key))
        chords = self.chords
        if chords.timer is None and chords.awaiting is None:
            chords.recognised = None  # no hold was timed or awaited: what the phone shows stays as it is
            return
        proc = chords.proc
        if not (key == POWER_KEY and proc is not None and key not in proc.keys):
            chords.changed(started=False)
        self._refresh()

    def touch(self, points: Iterable[str | Point]) -> None:
        """Fingers on the display now: corner names or (x, y) from 0 to 1; replaces the previous set."""
        self.tick()
        if not self.model.display.touch:
            raise ValueError(f"{self.model.name} has no touch screen")
        resolved = touchscreen.resolve(points)
        before = len(self.touches)
        self.touches = resolved
        self.log(Touched(self._now, tuple((round(x, 3), round(y, 3)) for x, y in resolved)))
        if self.state != "off":
            self.chords.changed(started=len(resolved) > before)
            if before == 0 and len(resolved) == 1:
                touch_menu.touched(self, resolved[0])  # a menu item or keypad digit under one finger
        self._refresh()

    def lift(self) -> None:
        """Every finger off the display."""
        self.tick()
        if self.touches:
            self.touches = ()
            self.log(Lifted(self._now))
            self.chords.changed(started=False)
            self._refresh()

    def advance(self, seconds: float) -> None:
        """Let simulated time pass; a wait that is not a finite number of seconds is a ValueError."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not math.isfinite(seconds):
            raise ValueError(f"expected a finite number of seconds, got {seconds!r}")
        self.advance_ms(round(seconds * 1000))

    def advance_ms(self, ms: int) -> None:
        if type(ms) is not int or not 0 <= ms <= MAX_ADVANCE_MS:
            raise ValueError(f"expected a whole number of milliseconds from 0 to {MAX_ADVANCE_MS} (a day), got {ms!r}")
        self.clock.skip_ms(ms)
        self.tick()

    def run_until(self, done: Callable[[], bool], timeout: float) -> bool:
        """Jump from timer to timer until `done()` holds; False (the clock at the deadline) if it never does
        within `timeout` simulated seconds."""
        deadline = self._now + round(timeout * 1000)
        while not done():
            due = self.timers.next_due()
            if due is None or due > deadline:
                self.advance_ms(max(0, deadline - self._now))
                return done()
            self.advance_ms(max(0, due - self._now))
        return True

    def tick(self) -> None:
        """Fire every timer due by the clock's time, in order, each at its own due time."""
        target = self.clock.now_ms()
        timers = self.timers
        due = timers.next_due()
        while due is not None and due <= target:
            timer = timers.pop()
            self._now = due
            timer.callback()
            self._refresh()
            due = timers.next_due()
        if target > self._now:
            self._now = target

    # -- for the parts behind the face (chords, phases) -------------------------------------------
    def fire(self, trigger: str) -> None:
        """A machine trigger; one that does not apply in the current state is ignored. A trigger fired while
        another is handled (a phase entered that moves straight on) waits for it, as in a queued machine."""
        if self._firing is not None:
            self._firing.append(trigger)
            return
        self._firing = queue = [trigger]
        events = machine().events
        try:
            while queue:
                if events[queue.pop(0)].trigger(self):
                    self._entered()  # the one entry callback, called here: the library's costs a lookup
        finally:
            self._firing = None

    def log(self, event: Event) -> None:
        self.events.append(event)

    def after(self, ms: int, callback: Callable[[], None], name: str = "") -> Timer:
        """A timer of the current phase: leaving the phase cancels it."""
        timer = self.timers.schedule(self._now + ms, callback, name)
        self._phase_timers.append(timer)
        return timer

    def _refresh(self) -> None:
        """Re-render only when something the screen or LEDs show has changed (a cheap tuple compare)."""
        entry = self.entry
        menu = self.menu
        shown = (
            self.state,
            self.boot_stage,
            self.seconds_left,
            entry.mode,
            len(entry.committed),
            entry.pending_key is None,
            self.message,
            len(menu.path),
            menu.cursor,
            menu.target,
            self.muted,
            self.chords.signal,
        )
        if shown == self._shown:
            return
        self._shown = shown
        shown_id = screen_id(self)
        screen = render_screen(self, shown_id)
        if screen != self.screen:
            self.screen = screen
            self.log(ScreenShown(self._now, screen.lines, screen.softkeys))
        leds = render_leds(self, shown_id)
        if leds is not self.leds:
            for led, state in leds.items():
                if self.leds.get(led) != state:
                    self.log(LedChanged(self._now, led, state))
            self.leds = leds

    # -- keys --------------------------------------------------------------------------------------
    def _key_input(self, key: str, index: int | None) -> None:
        if index is not None:
            shown = self.model.screens[self.screen.id].softkeys
            if index <= len(shown) and shown[index - 1] is not None:
                self._action(shown[index - 1].action)  # type: ignore[union-attr]
            return
        state = self.state
        te = self.model.text_entry
        if state in _ENTRY_STATES:
            if key == te.mode_key:
                self._action("mode")
            elif key == te.delete_key:
                self._action("delete")
            elif key == "select":
                self._action("ok")
            elif len(key) == 1:
                self.entry.press(key, self._now)
                self._schedule_commit()
        elif state == "menu_browse":
            self._menu_key(key)
        elif state == "running":
            if key in self.model.menu_keys:
                self.fire("open_menu")
            elif key == "mute":
                self.muted = not self.muted

    def _schedule_commit(self) -> None:
        if self._entry_timer is not None:
            self._entry_timer.cancel()
            self._entry_timer = None
        if self.entry.deadline_ms is not None:
            self._entry_timer = self.timers.schedule(self.entry.deadline_ms, self.entry.commit, "commit")

    def _action(self, action: str) -> None:
        if action == "mode":
            if self.state in _ENTRY_STATES:
                self.entry.next_mode()
                self._schedule_commit()
        elif action == "delete":
            self.entry.backspace()
            self._schedule_commit()
        elif action in ("select", "back") and self.state == "menu_browse":
            self._menu_key(action)
        elif action == "menu":
            self.fire("open_menu")
        elif action != "none":
            self.fire(action)

    def _menu_key(self, key: str) -> None:
        if key in self.model.menu_keys:
            self.fire("close_menu")
            return
        intent = self.menu.key(key)
        if intent is not None:
            self.fire("close_menu" if intent == "close" else intent)
