"""Phone: one simulated handset, the only public engine API.

A `transitions` hierarchical machine holds the phase (boot, countdown, password, ...); everything
that happens many times per phase (key bookkeeping, chord detection, multi-tap, countdown ticks,
boot stages) is plain code that raises a machine trigger only when the phase changes. Time comes
from the injected clock; every delay is a timer on one queue.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from transitions.extensions import HierarchicalMachine

from simulator.core import touch as touchscreen
from simulator.core.clock import Clock, SimClock
from simulator.core.config import ADMIN_PASSWORD, Config
from simulator.core.events import Event
from simulator.core.keys import MODE, softkey_id, softkey_index
from simulator.core.menu import MENU_CURSOR, Menu
from simulator.core.model import Model, Procedure, Stage, parse_version
from simulator.core.multitap import TextEntry
from simulator.core.timers import Timer, TimerQueue
from simulator.core.touch import Point

#: The phases and their sub-states (`password_entry`, `menu_browse`, ...); the first child is initial.
PHASE_TREE: dict[str, tuple[str, ...]] = {
    "off": (), "boot": (), "countdown": (), "setup": ("password", "incorrect", "network"),
    "password": ("entry", "incorrect"), "confirm": (), "resetting": (), "rebooting": (), "running": (),
    "menu": ("browse", "password", "incorrect", "confirm", "done"),
}  # fmt: skip
_ON = ["boot", "countdown", "setup", "password", "confirm", "resetting", "rebooting", "running", "menu"]
TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "power_up", "source": "off", "dest": "boot", "before": "_plan_full_boot"},
    {"trigger": "power_down", "source": _ON, "dest": "off"},
    {"trigger": "cancel", "source": "boot", "dest": "countdown", "conditions": "_cancel_offered"},
    {"trigger": "cancel", "source": "password_entry", "dest": "boot", "before": "_plan_load"},
    {"trigger": "cancel", "source": "password_incorrect", "dest": "password_entry"},
    {"trigger": "cancel", "source": "setup_password", "dest": "countdown"},
    {"trigger": "cancel", "source": "menu_password", "dest": "menu_browse"},
    {"trigger": "bootrom", "source": "boot", "dest": "countdown"},
    {"trigger": "autoload", "source": "countdown", "dest": "boot", "before": "_plan_load"},
    {"trigger": "prompt", "source": ["countdown", "boot"], "dest": "password"},
    {"trigger": "setup", "source": "countdown", "dest": "setup"},
    {"trigger": "ok", "source": "password_entry", "dest": "confirm", "conditions": "_entry_correct"},
    {"trigger": "ok", "source": "password_entry", "dest": "password_incorrect"},
    {"trigger": "ok", "source": "setup_password", "dest": "setup_network", "conditions": "_entry_correct"},
    {"trigger": "ok", "source": "setup_password", "dest": "setup_incorrect"},
    {
        "trigger": "ok",
        "source": "menu_password",
        "dest": "menu_browse",
        "conditions": "_entry_correct",
        "before": "_menu_accepted",
        "after": "_menu_descend",
    },
    {"trigger": "ok", "source": "menu_password", "dest": "menu_incorrect"},
    {"trigger": "expire", "source": "setup_incorrect", "dest": "countdown"},
    {"trigger": "exit", "source": "setup_network", "dest": "countdown"},
    {"trigger": "yes", "source": "confirm", "dest": "resetting"},
    {"trigger": "no", "source": "confirm", "dest": "boot", "before": "_plan_load"},
    {"trigger": "yes", "source": "menu_confirm", "dest": "resetting", "conditions": "_menu_action_reboots"},
    {"trigger": "yes", "source": "menu_confirm", "dest": "menu_done"},
    {"trigger": "no", "source": "menu_confirm", "dest": "menu_browse"},
    {"trigger": "back", "source": ["menu_done", "menu_incorrect"], "dest": "menu_browse"},
    {"trigger": "ask_password", "source": "menu_browse", "dest": "menu_password"},
    {"trigger": "ask_confirm", "source": "menu_browse", "dest": "menu_confirm"},
    {"trigger": "close_menu", "source": "menu", "dest": "running"},
    {"trigger": "open_menu", "source": "running", "dest": "menu"},
    {"trigger": "direct_reset", "source": ["boot", "countdown", "running"], "dest": "resetting"},
    {"trigger": "reset_done", "source": "resetting", "dest": "rebooting"},
    {"trigger": "reboot", "source": "running", "dest": "rebooting"},
    {"trigger": "restart", "source": "rebooting", "dest": "boot", "before": "_plan_full_boot"},
    {"trigger": "loaded", "source": "boot", "dest": "running"},
]

#: What each kind of reset clears, and the event it logs. Layer names: see config.py.
RESETS: dict[str, tuple[tuple[str, ...], str]] = {
    "factory_reset": (("device", "local", "web", "provisioning"), "factory_reset"),
    "reset_device": (("device",), "device_reset"),
    "reset_local": (("local",), "config_reset"),
    "reset_web": (("web",), "config_reset"),
    "format_file_system": (("device", "local", "web", "provisioning"), "config_reset"),
}
_MAC = re.compile(r"^[0-9a-fA-F]{2}([-:]?)(?:[0-9a-fA-F]{2}\1){4}[0-9a-fA-F]{2}$")
DEFAULT_MAC = "0004f2aa814c"
#: Pressing it while off connects power; it is no part of a combination unless the combination names it
#: ("hold restore and press power once").
POWER_KEY = "power_button"


def normalise_mac(text: str) -> str:
    """`00-04-F2-AA-81-4C`, `0004F2AA814C`, `00:04:f2:aa:81:4c` -> `0004f2aa814c`."""
    if not _MAC.match(text.strip()):
        raise ValueError(f"not a MAC address: {text!r} (expected 12 hex digits, e.g. 00-04-F2-AA-81-4C)")
    return re.sub(r"[-:]", "", text.strip()).lower()


@dataclass(frozen=True)
class Screen:
    """What the display shows: the screen's id, its text lines and the soft-key labels, left to right."""

    id: str
    lines: tuple[str, ...]
    softkeys: tuple[str | None, ...]
    backlight: bool
    entry: int | None = None  # the line showing the masked password being typed
    cursor: int | None = None  # the highlighted menu line (also marked "> " in the text)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class ComboProgress:
    """How far a key combination is, for the UI's hold meter."""

    procedure: Procedure
    down: frozenset[str]
    held_ms: int
    window_open: bool
    counting: bool = False  # its hold time is running now (held keys that were pressed too early do not count)


