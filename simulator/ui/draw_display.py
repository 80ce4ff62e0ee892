"""The phone's display: the engine's screen model (lines, softkey labels, backlight) drawn as an LCD.

Monochrome and grayscale screens are dark text on a lit background, colour screens light text on deep
blue; with the backlight off the glass is dark. Softkey labels sit on the display right above their keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pygame

from simulator.core import MENU_CURSOR, Screen, keypad_keys, softkey_index
from simulator.ui.geometry import PhoneLayout
from simulator.ui.palette import DISPLAYS, Colour, DisplayColours
from simulator.ui.text import Text


@dataclass(frozen=True)
class ScreenLook:
    """Everything the display shows; two equal looks draw the same pixels."""

    screen: Screen
    mode: str | None  # the input mode's label while a password is typed ("123", "abc", "ABC")


@dataclass(frozen=True)
class DrawnScreen:
    """The text the display shows, as drawn: what snapshot tests compare instead of pixels."""

    lit: bool
    lines: tuple[str, ...]
    selected: str | None
    softkeys: dict[str, str]  # key id -> label on the display
    mode: str | None


@lru_cache(maxsize=16)
def _gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> pygame.Surface:
    """A backlit panel is brighter at the top; one surface per size, reused on every redraw."""
    surf = pygame.Surface(size)
    w, h = size
    for y in range(h):
        t = y / max(1, h - 1)
        surf.fill(tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)), (0, y, w, 1))
    return surf


def render_display(text: Text, layout: PhoneLayout, look: ScreenLook) -> tuple[pygame.Surface, DrawnScreen]:
    """The display's pixels (its own surface, the display's size) and the text drawn on it."""
    pal = DISPLAYS[layout.model.display.kind]
    rect = layout.display
    screen = look.screen
    if not screen.backlight:
        surf = pygame.Surface(rect.size)
        surf.fill(pal.unlit)
        _glare(surf)
        _lines(surf, text, layout, screen, _text_area(layout), pal.unlit_text, pal)
        return surf, DrawnScreen(False, screen.lines, None, {}, None)
    surf = _gradient(rect.size, pal.top, pal.bottom).copy()
    body = _text_area(layout)
    if screen.id == "logo":
        shown, selected = _logo(surf, text, screen, body, pal), None
    elif screen.id == "menu":
        shown, selected = _menu(surf, text, layout, screen, body, pal)
    else:
        shown, selected = _lines(surf, text, layout, screen, body, pal.text, pal, look.mode), None
    softkeys = _softkey_tabs(surf, text, layout, screen, pal)
    return surf, DrawnScreen(True, shown, selected, softkeys, look.mode)


def softkey_label(screen: Screen, key_id: str) -> str | None:
    """The label the screen gives the softkey `key_id`, if any."""
    index = softkey_index(key_id)
    if index is None or index > len(screen.softkeys):
        return None
    return screen.softkeys[index - 1]


def _text_area(layout: PhoneLayout) -> pygame.Rect:
    """The text area relative to the display's own surface."""
    return layout.text_area.move(-layout.display.x, -layout.display.y)


def _row_px(text: Text, layout: PhoneLayout, area: pygame.Rect, count: int) -> tuple[int, int]:
    """Row height and font size for the model's number of text rows (more when the screen has more lines)."""
    rows = max(layout.model.display.text_lines, count, 1)
    row_h = area.h // rows
    px = max(9, round(row_h * 1.05))
    while px > 9 and text.size("Ag", px)[1] > row_h * 0.86:
        px -= 1
    return row_h, px


