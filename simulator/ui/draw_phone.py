"""The phone drawn from its model file: body, display, keys with labels and letters, LEDs; or its back:
body, back label and the keys on the back (pinholes).

Only the parts whose look changed are redrawn: each changed part's area is recomposed from the cached
body, the display and every key and LED that overlaps it, clipped to that area, in drawing order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from simulator.core import describe
from simulator.ui.draw_display import DrawnScreen, ScreenLook, render_display, softkey_label
from simulator.ui.geometry import KeySpot, PhoneLayout
from simulator.ui.overlays import draw_sticker, mac_printed
from simulator.ui.palette import (
    BLACK,
    DISPLAYS,
    HOVER_RING,
    KEY_ACCENTS,
    LATCHED_RING,
    LED_COLOURS,
    PANEL,
    PAPER_CLIP,
    PRESSED_RING,
    WHITE,
    Colour,
    hex_colour,
    key_colours,
    luminance,
    mix,
)
from simulator.ui.text import Text

ICONS = {"▲": "up", "▼": "down", "◀": "left", "▶": "right"}  # glyphs the bundled font lacks: drawn as shapes
BLINK_MS = 500  # LED "blinking": half a second on, half off
FLASH_MS = 250  # LED "flashing": twice as fast; multicolour flashing changes colour at this pace


@dataclass(frozen=True)
class KeyLook:
    pressed: bool
    latched: bool
    hover: bool
    label: str | None  # what an on-screen key shows (a softkey's label comes from the screen)
    lit: bool  # on-screen keys vanish when the display is dark


@dataclass(frozen=True)
class PhoneLook:
    """What the phone shows now, read from the engine (and the UI's latches and hover)."""

    screen: ScreenLook
    keys: dict[str, KeyLook]
    leds: dict[str, Colour | None]  # None: off
    touches: tuple[tuple[tuple[int, int], bool], ...] = ()  # fingers on the touch screen: where, latched

    @property
    def pressed(self) -> frozenset[str]:
        return frozenset(k for k, look in self.keys.items() if look.pressed)


@dataclass
class DrawnPhone:
    """The text model of the last frame: what tests compare instead of pixels."""

    screen: DrawnScreen | None = None
    labels: dict[str, str] = field(default_factory=dict)  # key id -> the label drawn on or under it
    pressed: frozenset[str] = frozenset()
    latched: frozenset[str] = frozenset()
    touches: tuple[tuple[int, int], ...] = ()  # where fingers show on the touch screen
    side: str = "face"
    sticker: str | None = None  # the MAC printed on the back label, when the back is shown
    caption: str | None = None  # the line under the body


def led_colour(state: str, colours: tuple[str, ...], now_ms: int) -> Colour | None:
    """An LED state from the engine ("on", "red", "blinking", "flashing_red", ...) as a colour now, or None.

    Blinking is slow and flashing fast, both on the phone's clock so they stop when it is paused;
    "multicolour" steps through the LED's colours.
    """
    words = state.lower().split("_")
    own = [c for c in colours if c in LED_COLOURS] or ["red"]
    if "off" in words:
        return None
    period = FLASH_MS if "flashing" in words else BLINK_MS if "blinking" in words else 0
    step = now_ms // period if period else 0
    if "multicolour" in words:
        return LED_COLOURS[own[step % len(own)]]
    if step % 2:
        return None
    return LED_COLOURS[next((w for w in words if w in LED_COLOURS), own[0])]


def rounded_gradient(size: tuple[int, int], top: Colour, bottom: Colour, radius: int) -> pygame.Surface:
    """A rounded rectangle filled with a vertical gradient, transparent outside its corners."""
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    for y in range(h):
        surf.fill((*mix(top, bottom, y / max(1, h - 1)), 255), (0, y, w, 1))
    mask = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), (0, 0, w, h), border_radius=radius)
    surf.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
    return surf


