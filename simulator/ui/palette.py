"""Colours: the display per kind (monochrome, grayscale, colour), keys derived from the body, the panel."""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]


def hex_colour(text: str) -> Colour:
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """`a` moved a share `t` of the way to `b`."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def luminance(c: Colour) -> float:
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255


WHITE: Colour = (255, 255, 255)
BLACK: Colour = (0, 0, 0)


@dataclass(frozen=True)
class DisplayColours:
    """A lit display (backlight on) and the same glass unlit."""

    top: Colour  # the background is a soft vertical gradient, as a backlight gives
    bottom: Colour
    text: Colour
    dim: Colour  # secondary text: hints, the unselected rows of a menu
    accent: Colour  # selection bar, input field frame
    accent_text: Colour
    tab: Colour  # softkey label tabs
    tab_text: Colour
    unlit: Colour  # backlight off
    unlit_text: Colour


DISPLAYS: dict[str, DisplayColours] = {
    # Dark on a yellow-green backlight, like the SoundPoint and VVX 1xx LCDs.
    "monochrome": DisplayColours(
        top=(178, 196, 142),
        bottom=(150, 170, 116),
        text=(28, 38, 24),
        dim=(70, 86, 58),
        accent=(40, 52, 34),
        accent_text=(178, 196, 142),
        tab=(40, 52, 34),
        tab_text=(190, 206, 156),
        unlit=(74, 82, 64),
        unlit_text=(52, 58, 44),
    ),
    # Dark on a cool white-grey backlight.
    "grayscale": DisplayColours(
        top=(214, 220, 224),
        bottom=(184, 192, 198),
        text=(22, 26, 30),
        dim=(84, 92, 100),
        accent=(46, 52, 58),
        accent_text=(226, 230, 234),
        tab=(52, 58, 66),
        tab_text=(232, 236, 240),
        unlit=(58, 62, 66),
        unlit_text=(40, 43, 46),
    ),
    # Light on a deep blue, like the VVX colour screens.
    "colour": DisplayColours(
        top=(22, 58, 104),
        bottom=(8, 24, 48),
        text=(240, 246, 255),
        dim=(150, 178, 214),
        accent=(64, 148, 230),
        accent_text=(255, 255, 255),
        tab=(34, 86, 146),
        tab_text=(240, 246, 255),
        unlit=(10, 12, 15),
        unlit_text=(30, 34, 40),
    ),
}

#: Named LED colours a model file may use.
LED_COLOURS: dict[str, Colour] = {
    "red": (236, 48, 40),
    "green": (56, 214, 84),
    "amber": (255, 168, 20),
    "orange": (255, 140, 20),
    "yellow": (250, 220, 40),
    "blue": (50, 130, 255),
    "white": (240, 244, 250),
}

PRESSED_RING: Colour = (64, 160, 255)  # a key held down, by any means
LATCHED_RING: Colour = (255, 176, 32)  # a key latched down by right-click / Ctrl+click
HOVER_RING: Colour = (200, 210, 224)

#: Label colours for keys whose function the real phones mark in colour.
KEY_ACCENTS: dict[str, Colour] = {"hold": (236, 72, 64), "end": (236, 72, 64), "call": (72, 200, 96)}


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


@dataclass(frozen=True)
class PanelColours:
    background: Colour = (30, 34, 40)
    section: Colour = (38, 43, 50)
    line: Colour = (58, 64, 74)
    text: Colour = (226, 230, 236)
    muted: Colour = (150, 158, 170)
    heading: Colour = (124, 176, 255)
    button: Colour = (56, 63, 74)
    button_hover: Colour = (70, 79, 92)
    button_on: Colour = (52, 120, 220)
    button_text: Colour = (236, 240, 246)
    good: Colour = (64, 196, 108)
    bad: Colour = (224, 80, 72)
    warn: Colour = (240, 176, 48)
    field: Colour = (22, 25, 30)
    phone_bg_top: Colour = (70, 76, 86)
    phone_bg_bottom: Colour = (40, 44, 51)


PANEL = PanelColours()

#: Event-log colours by kind; anything else is drawn in the panel's muted text colour.
EVENT_COLOURS: dict[str, Colour] = {
    "phase": (124, 176, 255),
    "combo": (240, 176, 48),
    "tone": (240, 176, 48),
    "password_prompt": (240, 176, 48),
    "password_accepted": (64, 196, 108),
    "password_rejected": (224, 80, 72),
    "factory_reset": (224, 80, 72),
    "device_reset": (224, 80, 72),
    "config_reset": (224, 80, 72),
    "reboot": (200, 140, 255),
    "power_on": (64, 196, 108),
    "power_off": (224, 80, 72),
    "screen": (226, 230, 236),
    "countdown_started": (124, 176, 255),
    "application_started": (64, 196, 108),
}
