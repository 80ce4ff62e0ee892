"""Menus on a touch screen: a finger on a menu item chooses it, a finger on an on-screen keypad digit
types it. Touch devices with no Menu, arrow or digit keys (Trio 8500/8800/C60, CCX) reach the same
menus this way; their Settings, Select, Back, OK and Yes / No are on-screen softkeys (keys already).

The rows are laid out the way the window draws them: the display less a small margin and the
on-screen softkeys along its bottom, split into max(text lines of the model, lines shown) rows; a
menu starts at the top, other screens are centred. Plain arithmetic on the model: no pygame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.core.menu import MENU_CURSOR
from simulator.core.touch import Point

if TYPE_CHECKING:
    from simulator.core.phone import Phone

MARGIN = 1 / 28  # the window's padding inside the display, as a share of its height
KEYPAD = frozenset("0123456789*#")
_ENTRY_STATES = frozenset({"password_entry", "setup_password", "menu_password"})


def _band(phone: Phone) -> tuple[float, float]:
    """Top and bottom of the text rows, from 0 to 1 down the display: the window's text area, which
    gives way to the keys drawn on the display (softkeys and arrows along the bottom, line keys at the
    top corners)."""
    model = phone.model
    display = model.display.bounds
    top, bottom = MARGIN, 1 - MARGIN
    for key in model.keys:
        b = key.bounds
        fx = (b.x + b.w / 2 - display.x) / display.w
        fy = (b.y + b.h / 2 - display.y) / display.h
        if key.side != "face" or not (0 <= fx <= 1 and 0 <= fy <= 1):
            continue  # not on the display
        if fy > 0.75:
            bottom = min(bottom, (b.y - display.y) / display.h - MARGIN)
        elif fy < 0.25:
            top = max(top, (b.y + b.h - display.y) / display.h + MARGIN)
    return top, bottom


def _rows(phone: Phone) -> tuple[float, float, int]:
    """(y of the first line, row height, lines shown)."""
    top, bottom = _band(phone)
    lines = len(phone.screen.lines)
    rows = max(phone.model.display.text_lines, lines, 1)
    height = (bottom - top) / rows
    first = top if phone.state == "menu_browse" else top + (rows - lines) * height / 2
    return first, height, lines


def keypad_keys(line: str) -> list[str] | None:
    """The keys of an on-screen keypad row ("1 2 3"), each owning an equal share of the row; else None."""
    tokens = line.split()
    return tokens if tokens and all(t in KEYPAD for t in tokens) else None


def touched(phone: Phone, point: Point) -> None:
    """One finger came down on the display: act on the item or keypad digit under it, if any."""
    state = phone.state
    if state != "menu_browse" and state not in _ENTRY_STATES:
        return
    first, height, lines = _rows(phone)
    row = int((point[1] - first) // height) if point[1] >= first else -1
    if not 0 <= row < lines:
        return
    if state == "menu_browse":
        if row == 0:
            phone._menu_key("back")  # the title: one level up
            return
        menu = phone.menu
        items = menu.items()
        start = menu.first_shown(phone.model.display.text_lines - 1)  # the rows under the title, as drawn
        if start + row - 1 < len(items):
            menu.cursor = start + row - 1
            phone._menu_key("select")
        return
    tokens = keypad_keys(phone.screen.lines[row])
    if tokens:
        key = tokens[min(len(tokens) - 1, int(point[0] * len(tokens)))]
        phone.entry.press(key, phone.now_ms)
        phone._schedule_commit()


def point_for(phone: Phone, text: str) -> Point | None:
    """Where to touch the item (or keypad digit) showing `text`, for scenarios; None when nothing shows it."""
    first, height, _ = _rows(phone)
    for row, line in enumerate(phone.screen.lines):
        tokens = keypad_keys(line)
        y = first + (row + 0.5) * height
        if tokens and text in tokens:
            return ((tokens.index(text) + 0.5) / len(tokens), y)
        label = line.removeprefix(MENU_CURSOR).strip()
        if not tokens and text and text in label:
            return (0.5, y)
    return None
