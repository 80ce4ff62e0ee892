"""Opening the window for a person, or drawing it headless: the display checks, the first size, the
screenshot. Kept apart from the App so its module holds the window's loop and drawing only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import pygame

from simulator.core import Catalog
from simulator.ui.app import DEFAULT_SIZE, App
from simulator.ui.app_input import MIN_SIZE
from simulator.ui.session import Session
from simulator.ui.training_mode import Trainer

NO_DISPLAY = (
    "phonesim: no display to open a window on; try `phonesim screenshot --model {model} -o phone.png` "
    "or `phonesim run scenarios/`"
)


def open_display() -> str | None:
    """Start the video system; the reason when there is no display to show a window on."""
    explicit = os.environ.get("SDL_VIDEODRIVER")
    if sys.platform.startswith("linux") and not explicit and not {"DISPLAY", "WAYLAND_DISPLAY"} & os.environ.keys():
        return "neither DISPLAY nor WAYLAND_DISPLAY is set"  # asking SDL would print its own errors first
    try:
        pygame.display.init()
    except pygame.error as exc:
        return str(exc)
    if pygame.display.get_driver() in ("offscreen", "dummy") and not explicit:
        pygame.display.quit()
        return "only an off-screen driver is available"
    return None


def run_window(
    catalog: Catalog, model: str, state_file: str | None = None, setup: Callable[[Session], Trainer] | None = None
) -> int:
    """`phonesim [--model ID]`: the window, or one clear line when there is no display; `setup` makes the
    training mode it opens in (before the display: a bad lesson is said without opening a window).

    On quitting, the window closes before anything else, so it goes at once. The sound device is left
    open for the caller: closing it can take seconds (see `sound.close_quickly`).
    """
    session = Session.open(catalog, catalog.resolve(model))
    trainer = setup(session) if setup else None
    if open_display() is not None:
        print(NO_DISPLAY.format(model=session.phone.model.id), file=sys.stderr)
        return 2
    try:
        return App(session, size=fit_desktop(DEFAULT_SIZE), state_file=state_file, trainer=trainer).run()
    finally:
        pygame.display.quit()


def fit_desktop(size: tuple[int, int]) -> tuple[int, int]:
    """`size`, made smaller to fit the screen with room for its taskbar and title (a 1366x768 laptop),
    never below MIN_SIZE."""
    desktops = pygame.display.get_desktop_sizes()
    if not desktops:
        return size
    room_w, room_h = desktops[0][0] - 40, desktops[0][1] - 90
    return max(MIN_SIZE[0], min(size[0], room_w)), max(MIN_SIZE[1], min(size[1], room_h))


def screenshot(
    session: Session, path: str, size: tuple[int, int] = DEFAULT_SIZE, back: bool = False, config: bool = False
) -> None:
    """Draw one frame headless (the dummy video driver) and save it as PNG; `back` turns the phone around,
    `config` opens the configuration card (F6)."""
    if not pygame.display.get_init():
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        pygame.display.init()
    app = App(session, size=size, sound=False)
    if back:
        app.act("view")
    if config:
        app.act("config")
    app.index.load_some(len(app.index.entries))
    app.draw()
    pygame.image.save(app.window, path)
