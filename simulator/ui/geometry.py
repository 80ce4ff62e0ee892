"""Where things are on screen: the window split into phone and panel, millimetres to pixels, hit testing.

Model files place keys, LEDs and the display in millimetres on the phone's face; the phone is scaled to
fit whatever room the resizable window leaves beside the side panel. Keys with `side: back` (pinholes)
are placed on the back instead, in millimetres as seen from behind: a layout is of one side, so only
that side's keys are drawn and hit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.core import Key, Model, Rect, softkey_index
from simulator.ui.assets import THEME
from simulator.ui.text import Text

PANEL_MIN_W = THEME.sizes.panel_min_width  # below this the panel's rows no longer fit their text
PANEL_MAX_W = THEME.sizes.panel_max_width  # beyond this a wide window gives its room to the phone
PHONE_MARGIN = 0.04  # share of the phone area left free around the body
HINT_H = THEME.sizes.hint_height  # px at scale 1: the hint line under the phone
SOFTKEY_STRIP = 0.16  # share of the display's height taken by the softkey labels
MIN_LABEL_PX = 13  # smallest legible label (pygame's font draws small); one that needs less goes under its key
PINHOLE_MM = 6  # a round key this small is a hole for a paper clip, not a button
STICKER_MM = 72  # the back label's width where the back has room for it (real labels are about 70 mm)
STICKER_ASPECT = 0.46  # height / width of the back label


def ui_scale(size: tuple[int, int]) -> float:
    """Text and panel sizes: 1.0 at 1280x800; they grow slower than the window (1.2 at 1920x1080), so a
    bigger window also shows more (log lines, models), and shrink with it down to 0.85."""
    w, h = size
    fit = min(w / 1280, h / 800)
    return max(0.85, min(1.5, fit if fit < 1 else fit**0.6))


def split_window(size: tuple[int, int]) -> tuple[pygame.Rect, pygame.Rect]:
    """The phone's area (left) and the side panel (right)."""
    w, h = size
    panel_w = min(max(PANEL_MIN_W, min(PANEL_MAX_W, round(w * 0.32))), w // 2)
    return pygame.Rect(0, 0, w - panel_w, h), pygame.Rect(w - panel_w, 0, panel_w, h)


@dataclass(frozen=True)
class Transform:
    """Millimetres on the phone's face to window pixels."""

    scale: float  # px per mm
    ox: float
    oy: float

    def rect(self, r: Rect) -> pygame.Rect:
        # Round both edges, not the size, so neighbouring keys keep their exact gap.
        x0, y0 = round(self.ox + r.x * self.scale), round(self.oy + r.y * self.scale)
        x1, y1 = round(self.ox + (r.x + r.w) * self.scale), round(self.oy + (r.y + r.h) * self.scale)
        return pygame.Rect(x0, y0, max(1, x1 - x0), max(1, y1 - y0))

    def px(self, mm: float) -> int:
        return max(1, round(mm * self.scale))


def fit(body: Rect, area: pygame.Rect) -> Transform:
    """The largest scale that shows the whole body inside `area`, centred."""
    margin = PHONE_MARGIN * min(area.w, area.h)
    scale = min((area.w - 2 * margin) / body.w, (area.h - 2 * margin) / body.h)
    ox = area.x + (area.w - body.w * scale) / 2 - body.x * scale
    oy = area.y + (area.h - body.h * scale) / 2 - body.y * scale
    return Transform(scale, ox, oy)


@dataclass(frozen=True)
class KeySpot:
    """One key as laid out: its rectangle, how its label fits, and what counts as a hit on it."""

    key: Key
    rect: pygame.Rect
    on_screen: bool  # drawn on the display (touch screens): styled as the display, not as a key
    label_px: int  # font size of the label; 0 when the key has no label of its own
    label_rect: pygame.Rect | None  # the label printed on the body under the key, when it does not fit on it
    tab: pygame.Rect | None  # a softkey's label on the display

    @property
    def hit_rects(self) -> tuple[pygame.Rect, ...]:
        return tuple(r for r in (self.rect, self.label_rect, self.tab) if r is not None)

    @property
    def pinhole(self) -> bool:
        return is_pinhole(self.key)

    @property
    def extent(self) -> pygame.Rect:
        """Everything drawn for the key, with room for its shadow and focus ring (a pinhole's lock sits beside it)."""
        out = self.rect.unionall(list(self.hit_rects))
        if self.pinhole:
            out = out.union(self.rect.inflate(self.rect.h * 3, self.rect.h))
        return out.inflate(8, 8)


@dataclass(frozen=True)
class PhoneLayout:
    model: Model
    area: pygame.Rect
    transform: Transform
    body: pygame.Rect
    display: pygame.Rect
    text_area: pygame.Rect  # the display less its padding, the softkey labels and any on-screen keys
    softkey_strip: pygame.Rect | None  # the display's band for softkey labels, when softkeys sit off the screen
    keys: tuple[KeySpot, ...]  # this side's keys, in drawing order: the last one is the frontmost
    leds: dict[str, pygame.Rect]
    hint: pygame.Rect
    side: str = "face"  # "face" or "back": which side of the phone this layout shows
    sticker: pygame.Rect | None = None  # the back label with the MAC, on the back
    caption: pygame.Rect | None = None  # the line under the body saying there is another side worth seeing

    @property
    def back(self) -> bool:
        return self.side == "back"

    def spot(self, key_id: str) -> KeySpot:
        return next(s for s in self.keys if s.key.id == key_id)

    def screen_point(self, pos: tuple[float, float]) -> tuple[float, float] | None:
        """Where on a touch screen `pos` is, from (0, 0) top-left to (1, 1); None off it, without touch, or
        from behind."""
        d = self.display
        if self.back or not self.model.display.touch or not d.collidepoint(pos):
            return None
        return ((pos[0] - d.x) / max(1, d.w - 1), (pos[1] - d.y) / max(1, d.h - 1))

    def screen_pos(self, point: tuple[float, float]) -> tuple[int, int]:
        """The window position of a point on the screen given from 0 to 1."""
        d = self.display
        return round(d.x + point[0] * (d.w - 1)), round(d.y + point[1] * (d.h - 1))

    def key_at(self, pos: tuple[float, float], blank: frozenset[str] = frozenset()) -> str | None:
        """The frontmost key whose key or printed label contains `pos`; keys in `blank` are not there."""
        for spot in reversed(self.keys):
            if spot.key.id not in blank and any(r.collidepoint(pos) for r in spot.hit_rects):
                return spot.key.id
        return None


def is_pinhole(key: Key) -> bool:
    """A small round key is a hole for a paper clip: drawn as a hole, its label printed under it."""
    return key.shape == "round" and max(key.bounds.w, key.bounds.h) <= PINHOLE_MM


def label_size(text: Text, label: str, box: tuple[int, int], start: int) -> int:
    """The largest font size, at most `start`, at which `label` fits in `box`; 0 when none legible does."""
    size = start
    while size >= MIN_LABEL_PX:
        w, h = text.size(label, size)
        if w <= box[0] and h <= box[1]:
            return size
        size -= 1
    return 0


def layout_phone(model: Model, area: pygame.Rect, text: Text, scale: float, side: str = "face") -> PhoneLayout:
    """Place one side of the phone in `area` (the phone's part of the window): on the face the body,
    display, face keys and LEDs; on the back the body, the back label and the back keys."""
    hint_h = round(HINT_H * scale)
    room = pygame.Rect(area.x, area.y, area.w, area.h - hint_h)
    tf = fit(model.body, room)
    display = tf.rect(model.display.bounds)
    keys = [k for k in model.keys if k.side == side]
    rects = {k.id: tf.rect(k.bounds) for k in keys}
    on_screen = {k.id for k in keys if side == "face" and display.collidepoint(rects[k.id].center)}
    soft_off = [k for k in keys if softkey_index(k.id) is not None and k.id not in on_screen]
    strip = None
    tabs: dict[str, pygame.Rect] = {}
    if soft_off:
        strip_h = max(round(22 * scale), round(display.h * SOFTKEY_STRIP))
        below = sum(rects[k.id].centery for k in soft_off) / len(soft_off) >= display.centery
        strip = pygame.Rect(display.x, display.bottom - strip_h if below else display.y, display.w, strip_h)
        tabs = _softkey_tabs(soft_off, rects, strip)
    labels = _fit_labels([k for k in keys if k.id not in on_screen], rects, text, tf, scale)
    spots = []
    for key in keys:
        rect = rects[key.id]
        label_px, label_rect = labels.get(key.id, (0, None))
        tab = rect if key.id in on_screen and softkey_index(key.id) is not None else tabs.get(key.id)
        spots.append(KeySpot(key, rect, key.id in on_screen, label_px, label_rect, tab))
    body = tf.rect(model.body)
    hint = pygame.Rect(area.x, area.bottom - hint_h, area.w, hint_h)
    leds = {led.id: tf.rect(led.bounds) for led in model.leds} if side == "face" else {}
    text_area = _text_area(display, strip, [rects[k] for k in on_screen])
    sticker = _sticker(model, tf, spots) if side == "back" else None
    caption = None
    if side == "back" or any(k.side == "back" for k in model.keys):
        # In the margin under the body: the body never grows into it, so the caption never moves the phone.
        caption_h = min(round(HINT_H * 0.8 * scale), room.bottom - body.bottom - 2)
        caption = pygame.Rect(area.x, body.bottom + 2, area.w, max(0, caption_h))
    return PhoneLayout(
        model, area, tf, body, display, text_area, strip, tuple(spots), leds, hint, side, sticker, caption
    )


def _sticker(model: Model, tf: Transform, spots: list[KeySpot]) -> pygame.Rect:
    """Where the back label goes: centred low on the back, as on most phones, moved clear of the back keys."""
    body = model.body
    w = min(STICKER_MM, body.w * 0.62, body.h * 0.5 / STICKER_ASPECT)
    h = w * STICKER_ASPECT
    x = body.x + (body.w - w) / 2
    low = body.y + min(body.h * 0.62 - h / 2, body.h - h - body.h * 0.1)
    candidates = [(x, low), (x, body.y + (body.h - h) / 2), (body.x + body.w * 0.06, low)]
    candidates.append((body.x + body.w * 0.94 - w, low))
    taken = [s.rect.unionall(list(s.hit_rects)).inflate(tf.px(3), tf.px(3)) for s in spots]
    rects = [tf.rect(Rect(cx, cy, w, h)) for cx, cy in candidates]
    return next((r for r in rects if r.collidelist(taken) < 0), rects[0])


def _text_area(display: pygame.Rect, strip: pygame.Rect | None, on_screen: list[pygame.Rect]) -> pygame.Rect:
    """The display's room for text: on-screen keys along an edge and the softkey labels take theirs."""
    pad = max(3, display.h // 28)
    left, top, right, bottom = display.x + pad, display.y + pad, display.right - pad, display.bottom - pad
    for r in [*on_screen, *([strip] if strip else [])]:
        fx, fy = (r.centerx - display.x) / display.w, (r.centery - display.y) / display.h
        if fy > 0.75:
            bottom = min(bottom, r.top - pad)
        elif fy < 0.25:
            top = max(top, r.bottom + pad)
        elif fx > 0.65:
            right = min(right, r.left - pad)
        elif fx < 0.35:
            left = max(left, r.right + pad)
    return pygame.Rect(left, top, max(1, right - left), max(1, bottom - top))


def _softkey_tabs(keys: list[Key], rects: dict[str, pygame.Rect], strip: pygame.Rect) -> dict[str, pygame.Rect]:
    """Each softkey's label sits on the display right above (or below) its key, as on the phone."""
    inner = strip.inflate(-4, -4)
    tabs = {}
    for key in keys:
        r = rects[key.id]
        left, right = max(r.left, inner.left), min(r.right, inner.right)
        tabs[key.id] = pygame.Rect(left, inner.y, right - left, inner.h)
    if all(t.w >= rects[k].w * 0.4 for k, t in tabs.items()):
        return tabs
    # Keys that do not line up with the screen: share the strip out evenly, left to right.
    ordered = sorted(keys, key=lambda k: softkey_index(k.id) or 0)
    width = inner.w / len(ordered)
    return {
        k.id: pygame.Rect(round(inner.x + i * width) + 2, inner.y, round(width) - 4, inner.h)
        for i, k in enumerate(ordered)
    }


def _fit_labels(
    keys: list[Key], rects: dict[str, pygame.Rect], text: Text, tf: Transform, scale: float
) -> dict[str, tuple[int, pygame.Rect | None]]:
    """Each label's font size on its key, or a size and a place under the key when it does not fit on it.

    Labels of a kind (single characters, words) share one size where they can, the median of what
    each would take alone, so a row of keys does not read as a row of different fonts.
    """
    alone: dict[str, int] = {}
    for key in keys:
        if key.label and is_pinhole(key):
            alone[key.id] = 0  # printed on the body under the hole
        elif key.label:
            rect = rects[key.id]
            share = 0.5 if key.letters else 0.6
            box = (round(rect.w * 0.84), round(rect.h * share))
            alone[key.id] = label_size(text, key.label, box, text.px_for(box[1]))
    groups: dict[bool, list[int]] = {}
    for key in keys:
        if alone.get(key.id):
            groups.setdefault(len(key.label) == 1, []).append(alone[key.id])
    caps = {single: sorted(sizes)[len(sizes) // 2] for single, sizes in groups.items()}
    out: dict[str, tuple[int, pygame.Rect | None]] = {}
    for key in keys:
        size = alone.get(key.id)
        if size:
            out[key.id] = (min(size, caps[len(key.label) == 1]), None)
        elif key.id in alone:
            size = text.px_for(13 * scale, "sans")
            w, h = text.size(key.label, size, "sans")
            below = pygame.Rect(0, 0, w + 4, h + 2)
            below.midtop = (rects[key.id].centerx, rects[key.id].bottom + tf.px(0.6))
            out[key.id] = (size, below)
    return out
