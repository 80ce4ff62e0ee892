"""Canonical key ids: a public contract shared by model files, scenarios, lessons and the UI.

Append only: renaming an id breaks users' scenario files.
"""

from __future__ import annotations

import re

DIALPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")

#: Named keys and what they are, for `phonesim show`, the README and the help overlay.
NAMED_KEYS: dict[str, str] = {
    "volume_up": "Volume +",
    "volume_down": "Volume -",
    "mute": "Microphone mute",
    "messages": "Messages / voicemail",
    "hold": "Hold",
    "handsfree": "Speaker / hands-free",
    "headset": "Headset",
    "select": "Select (centre of the navigation cluster)",
    "delete": "Delete",
    "home": "Home",
    "back": "Back",
    "menu": "Menu",
    "up": "Arrow up",
    "down": "Arrow down",
    "left": "Arrow left",
    "right": "Arrow right",
    "directories": "Directories / contacts",
    "services": "Services",
    "conference": "Conference",
    "transfer": "Transfer",
    "redial": "Redial",
    "dnd": "Do not disturb",
    "call": "Call / answer",
    "end": "End call",
    "exit": "Exit",
    "setup": "Setup",
    "pagination": "Line-key pages",
    "power_button": "Power button",
    "reset_pin": "Reset pinhole (paper clip)",
    "restore_pin": "Restore pinhole (paper clip)",
    "pair": "Pair button",
}

_NUMBERED = re.compile(r"^(softkey|line)_([1-9][0-9]?)$")

#: Scenario word for "the model's input-mode control", whichever key that is on the model.
MODE = "mode"


def is_key_id(key: str) -> bool:
    return key in DIALPAD or key in NAMED_KEYS or bool(_NUMBERED.match(key))


def describe(key: str) -> str:
    if key in DIALPAD:
        return f"Dial pad {key}"
    if key in NAMED_KEYS:
        return NAMED_KEYS[key]
    match = _NUMBERED.match(key)
    if match:
        return f"{'Soft key' if match[1] == 'softkey' else 'Line key'} {match[2]}"
    return key


def softkey_id(index: int) -> str:
    """Soft keys are numbered from 1, left to right under the display."""
    return f"softkey_{index}"


def softkey_index(key: str) -> int | None:
    match = _NUMBERED.match(key)
    return int(match[2]) if match and match[1] == "softkey" else None
