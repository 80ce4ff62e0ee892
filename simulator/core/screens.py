"""What the display and LEDs show for a phone's state: screens are model data, filled in here."""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from simulator.core.menu import MENU_CURSOR
from simulator.core.model import ScreenSpec

if TYPE_CHECKING:
    from simulator.core.phone import Phone


class Screen(NamedTuple):
    """What the display shows: the screen's id, its text lines and the soft-key labels, left to right.

    A named tuple: immutable, and cheap to make on every key that changes the display.
    """

    id: str
    lines: tuple[str, ...]
    softkeys: tuple[str | None, ...]
    backlight: bool
    entry: int | None = None  # the line showing the masked password being typed
    cursor: int | None = None  # the highlighted menu line (also marked "> " in the text)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


#: The screen each state shows, where it is not the state's own name.
_STATE_SCREENS = {"password_entry": "password", "running": "idle", "menu_browse": "menu"}


def screen_id(phone: Phone) -> str:
    state = phone.state
    signal = phone.chords.signal
    if signal is not None and signal.signal_screen:
        return signal.signal_screen
    if state == "boot":
        return phone.boot_stage.screen if phone.boot_stage else "logo"
    if state == "countdown":
        return "countdown" if phone.updater else "bootrom_countdown"
    if state == "confirm":
        return "confirm_factory" if phone.reset_kind == "factory_reset" else "confirm_device"
    return _STATE_SCREENS.get(state, state)


class Template:
    """A screen spec prepared once per model: which lines need filling in, where the entry line is;
    a screen with nothing to fill in is made once (`static`)."""

    __slots__ = (
        "backlight", "entry", "fields", "filled_softkeys", "lines", "made", "name", "softkeys", "static", "wraps",
    )  # fmt: skip

    def __init__(self, name: str, spec: ScreenSpec, show_softkeys: bool) -> None:
        self.name = name
        self.lines = tuple((line, "{" in line) for line in spec.lines)
        shown = spec.softkeys if show_softkeys else ()
        self.softkeys = tuple(None if s is None else (s.label, "{" in s.label) for s in shown)
        self.entry = next((i for i, line in enumerate(spec.lines) if "{masked}" in line), None)
        texts = [*spec.lines, *(s.label for s in shown if s is not None)]
        self.fields = frozenset(name for text in texts for _, name, _, _ in _FORMATTER.parse(text) if name)
        self.backlight = spec.backlight
        self.filled_softkeys = any(s is not None and s[1] for s in self.softkeys)
        self.fields = tuple(sorted(self.fields))
        self.wraps = "message" in self.fields
        self.made: dict[tuple[object, ...], Screen] = {}  # screens already filled in, by their values
        self.static = None
        if not self.fields and name != "menu":
            self.static = Screen(name, spec.lines, tuple(s and s[0] for s in self.softkeys), spec.backlight, self.entry)


_FORMATTER = string.Formatter()


#: How each placeholder is filled in; only those a screen uses are computed.
_SOURCES: dict[str, Callable[[Phone], object]] = {
    "name": lambda p: p.model.name,
    "brand": lambda p: p.model.brand,
    "software": lambda p: p.software,
    "seconds": lambda p: p.seconds_left,
    "masked": lambda p: "*" * (len(p.entry.committed) + (p.entry.pending_key is not None)) + "_",
    "mode": lambda p: p.model.text_entry.labels[p.entry.mode],
    "mac": lambda p: p.mac,
    "message": lambda p: p.message,
    "title": lambda p: p.menu.title,
    "item": lambda p: p.menu.target.label if p.menu.target else "",
    "ip": lambda p: p.ip_address,
}
_NO_LEDS: dict[str, str] = {}
MADE_LIMIT = 512  # filled-in screens kept per screen of a model


def render_screen(phone: Phone, shown: str) -> Screen:
    """The screen `shown` (its id, see `screen_id`) with the phone's values filled in."""
    template = phone.templates[shown]
    if template.static is not None:
        return template.static
    key = tuple([_SOURCES[name](phone) for name in template.fields])
    if shown != "menu":
        made = template.made.get(key)
        if made is not None:  # the same values again (a countdown second, a mask length): the same screen
            return made
    values = dict(zip(template.fields, key, strict=True))
    lines = [line.format_map(values) if filled else line for line, filled in template.lines]
    if template.wraps:  # a message wrapped to the display's width keeps its line breaks
        lines = [part for line in lines for part in line.split("\n")]
    cursor = None
    if shown == "menu":
        values = {name: source(phone) for name, source in _SOURCES.items()}
        items = phone.menu.lines(phone.model.display.text_lines - 1, values)
        cursor = next((len(lines) + i for i, item in enumerate(items) if item.startswith(MENU_CURSOR)), None)
        lines.extend(items)
    if template.filled_softkeys:
        softkeys = tuple(
            [None if s is None else (s[0].format_map(values) if s[1] else s[0]) for s in template.softkeys]
        )
    else:
        softkeys = tuple([s and s[0] for s in template.softkeys])
    screen = Screen(shown, tuple(lines), softkeys, template.backlight, template.entry, cursor)
    if shown != "menu":
        if len(template.made) >= MADE_LIMIT:
            template.made.clear()
        template.made[key] = screen
    return screen


def render_leds(phone: Phone, shown: str) -> dict[str, str]:
    """Every LED's state: off, then the screen's, then a signal's; a group name sets its members.
    The dict is shared (cached per model): never change it."""
    model = phone.model
    if not model.leds:
        return _NO_LEDS
    signal = phone.chords.signal
    key = (shown, None if signal is None else signal.id, phone.muted and phone.state == "running")
    cache = phone.led_cache
    leds = cache.get(key)
    if leds is None:
        leds = {led.id: "off" for led in model.leds}
        wanted = dict(model.screens[shown].leds)
        if signal is not None:
            wanted.update(signal.signal_leds)
        if key[2]:
            wanted["mute"] = "on"
        for name, state in wanted.items():
            for led in model.leds:
                if name in (led.id, led.group):
                    leds[led.id] = state
        cache[key] = leds
    return leds
