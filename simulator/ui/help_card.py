"""The `?` overlay: every key's shortcut for this model, the app's controls and the mouse rules.

Laid out before it is drawn (`help_layout`), so a test can check that every line is whole and inside the
card: descriptions wrap instead of being cut, runs of numbered keys share one row ("Soft key 1-4  F1-F4"),
and the text gets smaller, down to the theme's smallest readable size, or spreads over more columns
until it fits the window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pygame

from simulator.core import Model, describe
from simulator.ui.assets import THEME
from simulator.ui.palette import PANEL, Colour
from simulator.ui.shortcuts import APP_DESCRIPTIONS, APP_HELP, Shortcuts
from simulator.ui.text import Text, readable_px

MOUSE_HELP = (
    "Hold the mouse button on a key to hold the key; drag off to let go.",
    "Right-click or Ctrl+click latches a key down (lock mark); click it again to release. Esc releases all.",
    "Keyboard keys held together form a chord. {reset}",
    "Touch screens: each finger holds its own key. No numpad? Type * and # (Shift+8, Shift+3), or latch them.",
)
MIN_COLUMN = 230  # px: narrower, a description wraps after every word or two
MARGIN = 20  # px between the card and the window's edge
_NUMBERED = re.compile(r"^(.*\D)(\d+)$")


@dataclass(frozen=True)
class Piece:
    """One line of text on the card: what, where (its top-left), in which face and colour."""

    text: str
    at: tuple[int, int]
    face: str
    colour: Colour
    px: int


@dataclass(frozen=True)
class HelpLayout:
    card: pygame.Rect
    pieces: tuple[Piece, ...]
    fits: bool  # False only when even the smallest text in the most columns overflows the window


def _span(template: str, a: int, b: int) -> str:
    """A shortcut template over a run of numbers: "F{}" -> "F1-F4", "{} / Num {}" -> "1-9 / Num 1-9"."""
    return re.sub(r"(\w*?)\{\}", lambda m: f"{m[1]}{a}-{m[1]}{b}" if m[1] else f"{a}-{b}", template)


def key_rows(model: Model, shortcuts: Shortcuts) -> list[tuple[str, str]]:
    """(shortcut, what) per key, three or more numbered keys in a row with the same kind of shortcut as one."""
    rows = []
    for k in model.keys:
        what = describe(k.id) + (f" ({k.label})" if k.label and k.label not in describe(k.id) else "")
        rows.append((shortcuts.names(k.id), what))
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(rows):
        run = _run(rows, i)
        if len(run) >= 3:
            (first, prefix, template), last = run[0], run[-1][0]
            out.append((_span(template, first, last), f"{prefix}{first}-{last}"))
            i += len(run)
        else:
            out.append(rows[i])
            i += 1
    return out


def _run(rows: list[tuple[str, str]], start: int) -> list[tuple[int, str, str]]:
    """The numbered rows from `start` on whose number counts up by one and whose shortcut follows it."""
    run: list[tuple[int, str, str]] = []
    for keys, what in rows[start:]:
        match = _NUMBERED.match(what)
        if not match:
            break
        n = int(match[2])
        template = re.sub(rf"(?<!\d){n}(?!\d)", "{}", keys)
        if "{}" not in template or (run and (match[1], template, n) != (run[0][1], run[0][2], run[-1][0] + 1)):
            break
        run.append((n, match[1], template))
    return run


def _wrap_keys(text: Text, keys: str, px: int, width: int) -> list[str]:
    """Shortcuts broken between alternatives ("Enter /", "Num Enter") rather than cut."""
    lines: list[str] = []
    for part in keys.split(" / ") if keys else []:
        joined = f"{lines[-1]} / {part}" if lines else part
        if lines and text.size(joined, px, "mono")[0] <= width:
            lines[-1] = joined
        else:
            if lines:
                lines[-1] += " /"
            lines.append(text.elide(part, px, width, "mono"))
    return lines


def help_layout(
    text: Text, model: Model, shortcuts: Shortcuts, size: tuple[int, int], scale: float, reveal: bool = True
) -> HelpLayout:
    """The card's layout; `reveal` False (an exam) leaves out the model's reset combination."""
    rows = key_rows(model, shortcuts) + [("", "")] + [(key, APP_DESCRIPTIONS[name]) for name, key in APP_HELP.items()]
    resets = (p for p in model.procedures if p.action in ("reset_prompt", "factory_reset"))
    reset = next(resets, None) if reveal else None
    notes = [n.format(reset=f"This model's factory reset: {reset.describe()}." if reset else "") for n in MOUSE_HELP]
    width = min(size[0] - 2 * MARGIN, round(1100 * scale))
    most = max(1, (width - 36) // MIN_COLUMN)
    best = None
    for px in range(readable_px(13, scale), THEME.sizes.min_small_text - 1, -1):
        for columns in range(min(3, most), most + 1):
            best = _lay_out(text, model.name, rows, notes, px, columns, width, size, scale)
            if best.fits:
                return best
    assert best is not None
    return best


def _lay_out(
    text: Text,
    name: str,
    rows: list[tuple[str, str]],
    notes: list[str],
    px: int,
    columns: int,
    width: int,
    size: tuple[int, int],
    scale: float,
) -> HelpLayout:
    pad = round(18 * scale)
    line_h = text.size("Ag", px, "sans")[1] + max(1, round(2 * scale))
    col_w = (width - 2 * pad) // columns
    key_w = min(round(col_w * 0.45), max(text.size(k, px, "mono")[0] for k, _ in rows) + round(12 * scale))
    desc_w = col_w - key_w - round(12 * scale)
    wrapped = [
        (_wrap_keys(text, keys, px, key_w - 8), text.wrap(what, px, desc_w, "sans") if what else [])
        for keys, what in rows
    ]
    target = sum(max(1, len(k), len(w)) for k, w in wrapped) / columns
    cells: list[tuple[int, int, list[str], list[str]]] = []  # column, line, shortcut lines, description lines
    col = line = 0
    for keys, lines in wrapped:
        height = max(1, len(keys), len(lines))
        if line and line + height > target + 0.5 and col < columns - 1:
            col, line = col + 1, 0
        if not (keys or lines) and line == 0:
            continue  # a blank separator at the top of a column is no use
        cells.append((col, line, keys, lines))
        line += height
    tall = max(c[1] + max(1, len(c[2]), len(c[3])) for c in cells)
    note_lines = [piece for note in notes for piece in text.wrap(note, px, width - 2 * pad, "sans")]
    title_px = max(px + 2, round(20 * scale))
    title_h = text.size("Ag", title_px, "bold")[1] + round(12 * scale)
    height = 2 * pad + title_h + tall * line_h + round(14 * scale) + len(note_lines) * line_h
    card = pygame.Rect(0, 0, width, height)
    card.center = (size[0] // 2, size[1] // 2)
    x, y = card.x + pad, card.y + pad
    pieces = [
        Piece(f"Keyboard shortcuts: {name}", (x, y), "bold", PANEL.text, title_px),
        Piece(
            "? or Esc closes",
            (card.right - pad - text.size("? or Esc closes", px, "sans")[0], y + 4),
            "sans",
            PANEL.muted,
            px,
        ),
    ]
    top = y + title_h
    for col, line, keys, lines in cells:
        cx, cy = x + col * col_w, top + line * line_h
        pieces += [Piece(part, (cx, cy + i * line_h), "mono", PANEL.heading, px) for i, part in enumerate(keys)]
        pieces += [Piece(part, (cx + key_w, cy + i * line_h), "sans", PANEL.text, px) for i, part in enumerate(lines)]
    y = top + tall * line_h + round(14 * scale)
    pieces += [Piece(part, (x, y + i * line_h), "sans", PANEL.muted, px) for i, part in enumerate(note_lines)]
    fits = height <= size[1] - 2 * MARGIN and not any(p.text.endswith("…") for p in pieces)
    return HelpLayout(card, tuple(pieces), fits)


def help_card(
    text: Text, model: Model, shortcuts: Shortcuts, size: tuple[int, int], scale: float, reveal: bool = True
) -> tuple[pygame.Surface, pygame.Rect]:
    """The card over a dimmed window."""
    layout = help_layout(text, model, shortcuts, size, scale, reveal)
    dim = pygame.Surface(size, pygame.SRCALPHA)
    dim.fill((*PANEL.dim, PANEL.dim_alpha))
    pygame.draw.rect(dim, (*PANEL.section, 250), layout.card, border_radius=round(10 * scale))
    for piece in layout.pieces:
        text.blit(dim, piece.text, piece.px, piece.colour, face=piece.face, at=piece.at)
    return dim, pygame.Rect((0, 0), size)
