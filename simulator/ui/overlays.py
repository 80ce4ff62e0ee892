"""Things drawn over the phone and panel: the key tooltip and the back label with the MAC (the `?` help is
help_card.py).

Overlays are drawn on the window, never on the scene underneath, so taking one away only needs the
scene's pixels copied back. The back view prints the same back label on the body (`draw_sticker`).
"""

from __future__ import annotations

import pygame

from simulator.core import Model, describe
from simulator.ui.palette import PANEL, STICKER, Colour
from simulator.ui.shortcuts import Shortcuts
from simulator.ui.text import Text, readable_px

CARD: Colour = STICKER.card
INK: Colour = STICKER.ink


def mac_printed(mac: str) -> str:
    """The MAC as the back label prints it: twelve upper-case hex digits, no separators."""
    return mac.upper()


def tooltip(
    text: Text, key_id: str, shortcuts: Shortcuts, anchor: pygame.Rect, bounds: pygame.Rect, scale: float
) -> tuple[pygame.Surface, pygame.Rect]:
    """A small label above the key: what it is and its keyboard shortcut."""
    px = readable_px(13, scale)
    lines = [describe(key_id), f"Key: {shortcuts.names(key_id) or 'none'}  ·  right-click latches"]
    sizes = [text.size(line, px, "sans") for line in lines]
    pad = round(6 * scale)
    w = max(s[0] for s in sizes) + 2 * pad
    h = sum(s[1] for s in sizes) + 2 * pad
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(surf, PANEL.field, (0, 0, w, h), border_radius=round(6 * scale))
    pygame.draw.rect(surf, PANEL.line, (0, 0, w, h), width=1, border_radius=round(6 * scale))
    y = pad
    for line, size, colour in zip(lines, sizes, (PANEL.text, PANEL.muted), strict=True):
        text.blit(surf, line, px, colour, face="sans", at=(pad, y))
        y += size[1]
    rect = surf.get_rect(midbottom=(anchor.centerx, anchor.y - 6))
    if rect.y < bounds.y:
        rect.top = anchor.bottom + 6
    return surf, rect.clamp(bounds)


def label_place(panel: pygame.Rect, scale: float) -> pygame.Rect:
    """Where Tab shows the back label: low over the side panel (its event log), so it covers no key and
    not the display, and the MAC can be read while it is typed."""
    pad = round(12 * scale)
    w = min(round(360 * scale), panel.w - 2 * pad)
    h = round(w * 200 / 360)
    return pygame.Rect(panel.centerx - w // 2, panel.bottom - pad - h, w, h)


def back_label(text: Text, model: Model, mac: str, place: pygame.Rect) -> tuple[pygame.Surface, pygame.Rect]:
    """The sticker on the phone's back, shown large at `place` so the MAC is easy to read."""
    w, h = place.size
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(surf, (0, 0, 0, 90), (4, 6, w - 4, h - 6), border_radius=max(2, round(8 * w / 360)))
    draw_sticker(text, surf, pygame.Rect(0, 0, w - 6, h - 8), model, mac, note="Tab or click here closes")
    return surf, place


def draw_sticker(text: Text, surf: pygame.Surface, card: pygame.Rect, model: Model, mac: str, note: str = "") -> None:
    """Brand, model, MAC and serial number (the same twelve digits) and a barcode, scaled to `card`: the
    overlay and the back view print the same label."""
    k = card.w / 354  # the design's width at scale 1
    pad = round(14 * k)
    pygame.draw.rect(surf, CARD, card, border_radius=max(2, round(8 * k)))
    printed = mac_printed(mac)
    brand = text.blit(surf, model.brand.upper(), round(22 * k), INK, at=(card.x + pad, card.y + pad))
    name_px = text.fit(model.name, round(15 * k), card.right - pad - brand.right - pad, "sans", minimum=6)
    name_at = (card.right - pad, card.y + pad + round(4 * k))
    text.blit(surf, model.name, name_px, INK, face="sans", anchor="topright", at=name_at)
    y = card.y + pad + round(34 * k)
    text.blit(surf, f"MAC: {printed}", round(19 * k), INK, face="mono", at=(card.x + pad, y))
    y += round(28 * k)
    bars = pygame.Rect(card.x + pad, y, card.w - 2 * pad, round(44 * k))
    _barcode(surf, printed, bars)
    y = bars.bottom + round(6 * k)
    text.blit(surf, f"S/N: {printed}", round(14 * k), INK, face="mono", at=(card.x + pad, y))
    if note:
        text.blit(
            surf,
            note,
            round(12 * k),
            STICKER.note,
            face="sans",
            anchor="bottomright",
            at=(card.right - pad, card.bottom - round(8 * k)),
        )


def _barcode(surf: pygame.Surface, digits: str, rect: pygame.Rect) -> None:
    """Bars drawn from the digits' bits: not a scannable code, but it reads as one."""
    bits = "".join(f"{int(c, 16):04b}" for c in digits if c in "0123456789ABCDEF")
    pattern = "1011" + "".join(b + "0" if b == "1" else "10" for b in bits) + "1101"
    unit = rect.w / len(pattern)
    for i, bit in enumerate(pattern):
        if bit == "1":
            x0, x1 = round(rect.x + i * unit), round(rect.x + (i + 1) * unit)
            surf.fill(INK, (x0, rect.y, max(1, x1 - x0), rect.h))
