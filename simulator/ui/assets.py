"""The window's files that are not code (`assets/`): where they are, and the theme and sound settings read
from them at the door.

A checkout keeps them in the top-level `assets/` folder; an installed wheel carries the same files as the
package data `simulator/assets/`. Only the window reads them: the engine never does (a test checks).
A bad value stops the window with one line, `assets/theme.yaml:12: panel.text: expected a colour ...`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from simulator.core import Node, Tone, load_file

Colour = tuple[int, int, int]
_PACKAGE = Path(__file__).resolve().parents[1]
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
SEGMENT_KINDS = ("stage", "starting", "countdown", "load")  # the boot timeline's kinds of segment
DISPLAY_KINDS = ("monochrome", "grayscale", "colour")
EVENT_ROLES = ("error", "success", "attention", "phase", "reboot", "power", "screen", "other")
MAX_PX = 10_000  # no window size or text size in a theme is larger


def assets_dir() -> Path:
    """`simulator/assets/` in an installed wheel, else the checkout's top-level `assets/`."""
    installed = _PACKAGE / "assets"
    return installed if installed.is_dir() else _PACKAGE.parent / "assets"


def asset(name: str) -> Path:
    return assets_dir() / name


@dataclass(frozen=True)
class DisplayColours:
    """A lit display (backlight on) and the same glass unlit."""

    top: Colour  # the background is a soft vertical gradient, as a backlight gives
    bottom: Colour
    text: Colour
    dim: Colour  # secondary text: hints, the unselected rows of a menu
    accent: Colour  # selection bar, input field frame
    accent_text: Colour
    tab: Colour  # softkey label tabs
    tab_text: Colour
    unlit: Colour  # backlight off
    unlit_text: Colour


@dataclass(frozen=True)
class PanelColours:
    background: Colour
    section: Colour
    line: Colour
    text: Colour
    muted: Colour
    heading: Colour
    button: Colour
    button_hover: Colour
    button_on: Colour
    button_text: Colour
    good: Colour
    bad: Colour
    warn: Colour
    field: Colour
    power_on: Colour
    power_off: Colour
    phone_bg_top: Colour
    phone_bg_bottom: Colour
    dim: Colour
    dim_alpha: int


@dataclass(frozen=True)
class KeyColours:
    pressed_ring: Colour
    latched_ring: Colour
    hover_ring: Colour
    paper_clip: Colour


@dataclass(frozen=True)
class StickerColours:
    card: Colour
    ink: Colour
    note: Colour


@dataclass(frozen=True)
class Sizes:
    """Pixels at 1280x800; text sizes have floors so a small window never draws letters too small to read."""

    default_window: tuple[int, int]
    min_window: tuple[int, int]
    panel_min_width: int
    panel_max_width: int
    hint_height: int
    text: int
    small_text: int
    min_text: int
    min_small_text: int


@dataclass(frozen=True)
class Theme:
    panel: PanelColours
    events: dict[str, Colour]  # by meaning: EVENT_ROLES
    timeline: dict[str, Colour]  # by segment kind: SEGMENT_KINDS
    displays: dict[str, DisplayColours]
    leds: dict[str, Colour]
    keys: KeyColours
    key_accents: dict[str, Colour]
    sticker: StickerColours
    sizes: Sizes


@dataclass(frozen=True)
class SoundSettings:
    click: Tone  # for a model without a "click" tone
    confirmation: Tone  # for a tone event without a pitch
    volume: float
    fade_ms: int
    rate: int
    buffer: int


def hex_colour(text: str) -> Colour:
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


def colour(node: Node) -> Colour:
    text = node.value
    if not isinstance(text, str) or not _HEX.match(text):
        raise node.fail(f'expected a colour like "#1e2228", got {text!r}')
    return hex_colour(text)


def _pixels(node: Node, least: int = 1) -> int:
    value = node.integer(minimum=least)
    if value > MAX_PX:
        raise node.fail(f"expected a whole number up to {MAX_PX}, got {value}")
    return value


