"""The window icon, `assets/icon.png`: a desk phone seen from the front, 64 x 64 pixels.

The window loads the PNG; this draws it. Run `python -m simulator.ui.icon` after changing the drawing;
a test checks that the committed icon is what this draws. Only shapes, no text, so it draws the same on
every machine with the pinned pygame.
"""

from __future__ import annotations

import os

import pygame

from simulator.ui.assets import asset

SIZE = 64
BODY = (56, 63, 74)
EDGE = (124, 176, 255)
SCREEN_TOP = (34, 86, 146)
SCREEN = (22, 58, 104)
KEY = (226, 230, 236)
LED = (240, 176, 48)


def draw_icon() -> pygame.Surface:
    """The icon on a transparent square: body, display with a softkey bar, a 3 x 3 dial pad, the MWI."""
    surf = pygame.Surface((SIZE, SIZE), pygame.SRCALPHA)
    body = pygame.Rect(6, 2, 52, 60)
    pygame.draw.rect(surf, BODY, body, border_radius=9)
    pygame.draw.rect(surf, EDGE, body, width=2, border_radius=9)
    screen = pygame.Rect(13, 9, 38, 20)
    pygame.draw.rect(surf, SCREEN, screen, border_radius=3)
    top = (screen.x, screen.y, screen.w, 8)
    pygame.draw.rect(surf, SCREEN_TOP, top, border_top_left_radius=3, border_top_right_radius=3)
    pygame.draw.rect(surf, KEY, (screen.x + 4, screen.bottom - 5, screen.w - 8, 2))
    for row in range(3):
        for col in range(3):
            pygame.draw.rect(surf, KEY, (17 + col * 11, 34 + row * 8, 8, 5), border_radius=2)
    pygame.draw.circle(surf, LED, (51, 57), 2)
    return surf


def load_icon() -> pygame.Surface | None:
    """The committed icon; None when it cannot be read (the window still opens, with the system's icon)."""
    try:
        return pygame.image.load(str(asset("icon.png")))
    except (pygame.error, OSError):
        return None


if __name__ == "__main__":
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    pygame.image.save(draw_icon(), str(asset("icon.png")))
    print(asset("icon.png"))