def _lines(
    surf: pygame.Surface,
    text: Text,
    layout: PhoneLayout,
    screen: Screen,
    area: pygame.Rect,
    colour: Colour,
    pal: DisplayColours,
    mode: str | None = None,
) -> tuple[str, ...]:
    """Lines centred as a block; a password line becomes an input field with the input mode beside it."""
    lines = screen.lines
    row_h, px = _row_px(text, layout, area, len(lines))
    fields = [i == screen.entry and mode is not None for i in range(len(lines))]
    # One size for the whole screen: the size at which its longest line fits.
    px = min([px] + [text.fit(line, px, area.w) for line, field in zip(lines, fields, strict=True) if not field])
    # The entry field takes up to one more row of height where the screen has it to spare.
    spare = area.h - row_h * len(lines)
    heights = [row_h + min(row_h, spare) // 2 * 2 if field else row_h for field in fields]
    y = area.y + (area.h - sum(heights)) // 2
    for line, field, h in zip(lines, fields, heights, strict=True):
        mid = (area.centerx, y + h // 2)
        if field and mode is not None:
            _field(surf, text, line, mode, pygame.Rect(0, 0, round(area.w * 0.86), round(h * 0.8)), mid, px, pal)
        elif keypad_keys(line):  # an on-screen keypad row: each key in its own cell, where a finger chooses it
            keys = keypad_keys(line)
            for i, key in enumerate(keys):
                at = (area.x + round(area.w * (i + 0.5) / len(keys)), mid[1])
                text.blit(surf, key, px, colour, anchor="center", at=at)
        else:
            text.blit(surf, line, px, colour, anchor="center", at=mid)
        y += h
    return lines


def _field(
    surf: pygame.Surface,
    text: Text,
    line: str,
    mode: str,
    box: pygame.Rect,
    mid: tuple[int, int],
    px: int,
    pal: DisplayColours,
) -> None:
    """The masked password: a framed field, a dot per typed character and the cursor, the input mode as a badge.

    Dots, not the font's `*`: an asterisk is a small raised glyph, hard to count on a short field.
    """
    box.center = mid
    pygame.draw.rect(surf, pal.accent, box, width=max(1, box.h // 14), border_radius=box.h // 5)
    badge_px = max(9, round(px * 0.8))
    badge_w = text.size(mode, badge_px)[0] + box.h // 2
    badge = pygame.Rect(box.right - badge_w - 3, box.y + 3, badge_w, box.h - 6)
    pygame.draw.rect(surf, pal.accent, badge, border_radius=badge.h // 4)
    text.blit(surf, mode, badge_px, pal.accent_text, anchor="center", at=badge.center)
    typed = line.count("*")
    room = badge.x - box.x - box.h // 2
    step = max(3, min(round(box.h * 0.55), room // max(1, typed + 1)))
    radius = max(1, min(round(box.h * 0.18), step // 2 - 1))
    x = box.x + box.h // 3 + radius
    for _ in range(typed):
        pygame.draw.circle(surf, pal.text, (x, box.centery), radius)
        x += step
    if line.endswith("_"):
        bar = pygame.Rect(x - radius, box.centery + radius + 1, max(3, step - 2), max(1, box.h // 12))
        pygame.draw.rect(surf, pal.text, bar)


def _logo(surf: pygame.Surface, text: Text, screen: Screen, area: pygame.Rect, pal: DisplayColours) -> tuple[str, ...]:
    """The boot logo: the brand, large."""
    word = " ".join(screen.lines)
    px = text.fit(word, round(area.h * 0.45), round(area.w * 0.7))
    text.blit(surf, word, px, pal.text, anchor="center", at=area.center)
    return screen.lines


def _menu(
    surf: pygame.Surface, text: Text, layout: PhoneLayout, screen: Screen, area: pygame.Rect, pal: DisplayColours
) -> tuple[tuple[str, ...], str | None]:
    """A title bar, then the items left-aligned; the cursor row is a highlighted bar."""
    row_h, px = _row_px(text, layout, area, len(screen.lines))
    title, *items = screen.lines or ("",)
    bar = pygame.Rect(0, area.y, surf.get_width(), row_h)
    pygame.draw.rect(surf, pal.tab, bar)
    text.blit(surf, title, text.fit(title, px, area.w), pal.tab_text, anchor="midleft", at=(area.x, bar.centery))
    shown, selected = [title], None
    for i, item in enumerate(items):
        label = item[len(MENU_CURSOR) :] if item.startswith((MENU_CURSOR, "  ")) else item
        row = pygame.Rect(area.x, area.y + (i + 1) * row_h, area.w, row_h)
        colour = pal.text
        if i + 1 == screen.cursor:
            selected = label
            pygame.draw.rect(surf, pal.accent, row.inflate(4, -2), border_radius=row_h // 5)
            colour = pal.accent_text
        text.blit(surf, label, text.fit(label, px, area.w - 8), colour, anchor="midleft", at=(row.x + 4, row.centery))
        shown.append(label)
    return tuple(shown), selected


def _softkey_tabs(
    surf: pygame.Surface, text: Text, layout: PhoneLayout, screen: Screen, pal: DisplayColours
) -> dict[str, str]:
    """Labels of the softkeys below (or above) the screen, each right over its key."""
    drawn = {}
    origin = layout.display.topleft
    for spot in layout.keys:
        if spot.tab is None or spot.on_screen:
            continue
        label = softkey_label(screen, spot.key.id)
        if not label:
            continue
        tab = spot.tab.move(-origin[0], -origin[1])
        pygame.draw.rect(surf, pal.tab, tab, border_radius=max(2, tab.h // 4))
        px = text.fit(label, text.px_for(tab.h * 0.8), tab.w - 6)
        text.blit(surf, label, px, pal.tab_text, anchor="center", at=tab.center)
        drawn[spot.key.id] = label
    return drawn


def _glare(surf: pygame.Surface) -> None:
    """A faint diagonal reflection, so an unlit screen still reads as glass."""
    w, h = surf.get_size()
    glare = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.polygon(glare, (255, 255, 255, 14), [(w * 0.45, 0), (w * 0.75, 0), (w * 0.35, h), (w * 0.05, h)])
    surf.blit(glare, (0, 0))