def draw_icon(surf: pygame.Surface, name: str, centre: tuple[int, int], size: int, colour: Colour) -> None:
    """Arrow triangles and the latch's padlock, drawn rather than taken from a font."""
    cx, cy = centre
    s = size / 2
    if name == "lock":
        body = pygame.Rect(0, 0, round(size * 0.8), round(size * 0.55))
        body.midbottom = (cx, round(cy + s))
        shackle = pygame.Rect(0, 0, round(size * 0.56), round(size * 0.8))
        shackle.midtop = (cx, round(cy - s))
        pygame.draw.rect(surf, colour, shackle, width=max(2, size // 6), border_radius=size // 3)
        pygame.draw.rect(surf, colour, body, border_radius=max(1, size // 8))
        return
    points = {
        "up": [(cx, cy - s), (cx + s, cy + s * 0.6), (cx - s, cy + s * 0.6)],
        "down": [(cx, cy + s), (cx + s, cy - s * 0.6), (cx - s, cy - s * 0.6)],
        "left": [(cx - s, cy), (cx + s * 0.6, cy - s), (cx + s * 0.6, cy + s)],
        "right": [(cx + s, cy), (cx - s * 0.6, cy - s), (cx - s * 0.6, cy + s)],
    }[name]
    pygame.draw.polygon(surf, colour, points)
    pygame.draw.aalines(surf, colour, True, points)


class PhoneRenderer:
    """Draws one model at one window size; a resize or another model makes a new renderer."""

    def __init__(self, text: Text, layout: PhoneLayout, mac: str = "") -> None:
        self.text = text
        self.layout = layout
        self.mac = mac
        self.colours = key_colours(hex_colour(layout.model.body_colour))
        self.drawn = DrawnPhone(side=layout.side)
        self._background = self._draw_background()
        self._faces: dict[tuple[str, KeyLook], tuple[pygame.Surface, pygame.Rect]] = {}
        self._display: tuple[ScreenLook, pygame.Surface] | None = None
        self._look: PhoneLook | None = None

    # -- composing ------------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Draw everything on the next call (the caches of faces and display stay)."""
        self._look = None

    def draw(self, scene: pygame.Surface, look: PhoneLook) -> list[pygame.Rect]:
        """Redraw what changed since the last call (everything the first time); returns the areas drawn."""
        old = self._look
        areas: list[pygame.Rect] = []
        if old is None:
            areas.append(self.layout.area.copy())
        else:
            if old.screen != look.screen or old.touches != look.touches:
                areas.append(self.layout.display.inflate(2, 2))
            areas.extend(
                spot.extent for spot in self.layout.keys if old.keys.get(spot.key.id) != look.keys[spot.key.id]
            )
            areas.extend(self._led_extent(r) for i, r in self.layout.leds.items() if old.leds.get(i) != look.leds[i])
        self._look = look
        for area in areas:
            self._compose(scene, area, look)
        self.drawn.pressed = look.pressed
        self.drawn.latched = frozenset(k for k, v in look.keys.items() if v.latched)
        self.drawn.touches = tuple(pos for pos, _ in look.touches)
        self.drawn.labels = {
            spot.key.id: label
            for spot in self.layout.keys
            if (label := (look.keys[spot.key.id].label if spot.on_screen else spot.key.label))
        }
        return areas

    def _compose(self, scene: pygame.Surface, area: pygame.Rect, look: PhoneLook) -> None:
        area = area.clip(self.layout.area)
        scene.set_clip(area)
        scene.blit(self._background, area, area.move(-self.layout.area.x, -self.layout.area.y))
        on_display = self.has_display and area.colliderect(self.layout.display)
        if on_display:
            scene.blit(self._display_surface(look.screen), self.layout.display)
        for spot in self.layout.keys:
            if area.colliderect(spot.extent):
                face, rect = self._face(spot, look.keys[spot.key.id])
                scene.blit(face, rect)
        for led_id, rect in self.layout.leds.items():
            if area.colliderect(self._led_extent(rect)):
                self._draw_led(scene, rect, look.leds[led_id])
        if on_display:
            self._draw_touches(scene, look.touches)
        scene.set_clip(None)

    def _draw_touches(self, scene: pygame.Surface, touches: tuple[tuple[tuple[int, int], bool], ...]) -> None:
        """Fingers on the glass: a soft disc each, amber with a lock when latched."""
        radius = max(8, self.layout.display.h // 14)
        scene.set_clip(scene.get_clip().clip(self.layout.display))
        for (x, y), latched in touches:
            ring = LATCHED_RING if latched else PRESSED_RING
            disc = pygame.Surface((radius * 2, radius * 2), pygame.SRCALPHA)
            pygame.draw.circle(disc, (*ring, 90), (radius, radius), radius)
            pygame.draw.circle(disc, (*ring, 255), (radius, radius), radius, width=2)
            scene.blit(disc, (x - radius, y - radius))
            if latched:
                draw_icon(scene, "lock", (x, y), radius, WHITE)

    @property
    def has_display(self) -> bool:
        return not self.layout.back and self.layout.model.display.kind in DISPLAYS

    def _display_surface(self, look: ScreenLook) -> pygame.Surface:
        if self._display is None or self._display[0] != look:
            surf, drawn = render_display(self.text, self.layout, look)
            self._display = (look, surf)
            self.drawn.screen = drawn
        return self._display[1]

    # -- the body ---------------------------------------------------------------------------------
    def _draw_background(self) -> pygame.Surface:
        """The desk, the body and the display's bezel (or the back's cover and label): all that never changes."""
        lay = self.layout
        bg = pygame.Surface(lay.area.size)
        bg.blit(rounded_gradient(lay.area.size, PANEL.phone_bg_top, PANEL.phone_bg_bottom, 0), (0, 0))
        body = lay.body.move(-lay.area.x, -lay.area.y)
        radius = lay.transform.px(7)
        shadow = pygame.Surface(lay.area.size, pygame.SRCALPHA)
        for i in range(6, 0, -1):
            pygame.draw.rect(shadow, (0, 0, 0, 18), body.move(0, i * 2).inflate(i * 3, i * 3), border_radius=radius + i)
        bg.blit(shadow, (0, 0))
        colour = hex_colour(lay.model.body_colour)
        self.drawn.caption = self._caption(bg)
        if lay.back:
            self._draw_back(bg, body, colour, radius)
            return bg
        bg.blit(rounded_gradient(body.size, mix(colour, WHITE, 0.08), mix(colour, BLACK, 0.1), radius), body)
        pygame.draw.rect(bg, mix(colour, WHITE, 0.22), body, width=1, border_radius=radius)
        top = pygame.Rect(body.centerx, body.y + lay.transform.px(10), 0, 0)
        if self.has_display:
            display = lay.display.move(-lay.area.x, -lay.area.y)
            top = display.inflate(lay.transform.px(3), lay.transform.px(3))
            pygame.draw.rect(bg, mix(colour, BLACK, 0.6), top, border_radius=lay.transform.px(1.5))
            pygame.draw.rect(bg, mix(colour, WHITE, 0.12), top, width=1, border_radius=lay.transform.px(1.5))
        self._brand(bg, top)
        return bg

    def _draw_back(self, bg: pygame.Surface, body: pygame.Rect, colour: Colour, radius: int) -> None:
        """The back: a plainer, darker shell with the seam of its cover, and the label with the MAC."""
        lay = self.layout
        bg.blit(rounded_gradient(body.size, mix(colour, BLACK, 0.06), mix(colour, BLACK, 0.22), radius), body)
        pygame.draw.rect(bg, mix(colour, WHITE, 0.14), body, width=1, border_radius=radius)
        inset = lay.transform.px(4)
        seam = body.inflate(-2 * inset, -2 * inset)
        if seam.w > 0 and seam.h > 0:
            line = mix(colour, BLACK, 0.35) if luminance(colour) > 0.3 else mix(colour, WHITE, 0.1)
            pygame.draw.rect(bg, line, seam, width=1, border_radius=max(2, radius - inset // 2))
        if lay.sticker is not None:
            card = lay.sticker.move(-lay.area.x, -lay.area.y)
            pygame.draw.rect(bg, mix(colour, BLACK, 0.5), card.move(1, 2), border_radius=max(2, card.w // 44))
            draw_sticker(self.text, bg, card, lay.model, self.mac)
            self.drawn.sticker = mac_printed(self.mac)

    def _caption(self, bg: pygame.Surface) -> str | None:
        """Under the body: that the phone has keys on its back (front), or how to turn it back (back)."""
        lay = self.layout
        if lay.caption is None or lay.caption.h <= 0:
            return None
        if lay.back:
            line = "Back view  ·  press F8 to turn the phone to the front"
        else:
            names = " and ".join(describe(k.id) for k in lay.model.keys if k.side == "back")
            line = f"{names} on the back  ·  press F8 to turn the phone around"
        rect = lay.caption.move(-lay.area.x, -lay.area.y)
        px = self.text.fit(line, self.text.px_for(rect.h * 0.62, "sans"), rect.w - 20, "sans")
        tint = PANEL.warn if not lay.back else PANEL.muted
        self.text.blit(bg, line, px, tint, face="sans", anchor="center", at=rect.center)
        return line

    def _brand(self, bg: pygame.Surface, bezel: pygame.Rect) -> None:
        """The brand above the display, where the model leaves room for it (real phones print it there)."""
        lay = self.layout
        px = lay.transform.px(4.2)
        rect = pygame.Rect((0, 0), self.text.size(lay.model.brand.upper(), px))
        rect.midbottom = (bezel.centerx, bezel.y - lay.transform.px(1.5))
        ox, oy = lay.area.x, lay.area.y
        body = lay.body.move(-ox, -oy)
        taken = [s.rect.move(-ox, -oy) for s in lay.keys] + [r.move(-ox, -oy) for r in lay.leds.values()]
        if body.contains(rect) and rect.collidelist(taken) < 0:
            tint = mix(hex_colour(lay.model.body_colour), WHITE, 0.55)
            self.text.blit(bg, lay.model.brand.upper(), px, tint, anchor="midbottom", at=rect.midbottom)

    # -- keys ---------------------------------------------------------------------------------------
    def _face(self, spot: KeySpot, look: KeyLook) -> tuple[pygame.Surface, pygame.Rect]:
        key = (spot.key.id, look)
        if key not in self._faces:
            self._faces[key] = self._draw_face(spot, look)
        return self._faces[key]

    def _draw_face(self, spot: KeySpot, look: KeyLook) -> tuple[pygame.Surface, pygame.Rect]:
        """One key in one state, on a transparent surface covering the key's extent."""
        ext = spot.extent
        surf = pygame.Surface(ext.size, pygame.SRCALPHA)
        rect = spot.rect.move(-ext.x, -ext.y)
        if spot.on_screen:
            self._screen_key(surf, spot, rect, look)
        elif spot.pinhole:
            self._pinhole(surf, rect, look)
        else:
            self._hard_key(surf, spot, rect, look)
        if spot.label_rect is not None:
            lr = spot.label_rect.move(-ext.x, -ext.y)
            colour = PRESSED_RING if look.pressed else mix(self.colours.label, self.colours.face, 0.2)
            self.text.blit(surf, spot.key.label, spot.label_px, colour, face="sans", anchor="center", at=lr.center)
        if look.hover and not look.pressed:
            for r in spot.hit_rects:
                if r is not spot.rect:
                    pygame.draw.rect(surf, HOVER_RING, r.move(-ext.x, -ext.y).inflate(2, 2), width=1, border_radius=3)
        return surf, ext

    def _hard_key(self, surf: pygame.Surface, spot: KeySpot, rect: pygame.Rect, look: KeyLook) -> None:
        c = self.colours
        round_key = spot.key.shape == "round"
        radius = rect.h // 2 if round_key else max(3, min(rect.w, rect.h) // 4)
        travel = max(1, rect.h // 18)
        if look.pressed:
            face = rect.move(0, travel)
            surf.blit(rounded_gradient(face.size, c.pressed_low, c.pressed, radius), face)
            ring = LATCHED_RING if look.latched else PRESSED_RING
            pygame.draw.rect(surf, ring, face.inflate(2, 2), width=max(2, rect.h // 16), border_radius=radius + 1)
        else:
            shadow = pygame.Surface(rect.size, pygame.SRCALPHA)
            pygame.draw.rect(shadow, (*c.shadow, 150), (0, 0, *rect.size), border_radius=radius)
            surf.blit(shadow, rect.move(0, travel + 1))
            surf.blit(rounded_gradient(rect.size, c.face, c.face_low, radius), rect)
            pygame.draw.rect(surf, c.edge, rect, width=1, border_radius=radius)
            if look.hover:
                pygame.draw.rect(surf, HOVER_RING, rect.inflate(2, 2), width=1, border_radius=radius + 1)
            face = rect
        self._label(surf, spot, face, c.label)
        if look.latched:
            lock = max(8, min(face.h, face.w) // 3)
            draw_icon(surf, "lock", (face.right - lock // 2 - 3, face.y + lock // 2 + 3), lock, LATCHED_RING)

    def _pinhole(self, surf: pygame.Surface, rect: pygame.Rect, look: KeyLook) -> None:
        """A hole for a paper clip: a countersink in the body with a dark hole; held, the clip's end is in it."""
        body = hex_colour(self.layout.model.body_colour)
        centre, r = rect.center, max(3, min(rect.w, rect.h) // 2)
        hole = max(2, round(r * 0.45))
        pygame.draw.circle(surf, mix(body, BLACK, 0.4), centre, r)
        rim = mix(body, WHITE, 0.3)  # lit from above: the lower edge of the countersink catches the light
        pygame.draw.circle(surf, rim, centre, r, width=1, draw_bottom_left=True, draw_bottom_right=True)
        pygame.draw.circle(surf, (8, 8, 10), centre, hole)
        ring = LATCHED_RING if look.latched else PRESSED_RING if look.pressed else HOVER_RING if look.hover else None
        if ring is not None:
            pygame.draw.circle(surf, ring, centre, r + 3, width=2 if look.pressed else 1)
        if look.pressed:  # the end of a straightened paper clip, pushed in from the right
            tip = (centre[0] + r * 3, centre[1] - r)
            pygame.draw.line(surf, PAPER_CLIP, centre, tip, max(2, hole))
            pygame.draw.circle(surf, PAPER_CLIP, centre, max(1, hole - 1))
        if look.latched:  # on the other side, clear of the clip
            lock = max(8, round(rect.h * 0.8))
            draw_icon(surf, "lock", (rect.x - lock // 2 - 6, centre[1]), lock, LATCHED_RING)

    def _label(self, surf: pygame.Surface, spot: KeySpot, face: pygame.Rect, colour: Colour) -> None:
        key = spot.key
        colour = KEY_ACCENTS.get(key.id, colour)
        if not key.label or spot.label_rect is not None:
            return
        label_y = round(face.y + face.h * (0.4 if key.letters else 0.5))
        if key.label in ICONS:
            draw_icon(surf, ICONS[key.label], (face.centerx, label_y), round(min(face.w, face.h) * 0.42), colour)
        else:
            self.text.blit(surf, key.label, spot.label_px, colour, anchor="center", at=(face.centerx, label_y))
        if key.letters:
            px = self.text.fit(key.letters, self.text.px_for(face.h * 0.3), round(face.w * 0.8))
            at = (face.centerx, round(face.y + face.h * 0.78))
            self.text.blit(surf, key.letters, px, self.colours.letters, anchor="center", at=at)

    def _screen_key(self, surf: pygame.Surface, spot: KeySpot, rect: pygame.Rect, look: KeyLook) -> None:
        """A key on a touch screen: a tile in the display's colours, or nothing while the screen is dark."""
        pal = DISPLAYS[self.layout.model.display.kind]
        radius = max(3, min(rect.w, rect.h) // 5)
        # A softkey with no label on this screen is not there; other on-screen keys always are.
        if look.lit and (look.label or look.pressed or spot.tab is None):
            fill = pal.accent if look.pressed else pal.tab
            pygame.draw.rect(surf, fill, rect.inflate(-2, -2), border_radius=radius)
        if look.pressed:
            ring = LATCHED_RING if look.latched else PRESSED_RING
            pygame.draw.rect(surf, ring, rect, width=2, border_radius=radius)
        elif look.hover:
            pygame.draw.rect(surf, HOVER_RING, rect, width=1, border_radius=radius)
        if look.lit and look.label:
            colour = pal.accent_text if look.pressed else pal.tab_text
            if look.label in ICONS:
                draw_icon(surf, ICONS[look.label], rect.center, round(min(rect.w, rect.h) * 0.45), colour)
            else:
                px = self.text.fit(look.label, self.text.px_for(rect.h * 0.6), rect.w - 6)
                self.text.blit(surf, look.label, px, colour, anchor="center", at=rect.center)
        if look.latched:
            lock = max(8, rect.h // 3)
            draw_icon(surf, "lock", (rect.right - lock // 2 - 3, rect.y + lock // 2 + 3), lock, LATCHED_RING)

    def key_look(self, spot: KeySpot, screen: ScreenLook, pressed: bool, latched: bool, hover: bool) -> KeyLook:
        """How a key looks now; an on-screen key's label depends on the screen."""
        label = None
        if spot.on_screen:
            label = softkey_label(screen.screen, spot.key.id) if spot.tab is not None else spot.key.label
        return KeyLook(pressed, latched, hover, label, spot.on_screen and screen.screen.backlight)

    # -- LEDs ------------------------------------------------------------------------------------------
    @staticmethod
    def _led_extent(rect: pygame.Rect) -> pygame.Rect:
        return rect.inflate(rect.h * 2 + 4, rect.h * 2 + 4)

    def _draw_led(self, scene: pygame.Surface, rect: pygame.Rect, colour: Colour | None) -> None:
        radius = min(rect.w, rect.h) // 2
        if colour is None:
            body = hex_colour(self.layout.model.body_colour)
            dark = mix(body, BLACK, 0.45) if luminance(body) < 0.45 else mix(body, BLACK, 0.3)
            pygame.draw.rect(scene, dark, rect, border_radius=radius)
            pygame.draw.rect(scene, mix(dark, WHITE, 0.2), rect, width=1, border_radius=radius)
            return
        glow_rect = self._led_extent(rect)
        glow = pygame.Surface(glow_rect.size, pygame.SRCALPHA)
        for i, alpha in enumerate((30, 50, 80)):
            inset = glow_rect.h // 5 * i
            pygame.draw.rect(
                glow,
                (*colour, alpha),
                pygame.Rect(0, 0, *glow_rect.size).inflate(-inset, -inset),
                border_radius=glow_rect.h // 2,
            )
        scene.blit(glow, glow_rect)
        pygame.draw.rect(scene, colour, rect, border_radius=radius)
        pygame.draw.rect(scene, mix(colour, WHITE, 0.5), rect.inflate(-rect.w // 2, -rect.h // 2), border_radius=radius)