def _size(node: Node) -> tuple[int, int]:
    items = node.seq()
    if len(items) != 2:
        raise node.fail("expected [width, height]")
    return _pixels(items[0], 100), _pixels(items[1], 100)


T = TypeVar("T")


def _record(node: Node, cls: type[T]) -> T:
    """Every field of `cls` from the mapping, no more and no fewer, each read by its annotated type."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    node.only(*(f.name for f in fields))
    readers = {"Colour": colour, "int": lambda n: _pixels(n, 0), "tuple[int, int]": _size}
    return cls(**{f.name: readers[str(f.type)](node.get(f.name)) for f in fields})


def _named(node: Node, names: tuple[str, ...] | None = None) -> dict[str, Colour]:
    """A mapping of names to colours; with `names`, exactly those."""
    if names is not None:
        node.only(*names)
        return {name: colour(node.get(name)) for name in names}
    return {name: colour(value) for name, value in node.items()}


def load_theme(path: Path) -> Theme:
    """The theme file read and checked whole: a DataError (one line) on the first bad value."""
    root = Node(load_file(path), path)
    root.only("panel", "events", "timeline", "displays", "leds", "keys", "sticker", "sizes")
    keys = root.get("keys")
    keys.only("pressed_ring", "latched_ring", "hover_ring", "paper_clip", "accents")
    displays = root.get("displays")
    displays.only(*DISPLAY_KINDS)
    sizes = _record(root.get("sizes"), Sizes)
    if sizes.min_window[0] > sizes.default_window[0] or sizes.min_window[1] > sizes.default_window[1]:
        raise root.get("sizes").get("min_window").fail("expected a size no larger than default_window")
    panel = _record(root.get("panel"), PanelColours)
    if panel.dim_alpha > 255:
        raise root.get("panel").get("dim_alpha").fail(f"expected an opacity from 0 to 255, got {panel.dim_alpha}")
    return Theme(
        panel=panel,
        events=_named(root.get("events"), EVENT_ROLES),
        timeline=_named(root.get("timeline"), SEGMENT_KINDS),
        displays={kind: _record(displays.get(kind), DisplayColours) for kind in DISPLAY_KINDS},
        leds=_named(root.get("leds")),
        keys=KeyColours(*(colour(keys.get(n)) for n in ("pressed_ring", "latched_ring", "hover_ring", "paper_clip"))),
        key_accents=_named(keys.get("accents")),
        sticker=_record(root.get("sticker"), StickerColours),
        sizes=sizes,
    )


def _tone(node: Node) -> Tone:
    node.only("frequency", "seconds")
    frequency = node.get("frequency").number(minimum=20)
    ms = node.get("seconds").seconds_ms(minimum=0.001)
    if frequency > 20_000 or ms > 10_000:
        raise node.fail("expected an audible tone: 20 to 20000 Hz, at most 10 seconds")
    return Tone(frequency, ms)


def load_sounds(path: Path) -> SoundSettings:
    root = Node(load_file(path), path)
    root.only("click", "confirmation", "volume", "fade_seconds", "rate", "buffer")
    volume = root.get("volume")
    if volume.number() > 1:
        raise volume.fail(f"expected a share of full scale from 0 to 1, got {volume.value}")
    rate, buffer = root.get("rate"), root.get("buffer")
    if not 8000 <= rate.integer() <= 192_000:
        raise rate.fail(f"expected samples per second from 8000 to 192000, got {rate.value}")
    if not 64 <= buffer.integer() <= 16_384:
        raise buffer.fail(f"expected samples per buffer from 64 to 16384, got {buffer.value}")
    fade = root.get("fade_seconds")
    if fade.number() > 1:
        raise fade.fail(f"expected at most 1 second, got {fade.value}")
    return SoundSettings(
        click=_tone(root.get("click")),
        confirmation=_tone(root.get("confirmation")),
        volume=volume.number(),
        fade_ms=fade.seconds_ms(),
        rate=rate.integer(),
        buffer=buffer.integer(),
    )


THEME = load_theme(asset("theme.yaml"))
