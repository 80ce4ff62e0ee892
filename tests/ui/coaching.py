"""A trainee at the keyboard doing what the coach says, one step at a time (for mode tests and screenshots)."""

from __future__ import annotations

import pygame

from simulator.ui.app import App
from tests.ui.driving import FakeTime, post, wait


def _key_event(app: App, key_id: str) -> dict[str, object]:
    shortcut = app.shortcuts.by_key[key_id][0]
    mod = {"": 0, "shift": pygame.KMOD_LSHIFT, "ctrl": pygame.KMOD_LCTRL}[shortcut.mods]
    return {"key": shortcut.code, "mod": mod, "unicode": key_id if len(key_id) == 1 else ""}


def hold_keys(app: App, fake_time: FakeTime, keys: tuple[str, ...] | list[str], seconds: float) -> None:
    """Every key down at once on the keyboard, all up after `seconds` of wall time."""
    for key in keys:
        post(pygame.KEYDOWN, **_key_event(app, key))
    app.frame()
    wait(app, fake_time, seconds)
    for key in keys:
        post(pygame.KEYUP, **_key_event(app, key))
    app.frame()


def tap(app: App, fake_time: FakeTime, *keys: str) -> None:
    for key in keys:
        hold_keys(app, fake_time, [key], 0.1)
        wait(app, fake_time, 0.15)


def control(app: App, code: int, mod: int = 0, char: str = "") -> None:
    """An app shortcut (Ctrl+H, F7, Enter on a card, ...)."""
    post(pygame.KEYDOWN, key=code, mod=mod, unicode=char)
    post(pygame.KEYUP, key=code, mod=mod, unicode=char)
    app.frame()


def type_text(app: App, text: str) -> None:
    """Typing into the window's name prompt."""
    for char in text:
        post(pygame.KEYDOWN, key=ord(char.lower()) if char.isalpha() else pygame.K_SPACE, mod=0, unicode=char)
    app.frame()
    control(app, pygame.K_RETURN)


def softkey_id(app: App, label: str) -> str:
    return f"softkey_{list(app.phone.screen.softkeys).index(label) + 1}"


def follow_coach(app: App, fake_time: FakeTime, password: str = "456", steps: int = 200) -> None:
    """Do each step the coach shows until the result card is up: press or hold the keys it rings, type
    the password at the prompt, wait where it says wait."""
    for _ in range(steps):
        if app.trainer.card is not None:
            return
        hint = app.trainer.attempt.hint() if app.trainer.attempt else None
        if hint is None:
            wait(app, fake_time, 0.5)
        elif app.phone.phase == "password" and not hint.keys:
            tap(app, fake_time, *password)
            tap(app, fake_time, softkey_id(app, "OK"))
        elif hint.text == "Connect power.":
            control(app, pygame.K_p, char="p")
        elif hint.keys and hint.hold_seconds:
            hold_keys(app, fake_time, hint.keys, (hint.hold_seconds + 0.3) / app.session.speed)
        elif hint.keys:
            wait(app, fake_time, 0.4)  # a person reads the step first
            tap(app, fake_time, *hint.keys)
        else:
            wait(app, fake_time, 1.0)
    raise AssertionError(f"no result card after {steps} steps; the phone is {app.phone.phase}")
