"""F6: the phone's configuration as a table (parameter, effective value, layer) and the provisioning
server's files for this phone, drawn as a card over the phone and redrawn whenever either changes.

A trainee makes a change in the menus, resets, and watches which rows go back to `factory` and which
come straight back from the server. Laid out before it is drawn (`config_layout`) so a test can check
that every row is inside the card.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.core import Phone
from simulator.ui.assets import THEME
from simulator.ui.palette import PANEL, Colour
from simulator.ui.text import Text, readable_px

TITLE = "Configuration"
CLOSE = "F6 or Esc closes"
#: Each layer's colour, from the theme's own: flash amber, the phone's changes green, the server purple.
LAYER_COLOURS: dict[str, Colour] = {
    "device": PANEL.warn,
    "local": PANEL.good,
    "web": PANEL.heading,
    "provisioning": THEME.events["reboot"],
    "factory": PANEL.muted,
}


@dataclass(frozen=True)
class Row:
    """One line of the card: its cells, left to right, each (text, colour)."""

    cells: tuple[tuple[str, Colour], ...]
    face: str = "sans"


@dataclass(frozen=True)
class ConfigLayout:
    card: pygame.Rect
    px: int
    title_px: int
    line_h: int
    columns: tuple[int, ...]  # x of each cell, relative to the card
    rows: tuple[Row, ...]
    hidden: int  # factory rows left out for want of room


class ConfigView:
    """Whether the card shows, and the signature that says when to draw it again."""

    def __init__(self) -> None:
        self.shown = False

    def toggle(self) -> None:
        self.shown = not self.shown

    def key(self, phone: Phone) -> tuple[object, ...]:
        if not self.shown:
            return (False,)
        server = phone.server
        files = tuple(sorted(server.files.items())) if server is not None else ()
        return (True, phone.config_rows(), files, phone.model.id)

    def overlay(self, text: Text, phone: Phone, area: pygame.Rect, scale: float) -> tuple[pygame.Surface, pygame.Rect]:
        layout = config_layout(text, phone, area, scale)
        surf = pygame.Surface(layout.card.size, pygame.SRCALPHA)
        pygame.draw.rect(surf, PANEL.section, surf.get_rect(), border_radius=round(10 * scale))
        pygame.draw.rect(surf, PANEL.line, surf.get_rect(), width=1, border_radius=round(10 * scale))
        pad = round(14 * scale)
        close_w = text.size(CLOSE, layout.px, "sans")[0]
        text.blit(surf, CLOSE, layout.px, PANEL.muted, face="sans", at=(layout.card.w - pad - close_w, pad))
        y = pad
        for number, row in enumerate(layout.rows):
            right_edge = layout.card.w - pad - (close_w + round(12 * scale) if number == 0 else 0)
            for i, (cell, colour) in enumerate(row.cells):
                x = layout.columns[i]
                right = layout.columns[i + 1] - round(8 * scale) if i + 1 < len(row.cells) else right_edge
                px = layout.title_px if number == 0 else layout.px
                shown = text.elide(cell, px, max(1, right - x), row.face)
                text.blit(surf, shown, px, colour, face=row.face, at=(x, y))
            y += layout.line_h
        return surf, layout.card


def _rows(phone: Phone) -> tuple[list[Row], list[Row]]:
    """The table (what a layer above factory holds first, then the factory values) and the server part."""
    table = phone.config.table()
    shown = [s for s in table if s.layer not in ("factory", None)]
    factory = [s for s in table if s.layer == "factory" and s.value is not None]
    rows = [Row((("parameter", PANEL.heading), ("value", PANEL.heading), ("layer (from)", PANEL.heading)))]
    for s in shown + factory:
        origin = "" if s.layer == "factory" else f" ({s.origin})"
        value = s.value if s.value != "" else "(empty)"
        rows.append(Row(((s.param, PANEL.text), (value, PANEL.text), (f"{s.layer}{origin}", LAYER_COLOURS[s.layer]))))
    server, plan = phone.server, phone.boot_plan
    found = plan.found if plan is not None else None
    lines = [Row((("Provisioning server and its files for this phone", PANEL.heading),))]
    if server is None:
        lines.append(
            Row((("none: the phone keeps what it holds; Format File System leaves it in the Updater", PANEL.muted),))
        )
    else:
        how = f" · found by {found.how}" if found is not None else " · not found yet (power on)"
        lines.append(Row(((f"{server.address}{how}", PANEL.text),)))
        for name in dict.fromkeys(server.files_for(phone.mac)):
            here = server.has(name)
            written = " · written by the phone" if name in server.written else ""
            mark, colour = ("present", PANEL.good) if here else ("absent", PANEL.muted)
            lines.append(Row(((name, PANEL.text), (f"{mark}{written}", colour))))
        for app, version in sorted(server.software.items()):
            lines.append(Row(((app, PANEL.text), (f"UC Software {version}", PANEL.text))))
    return rows, lines


def config_layout(text: Text, phone: Phone, area: pygame.Rect, scale: float) -> ConfigLayout:
    """The card over the phone's area: the table, cut to the room there is (factory rows go first)."""
    px = readable_px(13, scale)
    line_h = text.size("Ag", px, "sans")[1] + max(1, round(3 * scale))
    pad = round(14 * scale)
    card = area.inflate(-2 * round(16 * scale), -2 * round(16 * scale))
    table, server = _rows(phone)
    title = Row(((f"{TITLE} · {phone.model.name} · MAC {phone.mac}", PANEL.text),), "bold")
    room = (card.h - 2 * pad) // line_h - 3 - len(server)  # title, a blank line before the server, spare
    hidden = max(0, len(table) - room)
    kept = table[: len(table) - hidden] if hidden else table
    if hidden:
        kept.append(Row(((f"… {hidden} more factory values", PANEL.muted),)))
    rows = (title, *kept, Row((("", PANEL.text),)), *server)
    inner = card.w - 2 * pad
    columns = (pad, pad + round(inner * 0.42), pad + round(inner * 0.64))
    used = (len(rows) + 1) * line_h + 2 * pad
    card.h = min(card.h, used)
    return ConfigLayout(card, px, max(px + 2, round(18 * scale)), line_h, columns, rows, hidden)
