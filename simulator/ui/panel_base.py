"""What the side panel shows (`PanelView`), the words it uses for combinations, and its drawing primitives."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.core import ComboProgress, Model, Phone
from simulator.ui.assets import THEME
from simulator.ui.draw_phone import ICONS
from simulator.ui.model_index import Entry
from simulator.ui.palette import PANEL, Colour, mix
from simulator.ui.text import Text
from simulator.ui.timeline import Cursor, Segment

TIMED_PHASES = ("boot", "countdown", "resetting", "rebooting")
CORNER_NAMES = {
    "top_left": "top-left",
    "top_right": "top-right",
    "bottom_left": "bottom-left",
    "bottom_right": "bottom-right",
}


@dataclass(frozen=True)
class PanelView:
    """What the panel shows this frame (the phone is read, never changed)."""

    phone: Phone
    speed: float
    paused: bool
    sound_on: bool
    audio: bool
    sticker: bool
    back: bool
    help: bool
    entries: tuple[Entry, ...]
    query: str
    searching: bool
    list_top: int
    log_top: int
    hover: str | None
    parts: tuple[Segment, ...]
    cursor: Cursor | None
    timeline_label: str  # the timeline's heading: where the boot is, or what the phone does instead
    combos: tuple[ComboProgress, ...]
    latched: frozenset[str]
    mode: str = "free"  # the training mode (the mode row lights it)
    config: bool = False  # the configuration card is open (F6)
    locked: bool = False  # an exam is on: modes, models, speed and jumps are refused


def clock_text(phone: Phone) -> str:
    """The phone's time: tenths while a boot or a hold is timed, whole seconds otherwise (fewer redraws)."""
    if phone.phase in TIMED_PHASES or phone.held or phone.touches:
        return f"t = {phone.now_ms / 1000:.1f} s"
    return f"t = {phone.now_ms // 1000} s"


def window_text(combo: ComboProgress, phone: Phone) -> tuple[str, Colour]:
    """When the combination counts, and whether that is now."""
    proc = combo.procedure
    if combo.window_open:
        stale = proc.keys and combo.down == proc.keys and not combo.counting and combo.held_ms == 0
        if stale:  # held since before the window opened: it must be pressed inside it
            return "● window open: let go and press again", PANEL.warn
        return "● window open now", PANEL.good
    if proc.at_power_on:
        ready = phone.phase == "off" and combo.down == proc.keys
        return ("● ready: power on now (P)", PANEL.good) if ready else ("○ held while powering on", PANEL.muted)
    where = proc.phase + (f" / {proc.stage}" if proc.stage else "")
    if proc.requires:
        where += f", after {proc.requires.replace('_', ' ')}"
    return f"○ during {where}", PANEL.muted


def chip_label(model: Model, key_id: str) -> str:
    """A key as the meters name it: its printed label when it has a word on it, else its id in words."""
    key = model.key(key_id)
    label = key.label if key is not None else ""
    return label if label and label not in ICONS else key_id.replace("_", " ")


def key_order(key: str) -> tuple[bool, str]:
    """Dial-pad keys first, then named keys, each alphabetically: "1 + 3 + 5"."""
    return (len(key) > 1, key)


class PanelBase:
    """The panel's sizes and drawing primitives, and the click targets each section leaves behind."""

    def __init__(self, text: Text, rect: pygame.Rect, scale: float) -> None:
        self.text = text
        self.rect = rect
        self.s = scale
        sizes = THEME.sizes
        # Text never shrinks below the theme's floors (smaller, the fonts drop letters); the rows are sized
        # from the text they hold, so a small window packs them tighter without cutting them.
        self.px = max(sizes.min_text, round(sizes.text * scale))
        self.small = max(sizes.min_small_text, round(sizes.small_text * scale))
        self.pad = round(12 * scale)
        self.text_h = text.size("Ag", self.px, "sans")[1]
        self.small_h = text.size("Ag", self.small, "sans")[1]
        self.row = max(round(26 * scale), self.text_h + 6)
        self.list_row = max(round(24 * scale), self.text_h + 4)
        self.chip_h = max(round(19 * scale), self.small_h + 3)
        self._heading_h = max(round(24 * scale), text.size("AG", self.small, "bold")[1] + round(10 * scale))
        self._combo_h = self.text_h + 1 + self.chip_h + max(3, round(5 * scale))
        self._targets: dict[str, list[tuple[pygame.Rect, str]]] = {}

    def _target(self, section: str, rect: pygame.Rect, action: str) -> None:
        self._targets[section].append((rect, action))

    def _heading(self, surf: pygame.Surface, rect: pygame.Rect, title: str, right: str = "") -> int:
        """The section's title (and a note on the right); returns the y below it."""
        y = rect.y + round(6 * self.s)
        self.text.blit(surf, title.upper(), self.small, PANEL.heading, face="bold", at=(rect.x + self.pad, y))
        if right:
            self.text.blit(
                surf, right, self.small, PANEL.muted, face="sans", anchor="topright", at=(rect.right - self.pad, y - 1)
            )
        return rect.y + self._heading_h

    def _button(
        self,
        surf: pygame.Surface,
        section: str,
        rect: pygame.Rect,
        label: str,
        action: str,
        view: PanelView,
        colour: Colour = PANEL.button,
        px: int | None = None,
    ) -> None:
        if view.hover == action:
            colour = mix(colour, (255, 255, 255), 0.12)
        pygame.draw.rect(surf, colour, rect, border_radius=round(6 * self.s))
        size = self.text.fit(label, px or self.px, rect.w - 8, "sans")
        self.text.blit(surf, label, size, PANEL.button_text, face="sans", anchor="center", at=rect.center)
        self._target(section, rect, action)

    def _row_of_buttons(
        self,
        surf: pygame.Surface,
        section: str,
        rect: pygame.Rect,
        items: list[tuple[str, str, bool]],
        view: PanelView,
        weights: list[float] | None = None,
    ) -> None:
        """Buttons side by side filling `rect`: (label, action, on)."""
        gap = round(6 * self.s)
        weights = weights or [1.0] * len(items)
        unit = (rect.w - gap * (len(items) - 1)) / sum(weights)
        x = float(rect.x)
        for (label, action, on), weight in zip(items, weights, strict=True):
            w = unit * weight
            button = pygame.Rect(round(x), rect.y, round(x + w) - round(x), rect.h)
            self._button(surf, section, button, label, action, view, PANEL.button_on if on else PANEL.button)
            x += w + gap

    # -- sections --------------------------------------------------------------------------------------