class Phone:
    def __init__(
        self,
        model: Model,
        clock: Clock | None = None,
        *,
        software: str | None = None,
        mac: str | None = None,
        admin_password: str | None = None,
        config: dict[str, dict[str, str]] | None = None,
        provisioning: dict[str, str] | None = None,
    ) -> None:
        self.model = model
        self.clock = clock or SimClock()
        self.software = check_software(model, software or model.software.default)
        self.mac = normalise_mac(mac or DEFAULT_MAC)
        self.config = Config()
        for layer, params in (config or {}).items():
            for param, value in params.items():
                self.config.set(layer, param, str(value))
        if admin_password is not None:
            self.config.set("device", ADMIN_PASSWORD, str(admin_password))
        self.provisioning = dict(provisioning) if provisioning else None
        self.events: list[Event] = []
        self.logs: list[str] = []
        self.held: dict[str, int] = {}
        self._now = self.clock.now_ms()
        self._timers = TimerQueue()
        self._phase_timers: list[Timer] = []
        self._chord_timer: Timer | None = None
        self._chord_proc: Procedure | None = None
        self._recognised: Procedure | None = None  # the last combination recognised, while still held
        self._entry_timer: Timer | None = None
        version = parse_version(self.software)
        self._updater = model.runs_updater(self.software)
        self._full_reset = version >= parse_version(model.software.full_reset_from)  # type: ignore[operator]
        self._boot_plan: list[Stage] = []
        self._boot_full = True
        self._stage: Stage | None = None
        self._seconds = 0
        self._reset_kind = "factory_reset"
        self._message = ""
        self._muted = False
        self._menu = Menu(model.menu, parse_version(self.software))  # type: ignore[arg-type]
        te = model.text_entry
        letters = {k.id: k.letters for k in model.keys if k.letters}
        self._entry = TextEntry(te.cycle, letters, te.commit_ms)
        self.touches: tuple[Point, ...] = ()
        self._armed: set[str] = set()
        self._signal: Procedure | None = None  # a completed hold whose signal shows
        self._awaiting_release: Procedure | None = None
        self._key_ids = frozenset(model.key_ids)
        self._softkey_at = {k: i for k in model.key_ids if (i := softkey_index(k)) is not None}
        self.state = "off"  # the machine's state for this phone; only machine triggers change it
        self.screen = self._render()
        self.leds = self._render_leds()
        self._shown: tuple[Any, ...] = ()

    # -- reading ---------------------------------------------------------------------------------
    @property
    def phase(self) -> str:
        return self.state.split("_", 1)[0]

    @property
    def cancel_step(self) -> bool:
        """Whether this phone's boot offers Cancel before a countdown (Updater software, not BootROM)."""
        return self.model.cancel_step(self.software)

    @property
    def stage(self) -> str | None:
        """The boot stage showing now (logo, starting, loading, ...), None outside the boot phase."""
        return self._stage.id if self._stage is not None and self.state == "boot" else None

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
        return self._entry.mode

    def next_due_ms(self) -> int | None:
        return self._timers.next_due()

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
            label = self.model.text_entry.labels[self._entry.mode]
            found = self.softkey_for(label)
            if found is None:
                raise ValueError(f"no input-mode key is showing now (phase {self.phase})")
            return found
        raise ValueError(f"{self.model.name} has no key {key!r}; its keys: {', '.join(self.model.key_ids)}")

    def combo_progress(self) -> list[ComboProgress]:
        out = []
        for proc in self.model.procedures:
            down = proc.keys & self.held.keys()
            held_ms = 0
            if self._chord_proc is proc and self._chord_timer is not None:
                held_ms = proc.hold_ms - (self._chord_timer.due_ms - self._now)
            elif self._recognised is proc:
                held_ms = proc.hold_ms  # recognised, and still held: the meter stays full
            counting = self._chord_proc is proc and self._chord_timer is not None
            out.append(
                ComboProgress(proc, frozenset(down), min(held_ms, proc.hold_ms), self._window_open(proc), counting)
            )
        return out

    # -- acting ----------------------------------------------------------------------------------
    def power_on(self) -> None:
        self.tick()
        if self.state == "off":
            self._log("power_on")
            self._fire("power_up")
            self._chord_changed(started=True, powering=True)
            self._refresh()

    def power_off(self) -> None:
        self.tick()
        if self.state != "off":
            self._log("power_off")
            self._fire("power_down")
            self._refresh()

    def press(self, key: str) -> None:
        self.tick()
        key = self.resolve_key(key)
        if key in self.held:
            return
        self.held[key] = self._now
        index = self._softkey_at.get(key)
        shown = self.screen.softkeys
        if index is not None and index <= len(shown) and shown[index - 1]:
            self._log("key_down", key=key, label=shown[index - 1])  # what the person pressed, as they saw it
        else:
            self._log("key_down", key=key)
        if self.state != "off":
            self._chord_changed(started=True)
            self._key_input(key)
            self._refresh()
        elif key == POWER_KEY:
            self.power_on()
        else:
            self._refresh()

    def release(self, key: str) -> None:
        self.tick()
        key = self.resolve_key(key)
        if key not in self.held:
            return
        del self.held[key]
        self._log("key_up", key=key)
        if not (key == POWER_KEY and self._chord_proc is not None and key not in self._chord_proc.keys):
            self._chord_changed(started=False)
        self._refresh()

    def touch(self, points: Iterable[str | Point]) -> None:
        """Fingers on the display now: corner names or (x, y) from 0 to 1; replaces the previous set."""
        self.tick()
        if not self.model.display.touch:
            raise ValueError(f"{self.model.name} has no touch screen")
        resolved = touchscreen.resolve(points)
        before = len(self.touches)
        self.touches = resolved
        self._log("touch", points=[[round(x, 3), round(y, 3)] for x, y in self.touches])
        if self.state != "off":
            self._chord_changed(started=len(self.touches) > before)
        self._refresh()

    def lift(self) -> None:
        """Every finger off the display."""
        self.tick()
        if self.touches:
            self.touches = ()
            self._log("lift")
            self._chord_changed(started=False)
            self._refresh()

    def advance(self, seconds: float) -> None:
        self.advance_ms(round(seconds * 1000))

    def advance_ms(self, ms: int) -> None:
        self.clock.skip_ms(ms)
        self.tick()

    def tick(self) -> None:
        """Fire every timer due by the clock's time, in order, each at its own due time."""
        target = self.clock.now_ms()
        timers = self._timers
        while (timer := timers.pop_due(target)) is not None:
            self._now = timer.due_ms
            timer.callback()
            self._refresh()
        self._now = max(self._now, target)

    # -- internals: events, timers, rendering -----------------------------------------------------
    def _fire(self, trigger: str) -> None:
        """A machine trigger; one that does not apply in the current state is ignored."""
        _machine().trigger_event(self, trigger)

    def _log(self, kind: str, **data: Any) -> None:
        self.events.append(Event(self._now, kind, data))

    def _after(self, ms: int, callback: Callable[[], None], name: str = "") -> Timer:
        timer = self._timers.schedule(self._now + ms, callback, name)
        self._phase_timers.append(timer)
        return timer

    def _refresh(self) -> None:
        """Re-render only when something the screen or LEDs show has changed (a cheap tuple compare)."""
        entry = self._entry
        shown = (
            self.state,
            self._stage,
            self._seconds,
            entry.mode,
            len(entry.committed),
            entry.pending_key is None,
            self._message,
            len(self._menu.path),
            self._menu.cursor,
            self._menu.target,
            self._muted,
            self._signal,
        )
        if shown == self._shown:
            return
        self._shown = shown
        screen = self._render()
        if screen != self.screen:
            self.screen = screen
            self._log("screen", lines=list(screen.lines), softkeys=list(screen.softkeys))
        self.leds = self._render_leds()

    def _screen_id(self) -> str:
        state = self.state
        if self._signal is not None and self._signal.signal_screen:
            return self._signal.signal_screen
        if state == "boot":
            return self._stage.screen if self._stage else "logo"
        if state == "countdown":
            return "countdown" if self._updater else "bootrom_countdown"
        if state == "password_entry":
            return "password"
        if state == "confirm":
            return "confirm_factory" if self._reset_kind == "factory_reset" else "confirm_device"
        if state == "running":
            return "idle"
        if state == "menu_browse":
            return "menu"
        return state

    def _render(self) -> Screen:
        screen_id = self._screen_id()
        spec = self.model.screens[screen_id]
        values = {
            "name": self.model.name,
            "brand": self.model.brand,
            "software": self.software,
            "seconds": self._seconds,
            "masked": "*" * len(self._entry.text) + "_",
            "mode": self.model.text_entry.labels[self._entry.mode],
            "mac": self.mac,
            "message": self._message,
            "title": self._menu.title,
            "item": self._menu.target.label if self._menu.target else "",
        }
        lines = [line.format_map(values) for line in spec.lines]
        entry = next((i for i, line in enumerate(spec.lines) if "{masked}" in line), None)
        cursor = None
        if screen_id == "menu":
            items = self._menu.lines(self.model.display.text_lines - 1, values)
            cursor = next((len(lines) + i for i, item in enumerate(items) if item.startswith(MENU_CURSOR)), None)
            lines.extend(items)
        softkeys = tuple(None if s is None else s.label.format_map(values) for s in spec.softkeys)
        if self.model.display.kind == "none":
            softkeys = ()
        return Screen(screen_id, tuple(lines), softkeys, spec.backlight, entry, cursor)

    def _render_leds(self) -> dict[str, str]:
        """Every LED's state: off, then the screen's, then a signal's; a group name sets its members."""
        leds = {led.id: "off" for led in self.model.leds}
        wanted = dict(self.model.screens[self._screen_id()].leds)
        if self._signal is not None:
            wanted.update(self._signal.signal_leds)
        if self._muted and self.state == "running":
            wanted["mute"] = "on"
        for name, state in wanted.items():
            for led in self.model.leds:
                if name in (led.id, led.group):
                    leds[led.id] = state
        return leds

    # -- machine callbacks ------------------------------------------------------------------------
    def _leave_state(self) -> None:
        for timer in self._phase_timers:
            timer.cancel()
        self._phase_timers.clear()
        self._cancel_chord()
        self._signal = None
        self._awaiting_release = None
        if self._entry_timer is not None:
            self._entry_timer.cancel()
            self._entry_timer = None

    def _entered_state(self) -> None:
        self._log("phase", phase=self.phase, state=self.state)

    def _plan_full_boot(self) -> None:
        self._muted = False
        self._boot_full = True
        self._armed.clear()
        self._boot_plan = list(self.model.boot.stages)
        if self.cancel_step:
            self._boot_plan.append(Stage("starting", self.model.boot.starting_ms, "starting"))

    def _plan_load(self) -> None:
        self._boot_full = False
        self._boot_plan = list(self.model.boot.load)

    def on_enter_off(self) -> None:
        self._timers.clear()
        self._phase_timers.clear()
        self._stage = None

    def on_enter_boot(self) -> None:
        self._next_stage()

    def _next_stage(self) -> None:
        """Step through the boot plan; a full boot ends in the BootROM countdown or the load stages."""
        if not self._boot_plan:
            if not self._boot_full:
                self._fire("loaded")
                return
            self._boot_full = False
            if not self._updater and self.model.boot.countdown:
                self._fire("bootrom")
                return
            self._boot_plan = list(self.model.boot.load)
        self._stage = self._boot_plan.pop(0)
        self._after(self._stage.ms, self._next_stage, f"stage:{self._stage.id}")

    def _cancel_offered(self) -> bool:
        return self._stage is not None and self._stage.id == "starting"

    def on_enter_countdown(self) -> None:
        self._stage = None
        self._seconds = self.model.boot.countdown_s if self._updater else self.model.boot.bootrom_countdown_s
        self._log("countdown_started", seconds=self._seconds)
        self._after(1000, self._count_down, "countdown")

    def _count_down(self) -> None:
        self._seconds -= 1
        if self._seconds <= 0:
            self._fire("autoload")
        else:
            self._after(1000, self._count_down, "countdown")

    def on_enter_password(self) -> None:
        self._reset_kind = "factory_reset" if self._full_reset else "reset_device"
        self._log("password_prompt")

    def on_enter_password_entry(self) -> None:
        self._entry.reset()

    def on_enter_setup_password(self) -> None:
        self._entry.reset()

    def on_enter_menu_password(self) -> None:
        self._entry.reset()

    def on_enter_password_incorrect(self) -> None:
        self._log("password_rejected", prompt="reset")

    def on_enter_setup_incorrect(self) -> None:
        self._log("password_rejected", prompt="setup")
        self._after(self.model.boot.incorrect_ms, lambda: self._fire("expire"), "incorrect")

    def on_enter_menu_incorrect(self) -> None:
        self._log("password_rejected", prompt="menu")

    def on_enter_confirm(self) -> None:
        self._log("password_accepted", prompt="reset")

    def on_enter_setup_network(self) -> None:
        self._log("password_accepted", prompt="setup")

    def _entry_correct(self) -> bool:
        self._entry.commit()
        typed = self._entry.text
        if typed and typed == self.config.admin_password:
            return True
        if self.state != "password_entry":  # the MAC opens the reset prompt only, not Setup or the menu
            return False
        case = self.model.text_entry.mac_case
        if case == "any":
            return typed.lower() == self.mac
        return typed == (self.mac if case == "lower" else self.mac.upper())

    def on_enter_resetting(self) -> None:
        self._reset_step(0)

    def _reset_step(self, index: int) -> None:
        messages = self.model.reset_messages
        if index == 1 or (index == len(messages) and index <= 1):
            self._apply_reset(self._reset_kind)
        if index >= len(messages):
            self._fire("reset_done")
            return
        self._message = messages[index].text
        self._after(messages[index].ms, lambda: self._reset_step(index + 1), "reset")

    def _apply_reset(self, kind: str) -> None:
        layers, event = RESETS[kind]
        cleared = self.config.clear(*layers)
        self.logs.clear()
        self._log(event, action=kind, cleared=cleared)

    def on_enter_rebooting(self) -> None:
        self._stage = None
        self._log("reboot")
        self._after(self.model.boot.shutdown_ms, lambda: self._fire("restart"), "shutdown")

    def on_enter_running(self) -> None:
        self._stage = None
        self.logs.append(f"Application started, UC Software {self.software}")
        self._log("application_started", software=self.software)
        if self.provisioning:
            self.config.layers["provisioning"] = dict(self.provisioning)
            self._log("config_loaded", source="provisioning server", params=sorted(self.provisioning))

    def on_enter_menu(self) -> None:
        self._menu.reset()

    # -- keys and combinations ----------------------------------------------------------------------
    def _window_open(self, proc: Procedure, powering: bool = False) -> bool:
        if proc.requires is not None and proc.requires not in self._armed:
            return False
        if powering or proc.at_power_on:  # connecting power opens only the at-power-on windows
            return powering and proc.at_power_on
        if self.phase != proc.phase:
            return False
        return proc.stage is None or (self._stage is not None and self._stage.id == proc.stage)

    def _cancel_chord(self) -> None:
        if self._chord_timer is not None:
            self._chord_timer.cancel()
            self._chord_timer = None
            self._chord_proc = None

    def _chord_changed(self, *, started: bool, powering: bool = False) -> None:
        """Exactly the procedure's keys and touches, completed by a press or touch inside its window."""
        # Any change of keys or touches empties the meter, unless a recognised combination awaits release.
        self._recognised = self._awaiting_release
        if self._awaiting_release is not None:
            self._check_released()
            return
        self._cancel_chord()
        if not started:
            return
        held = self.held.keys()
        # A second step whose first is done comes before a first step with the same keys (CCX 400).
        for proc in sorted(self.model.procedures, key=lambda p: p.requires is None):
            keys = held if POWER_KEY in proc.keys else held - {POWER_KEY}
            if proc.keys == keys and touchscreen.matches(proc, self.touches) and self._window_open(proc, powering):
                self._chord_proc = proc
                self._chord_timer = self._timers.schedule(self._now + proc.hold_ms, self._combo, proc.id)
                return

    def _check_released(self) -> None:
        proc = self._awaiting_release
        if proc is not None and not (proc.keys & self.held.keys()) and not self.touches:
            self._awaiting_release = None
            self._signal = None
            self._act(proc)

    def _combo(self) -> None:
        proc = self._chord_proc
        self._chord_timer = None
        self._chord_proc = None
        if proc is None:
            return
        self._recognised = proc
        self._log("combo", procedure=proc.id, keys=sorted(proc.keys))
        if proc.tone:
            tone = self.model.tones.get(proc.tone)
            self._log("tone", name=proc.tone, **({"frequency": tone.frequency, "ms": tone.ms} if tone else {}))
        if proc.signal_leds or proc.signal_screen:
            self._signal = proc
        if proc.release or proc.signal_ms:
            # The phone stays in this state (boot stages stop): until everything is let go, or while
            # the signal shows.
            for timer in self._phase_timers:
                timer.cancel()
            self._phase_timers.clear()
        if proc.release:
            self._awaiting_release = proc
        elif proc.signal_ms:
            self._after(proc.signal_ms, lambda: self._act(proc), f"signal:{proc.id}")
        else:
            self._act(proc)

    def _act(self, proc: Procedure) -> None:
        if proc.action == "reset_prompt":
            self._fire("prompt")
        elif proc.action == "reboot":
            self._fire("reboot")
        elif proc.action == "upload_logs":
            self._log("logs_uploaded", lines=len(self.logs))
        elif proc.action == "factory_reset":
            self._reset_kind = "factory_reset"
            self._fire("direct_reset")
        elif proc.action == "arm":
            self._armed.add(proc.id)
            self._signal = proc if (proc.signal_leds or proc.signal_screen) else None
            if self.state == "boot" and self._stage is not None and not self._phase_timers:
                # The boot waited while the fingers were held: the stage shows again for its full time.
                self._after(self._stage.ms, self._next_stage, f"stage:{self._stage.id}")

    def _key_input(self, key: str) -> None:
        index = self._softkey_at.get(key)
        if index is not None:
            shown = self.model.screens[self._screen_id()].softkeys
            if index <= len(shown) and shown[index - 1] is not None:
                self._action(shown[index - 1].action)  # type: ignore[union-attr]
            return
        state = self.state
        entering = state in ("password_entry", "setup_password", "menu_password")
        te = self.model.text_entry
        if entering:
            if key == te.mode_key:
                self._action("mode")
            elif key == te.delete_key:
                self._action("delete")
            elif key == "select":
                self._action("ok")
            elif len(key) == 1:
                self._entry.press(key, self._now)
                self._schedule_commit()
        elif state == "menu_browse":
            self._menu_key(key)
        elif state == "running":
            if key in self.model.menu_keys:
                self._fire("open_menu")
            elif key == "mute":
                self._muted = not self._muted

    def _schedule_commit(self) -> None:
        if self._entry_timer is not None:
            self._entry_timer.cancel()
            self._entry_timer = None
        if self._entry.deadline_ms is not None:
            self._entry_timer = self._timers.schedule(self._entry.deadline_ms, self._entry.commit, "commit")

    def _action(self, action: str) -> None:
        if action == "mode":
            if self.state in ("password_entry", "setup_password", "menu_password"):
                self._entry.next_mode()
                self._schedule_commit()
        elif action == "delete":
            self._entry.backspace()
            self._schedule_commit()
        elif action in ("select", "back") and self.state == "menu_browse":
            self._menu_key(action)
        elif action != "none":
            self._fire(action)

    # -- the on-screen menu -------------------------------------------------------------------------
    def _menu_key(self, key: str) -> None:
        if key in self.model.menu_keys:
            self._fire("close_menu")
            return
        intent = self._menu.key(key)
        if intent is not None:
            self._fire("close_menu" if intent == "close" else intent)

    def _menu_accepted(self) -> None:
        self._log("password_accepted", prompt="menu")

    def _menu_descend(self) -> None:
        self._menu.descend()

    def _menu_action_reboots(self) -> bool:
        action = self._menu.target.action if self._menu.target else None
        if action in ("factory_reset", "format_file_system"):
            self._reset_kind = action
            return True
        return False

    def on_enter_menu_done(self) -> None:
        target = self._menu.target
        if target is not None and target.action in RESETS:
            self._apply_reset(target.action)
            self._message = target.done


