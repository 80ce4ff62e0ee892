"""What the side panel shows (`PanelView`), the words it uses for combinations, and its drawing primitives."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.core.model import Model
from simulator.core.phone import ComboProgress, Phone
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
    combos: tuple[ComboProgress, ...]
    latched: frozenset[str]


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
        self.pad = round(12 * scale)
        self.row = round(26 * scale)
        self.px = round(14 * scale)
        self.small = round(12 * scale)
        self._targets: dict[str, list[tuple[pygame.Rect, str]]] = {}

    @property
    def _heading_h(self) -> int:
        return round(24 * self.s)

    @property
    def _combo_h(self) -> int:
        return round(42 * self.s)

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
