"""Typing on the window's phone from the keyboard, the way a person does: each key by its own shortcut."""

from __future__ import annotations

from simulator.ui.app import App
from tests.ui.driving import FakeTime, key_down, key_up, wait

COMMIT_WAIT_FRAMES = 16  # 1.6 s in frames of 0.1 s: a pending multi-tap letter commits


def tap(app: App, fake_time: FakeTime, key: str, seconds: float = 0.1) -> None:
    """Press a phone key (`mode`: the model's input-mode key now) by its shortcut, hold it, let go."""
    phone_key = app.phone.resolve_key(key)
    shortcut = app.shortcuts.by_key[phone_key][0]
    char = phone_key if len(phone_key) == 1 else ""
    key_down(app, shortcut.code, char, 0)
    wait(app, fake_time, seconds)
    key_up(app, shortcut.code, char, 0)
    wait(app, fake_time, 0.1)


def type_plan(app: App, fake_time: FakeTime, plan: list, upto: int | None = None) -> None:
    """Type a MAC by the coach's plan (`maccoach.mac_plan` lines), its waits included."""
    for line in plan[:upto]:
        if "wait" in line.text:
            for _ in range(COMMIT_WAIT_FRAMES):
                wait(app, fake_time, 0.1)
        for key in line.keys:
            tap(app, fake_time, key)
    for _ in range(COMMIT_WAIT_FRAMES):
        wait(app, fake_time, 0.1)  # the last letter commits