def check_software(model: Model, text: str) -> str:
    """The version as given, if the model runs it; otherwise a ValueError that says why."""
    version = parse_version(str(text))
    if version is None:
        raise ValueError(f"not a software version: {text!r} (expected e.g. '6.4.3')")
    sw = model.software
    if sw.minimum and version < parse_version(sw.minimum):  # type: ignore[operator]
        raise ValueError(f"{model.name} does not run software {text} (oldest: {sw.minimum})")
    if sw.maximum and version > parse_version(sw.maximum):  # type: ignore[operator]
        raise ValueError(f"{model.name} does not run software {text} (newest: {sw.maximum})")
    return str(text)


@functools.cache
def _machine() -> HierarchicalMachine:
    """One machine for every phone of the process: phones are its models, passed per trigger.

    Building a HierarchicalMachine costs about half a millisecond; states, transitions and
    callbacks (named, resolved on the phone at each call) are the same for every model.
    """

    def entry(name: str) -> dict[str, str]:
        callback = f"on_enter_{name}"
        return {"on_enter": callback} if hasattr(Phone, callback) else {}

    states: list[dict[str, Any]] = []
    for name, children in PHASE_TREE.items():
        state: dict[str, Any] = {"name": name, **entry(name)}
        if children:
            state["children"] = [{"name": child, **entry(f"{name}_{child}")} for child in children]
            state["initial"] = children[0]
        states.append(state)
    return HierarchicalMachine(
        model=None,
        states=states,
        transitions=TRANSITIONS,
        initial="off",
        queued=True,
        auto_transitions=False,
        ignore_invalid_triggers=True,
        before_state_change="_leave_state",
        after_state_change="_entered_state",
    )
