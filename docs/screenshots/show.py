"""Draws docs/screenshots/demo.png and mac-coach.png headless: the demo window while the VVX 410's
combination is held, and the MAC coach after a wrong letter. Run `.venv/bin/python docs/screenshots/show.py`.

Both windows run on a wall clock this script moves, frame by frame, as a person would see them.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from simulator.core import Catalog
from simulator.training.mac_practice import MacCoach
from simulator.ui.demo import ShowApp, demo_show
from simulator.ui.mac_coach_view import MacCoachApp
from simulator.ui.show_session import LiveSession, ShowSession

HERE = Path(__file__).parent
FRAME_S = 0.05


class Wall:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def run(self, app: ShowApp | MacCoachApp, seconds: float) -> None:
        for _ in range(round(seconds / FRAME_S)):
            self.now += FRAME_S
            app.frame()


def demo(catalog: Catalog) -> None:
    wall = Wall()
    show, title, subtitle = demo_show(catalog, "vvx-410")
    app = ShowApp(ShowSession(catalog, show, wall=wall), title=title, subtitle=subtitle, sound=False)
    wall.run(app, show.lead + 5.6)  # the lead-in, then 1.4 s into the 3 s hold of 1 + 3 + 5
    pygame.image.save(app.window, HERE / "demo.png")


def mac_coach(catalog: Catalog) -> None:
    wall = Wall()
    coach = MacCoach(catalog.load("vvx-410"), "0004f2aa814c", random.Random(1))
    app = MacCoachApp(LiveSession(catalog, coach.phone(), coach.phone, wall=wall), coach, sound=False)
    app.frame()
    for line in coach.plan[:7]:  # 0004f2a, then a second 'a' typed without the wait: 'b'
        for key in line.keys:
            for down in (True, False):
                (app.phone.press if down else app.phone.release)(app.phone.resolve_key(key))
                wall.run(app, 0.1)
    for down in (True, False):
        (app.phone.press if down else app.phone.release)("2")
        wall.run(app, 0.1)
    wall.run(app, 1.6)
    pygame.image.save(app.window, HERE / "mac-coach.png")


if __name__ == "__main__":
    pygame.display.init()
    demo(Catalog())
    mac_coach(Catalog())
    print(f"{HERE / 'demo.png'}, {HERE / 'mac-coach.png'}")
