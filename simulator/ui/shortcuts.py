"""Keyboard shortcuts: one or more for every key of every model, and the app's own controls.

Fixed keys first (digits, *, #, the numpad, arrows, Enter = select, Backspace = delete, F1.. = softkeys,
Shift+F1.. = line keys), then a mnemonic letter for each named key, then any free letter (plain, Shift,
Ctrl), so a model with unusual keys still has a shortcut for each.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import pygame

from simulator.core import DIALPAD, Model

#: The app's own controls, never given to a phone key.
APP_KEYS: dict[str, tuple[int, str]] = {
    "power": (pygame.K_p, ""),
    "sound": (pygame.K_m, ""),
    "pause": (pygame.K_SPACE, ""),
    "label": (pygame.K_TAB, ""),
    "view": (pygame.K_F8, ""),
    "config": (pygame.K_F6, ""),
    "release": (pygame.K_ESCAPE, ""),
    "search": (pygame.K_SLASH, ""),
    "help": (pygame.K_SLASH, "shift"),  # "?" on most layouts; the character is matched too
    "slower": (pygame.K_COMMA, ""),
    "faster": (pygame.K_PERIOD, ""),
    "jump": (pygame.K_F9, ""),
    "mode": (pygame.K_F7, ""),
    "hint": (pygame.K_h, "ctrl"),
    "end": (pygame.K_e, "ctrl"),
    "retry": (pygame.K_r, "ctrl"),
    "save": (pygame.K_s, "ctrl"),
    "quit": (pygame.K_q, "ctrl"),
}
APP_HELP: dict[str, str] = {
    "power": "P",
    "sound": "M",
    "pause": "Space",
    "label": "Tab",
    "view": "F8",
    "config": "F6",
    "release": "Esc",
    "search": "/",
    "help": "?",
    "slower": ",",
    "faster": ".",
    "jump": "F9",
    "mode": "F7",
    "hint": "Ctrl+H",
    "end": "Ctrl+E",
    "retry": "Ctrl+R",
    "save": "Ctrl+S",
    "quit": "Ctrl+Q",
}
APP_DESCRIPTIONS: dict[str, str] = {
    "power": "Power the phone on / off",
    "sound": "Sound on / off",
    "pause": "Pause / resume the clock",
    "label": "Show the back label (MAC address)",
    "view": "Turn the phone around",
    "config": "Configuration layers and the server's files",
    "release": "Release latched keys, close overlays",
    "search": "Search the models",
    "help": "This help",
    "slower": "Slower clock",
    "faster": "Faster clock",
    "jump": "Skip the boot to the Cancel / countdown screen",
    "mode": "Next mode: free, guided, practice",
    "hint": "A hint in practice (costs 5 points)",
    "end": "End the attempt now and grade it",
    "retry": "Try again from power off",
    "save": "Save the last attempt as a trace file",
    "quit": "Quit",
}
RESERVED_LETTERS = frozenset("pm")  # power and sound, in every modifier combination, to avoid surprises

#: Mnemonic letters for named keys ("shift+b": with Shift); a key not listed (or whose letter is taken) gets a
#: free one. B stays the phone's Back key: Edge B is reset with Back and Home held together.
PREFERRED: dict[str, str] = {
    "home": "h",
    "back": "b",
    "hold": "o",
    "handsfree": "s",
    "headset": "e",
    "mute": "u",
    "messages": "v",
    "menu": "n",
    "directories": "d",
    "services": "i",
    "conference": "c",
    "transfer": "t",
    "redial": "r",
    "dnd": "z",
    "call": "a",
    "end": "x",
    "exit": "q",
    "setup": "g",
    "pagination": "l",
    "power_button": "w",
    "reset_pin": "k",
    "restore_pin": "j",
    "pair": "y",
}
FIXED: dict[str, list[tuple[int, str, str]]] = {
    "up": [(pygame.K_UP, "", "Up")],
    "down": [(pygame.K_DOWN, "", "Down")],
    "left": [(pygame.K_LEFT, "", "Left")],
    "right": [(pygame.K_RIGHT, "", "Right")],
    "select": [(pygame.K_RETURN, "", "Enter"), (pygame.K_KP_ENTER, "", "Num Enter")],
    "delete": [(pygame.K_BACKSPACE, "", "Backspace"), (pygame.K_DELETE, "", "Del")],
    "volume_up": [(pygame.K_EQUALS, "", "="), (pygame.K_KP_PLUS, "", "Num +")],
    "volume_down": [(pygame.K_MINUS, "", "-"), (pygame.K_KP_MINUS, "", "Num -")],
    "*": [(pygame.K_KP_MULTIPLY, "", "Num *")],
    "#": [(pygame.K_KP_DIVIDE, "", "Num /")],
    **{d: [(getattr(pygame, f"K_{d}"), "", d), (getattr(pygame, f"K_KP{d}"), "", f"Num {d}")] for d in "0123456789"},
}
SOFTKEY_F_KEYS = 8  # F1-F8 are softkeys; F9 is the app's
LINE_F_KEYS = 12  # Shift+F1-F12 for line keys 1-12, Ctrl+F1-F12 for 13-24


@dataclass(frozen=True)
class Shortcut:
    code: int  # pygame key code
    mods: str  # "", "shift" or "ctrl"
    name: str  # as shown to the person: "5", "F1", "Shift+F3", "H"


def modifiers(mod: int) -> str:
    """The modifier class of a key event: Ctrl wins over Shift; Alt and locks are ignored."""
    if mod & pygame.KMOD_CTRL:
        return "ctrl"
    if mod & pygame.KMOD_SHIFT:
        return "shift"
    return ""


def _letter(ch: str, mods: str) -> Shortcut:
    prefix = {"": "", "shift": "Shift+", "ctrl": "Ctrl+"}[mods]
    return Shortcut(getattr(pygame, f"K_{ch}"), mods, prefix + ch.upper())


class Shortcuts:
    """A model's keyboard map: phone key -> shortcuts, and key event -> phone key."""

    def __init__(self, model: Model) -> None:
        self.by_key: dict[str, list[Shortcut]] = {}
        taken = {(code, mods) for code, mods in APP_KEYS.values()}
        taken |= {(getattr(pygame, f"K_{c}"), m) for c in RESERVED_LETTERS for m in ("", "shift", "ctrl")}

        def give(key_id: str, shortcut: Shortcut) -> None:
            if (shortcut.code, shortcut.mods) not in taken:
                taken.add((shortcut.code, shortcut.mods))
                self.by_key.setdefault(key_id, []).append(shortcut)

        for key in model.keys:
            for code, mods, name in FIXED.get(key.id, []):
                give(key.id, Shortcut(code, mods, name))
            kind, _, number = key.id.partition("_")
            if number.isdigit():
                n = int(number)
                if kind == "softkey" and n <= SOFTKEY_F_KEYS:
                    give(key.id, Shortcut(getattr(pygame, f"K_F{n}"), "", f"F{n}"))
                elif kind == "line" and n <= 2 * LINE_F_KEYS:
                    mods = "shift" if n <= LINE_F_KEYS else "ctrl"
                    f = (n - 1) % LINE_F_KEYS + 1
                    give(key.id, Shortcut(getattr(pygame, f"K_F{f}"), mods, f"{mods.title()}+F{f}"))
            if key.id in PREFERRED:
                mods, _, letter = PREFERRED[key.id].rpartition("+")
                give(key.id, _letter(letter, mods))
        pool = [_letter(c, m) for m in ("", "shift", "ctrl") for c in string.ascii_lowercase]
        for key in model.keys:
            if key.id in self.by_key:
                continue
            wanted = [c for c in (key.label + key.id).lower() if c in string.ascii_lowercase]
            ordered = sorted(
                pool,
                key=lambda s: (s.mods != "", wanted.index(s.name[-1].lower()) if s.name[-1].lower() in wanted else 99),
            )
            for shortcut in ordered:
                if (shortcut.code, shortcut.mods) not in taken:
                    give(key.id, shortcut)
                    break
        self._lookup = {(s.code, s.mods): k for k, shortcuts in self.by_key.items() for s in shortcuts}
        self._chars = {c: c for c in DIALPAD if model.key(c) is not None}

    def name(self, key_id: str) -> str:
        """The main shortcut of a key, as shown on hover."""
        shortcuts = self.by_key.get(key_id)
        return shortcuts[0].name if shortcuts else ""

    def names(self, key_id: str) -> str:
        return " / ".join(s.name for s in self.by_key.get(key_id, []))

    def phone_key(self, code: int, mod: int, char: str) -> str | None:
        """The phone key a key-down event means: the typed character for the dial pad, else the key code."""
        mods = modifiers(mod)
        if mods != "ctrl" and char in self._chars:
            return self._chars[char]
        return self._lookup.get((code, mods))


def app_control(code: int, mod: int, char: str) -> str | None:
    """The app control a key-down event means, if any ("?" matched as a character on any layout)."""
    if char == "?":
        return "help"
    mods = modifiers(mod)
    return next((name for name, spec in APP_KEYS.items() if spec == (code, mods)), None)
