"""Colours: the display per kind (monochrome, grayscale, colour), keys derived from the body, the panel.

The colours themselves are data (`assets/theme.yaml`); here are the names the drawing code uses and the
colours derived from a model's body.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.ui.assets import THEME, Colour, DisplayColours, PanelColours
from simulator.ui.assets import hex_colour as hex_colour  # the drawing code's one import for colours


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """`a` moved a share `t` of the way to `b`."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def luminance(c: Colour) -> float:
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255


WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)


DISPLAYS: dict[str, DisplayColours] = THEME.displays

#: Named LED colours a model file may use.
LED_COLOURS: dict[str, Colour] = THEME.leds

PRESSED_RING: Colour = THEME.keys.pressed_ring  # a key held down, by any means
LATCHED_RING: Colour = THEME.keys.latched_ring  # a key latched down by right-click / Ctrl+click
HOVER_RING: Colour = THEME.keys.hover_ring
PAPER_CLIP: Colour = THEME.keys.paper_clip

#: Label colours for keys whose function the real phones mark in colour.
KEY_ACCENTS: dict[str, Colour] = THEME.key_accents


@dataclass(frozen=True)
class KeyColours:
    face: Colour
    face_low: Colour  # bottom of the face's gradient
    edge: Colour
    shadow: Colour
    label: Colour
    letters: Colour
    pressed: Colour
    pressed_low: Colour


def key_colours(body: Colour) -> KeyColours:
    """Keys a little lighter than a dark body, a little darker than a light one; labels contrast."""
    dark = luminance(body) < 0.45
    face = mix(body, WHITE, 0.14) if dark else mix(body, BLACK, 0.06)
    label = (236, 239, 243) if dark else (30, 33, 38)
    return KeyColours(
        face=face,
        face_low=mix(face, BLACK, 0.14),
        edge=mix(face, WHITE, 0.18) if dark else mix(face, BLACK, 0.25),
        shadow=mix(body, BLACK, 0.55),
        label=label,
        letters=mix(label, face, 0.38),
        pressed=mix(face, (40, 90, 150), 0.45),
        pressed_low=mix(face, (20, 60, 110), 0.55),
    )


PANEL: PanelColours = THEME.panel
SEGMENT_COLOURS: dict[str, Colour] = THEME.timeline
STICKER = THEME.sticker

#: What each event kind means to the technician; the theme colours meanings, so a reset (a success) is not
#: drawn like a rejected password (an error). Kinds not named here are "other".
EVENT_MEANINGS: dict[str, str] = {
    "password_rejected": "error",
    "combo_aborted": "error",
    "password_accepted": "success",
    "factory_reset": "success",
    "device_reset": "success",
    "config_reset": "success",
    "logs_uploaded": "success",
    "application_started": "success",
    "config_loaded": "success",
    "combo": "attention",
    "tone": "attention",
    "password_prompt": "attention",
    "countdown_started": "attention",
    "phase": "phase",
    "reboot": "reboot",
    "power_on": "power",
    "power_off": "power",
    "screen": "screen",
}


def event_colour(kind: str) -> Colour:
    """An event's colour in the log, by its meaning."""
    return THEME.events[EVENT_MEANINGS.get(kind, "other")]
