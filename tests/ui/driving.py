"""Drive the window the way a person does, through posted pygame events, one frame at a time."""

from __future__ import annotations

import pygame

from simulator.ui.app import App


class FakeTime:
    """Wall-clock seconds that move only when the test says so (WallClock's time source)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def post(kind: int, **attrs: object) -> None:
    assert pygame.event.post(pygame.event.Event(kind, **attrs))


def centre(app: App, key: str) -> tuple[int, int]:
    return app.layout.spot(key).rect.center


def click(app: App, pos: tuple[int, int], button: int = 1) -> None:
    post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)
    post(pygame.MOUSEBUTTONUP, pos=pos, button=button)
    app.frame()


def mouse_down(app: App, pos: tuple[int, int], button: int = 1) -> None:
    post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)
    app.frame()


def mouse_up(app: App, pos: tuple[int, int], button: int = 1) -> None:
    post(pygame.MOUSEBUTTONUP, pos=pos, button=button)
    app.frame()


def move(app: App, pos: tuple[int, int]) -> None:
    post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0))
    app.frame()


def key_down(app: App, code: int, char: str = "", mod: int = 0) -> None:
    post(pygame.KEYDOWN, key=code, mod=mod, unicode=char)
    app.frame()


def key_up(app: App, code: int, char: str = "", mod: int = 0) -> None:
    post(pygame.KEYUP, key=code, mod=mod, unicode=char)
    app.frame()


def press_key(app: App, code: int, char: str = "", mod: int = 0) -> None:
    key_down(app, code, char, mod)
    key_up(app, code, char, mod)


def finger(app: App, kind: int, finger_id: int, pos: tuple[int, int]) -> None:
    """FINGER events carry positions from 0 to 1 across the window."""
    w, h = app.window.get_size()
    post(kind, touch_id=1, finger_id=finger_id, x=pos[0] / w, y=pos[1] / h, dx=0.0, dy=0.0, pressure=1.0)
    app.frame()


def wait(app: App, fake_time: FakeTime, seconds: float) -> None:
    """Let wall time pass (the phone's clock follows it at the session's speed) and run a frame."""
    fake_time.now += seconds
    app.frame()


def to_cancel(app: App) -> None:
    """Power on and jump the boot to the Cancel screen, through the panel's own controls."""
    app.act("jump")
    app.frame()
    assert app.phone.softkey_for("Cancel") is not None, app.phone.screen
