"""Draws docs/screenshots/guided.png, practice-result.png, exam.png and exam-result.png: the training modes
driven headless through the window's own keyboard input, on a clock the script moves.

Run from the project folder: `.venv/bin/python docs/screenshots/modes.py`. The attempts go into a store
in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from simulator.core import Catalog, WallClock  # noqa: E402
from simulator.training.exam import make_exam  # noqa: E402
from simulator.ui.app import App  # noqa: E402
from simulator.ui.session import Session  # noqa: E402
from simulator.ui.training_mode import build_trainer  # noqa: E402
from tests.ui.coaching import control, follow_coach, hold_keys, tap  # noqa: E402
from tests.ui.driving import FakeTime, wait  # noqa: E402

OUT = Path(__file__).parent
CATALOG = Catalog()


def window(mode: str, clock: FakeTime, **kwargs: object) -> App:
    session = Session.open(CATALOG, "vvx-410", clock_factory=lambda: WallClock(source=clock))
    trainer = build_trainer(session, CATALOG, mode=mode, **kwargs)  # type: ignore[arg-type]
    app = App(session, size=(1280, 800), sound=False, trainer=trainer)
    app.index.load_some(len(app.index.entries))
    app.frame()
    return app


def save(app: App, name: str) -> None:
    app.invalidate()
    app.frame()
    pygame.image.save(app.window, str(OUT / name))
    print(OUT / name)


def to_countdown(app: App, clock: FakeTime) -> None:
    control(app, pygame.K_p, char="p")
    while app.phone.softkey_for("Cancel") is None:
        wait(app, clock, 0.5)
    wait(app, clock, 0.7)  # read the screen, then Cancel
    tap(app, clock, "softkey_1")


def guided(clock: FakeTime) -> None:
    """In the countdown, after letting go too early: the mistake explained, 1 + 3 + 5 held again."""
    app = window("guided", clock, trainee="Ana Silva")
    to_countdown(app, clock)
    hold_keys(app, clock, ["1", "3", "5"], 2.2)
    for key in ("1", "3", "5"):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=ord(key), mod=0, unicode=key))
    app.frame()
    wait(app, clock, 1.6)
    save(app, "guided.png")


def practice(clock: FakeTime) -> None:
    """A clean attempt first (the personal best), then one at 0.5x with a hint and a mistake."""
    app = window("practice", clock, trainee="Ana Silva")
    follow_coach(app, clock)
    control(app, pygame.K_RETURN)
    control(app, pygame.K_COMMA, char=",")
    to_countdown(app, clock)
    hold_keys(app, clock, ["1", "3", "5"], 2.0 / app.session.speed)
    control(app, pygame.K_h, pygame.KMOD_LCTRL)
    follow_coach(app, clock)
    save(app, "practice-result.png")


def exam(clock: FakeTime) -> None:
    """Item 1 has a changed admin password: 456 is refused, only the MAC on the sticker would do."""
    app = window("free", clock, trainee="Ana Silva", exam=make_exam(CATALOG, 13, 4, ["VVX 410", "VVX 500"]))
    control(app, pygame.K_RETURN)  # the name, as filled in
    to_countdown(app, clock)
    hold_keys(app, clock, ["1", "3", "5"], 3.3)
    tap(app, clock, "4", "5", "6")
    save(app, "exam.png")
    tap(app, clock, "softkey_1")  # OK: Incorrect password
    wait(app, clock, 2)
    control(app, pygame.K_e, pygame.KMOD_LCTRL)
    while app.trainer.exam is not None and not app.trainer.exam.finished:
        control(app, pygame.K_RETURN)
        follow_coach(app, clock)
    save(app, "exam-result.png")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PHONESIM_DATA_DIR"] = folder
        pygame.display.init()
        for make in (guided, practice, exam):
            make(FakeTime())
        pygame.display.quit()


if __name__ == "__main__":
    main()
