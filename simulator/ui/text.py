"""Fonts and rendered strings, cached: the same labels are drawn many times a second.

Keys and the display use pygame's bundled font, so they look the same on every machine; the panel
prefers the system's sans and monospace faces when there are any, for a lighter weight.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

from simulator.ui.assets import THEME

SANS = "dejavusans,liberationsans,arial,helvetica,freesans"
MONO = "dejavusansmono,liberationmono,couriernew,freemono"
CACHE_SIZE = 1500  # rendered strings kept; the panel and a phone at two window sizes use about 400

Colour = tuple[int, int, int]


def readable_px(px: float, scale: float) -> int:
    """A text size `px` at 1280x800 scaled for the window, never below the theme's smallest readable size."""
    return max(THEME.sizes.min_small_text, round(px * scale))


class Text:
    """Font faces by name ("bold", "sans", "mono") and an LRU cache of rendered strings."""

    def __init__(self) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self._files: dict[str, str | None] = {
            "bold": None,  # pygame's own freesansbold: identical everywhere
            "sans": pygame.font.match_font(SANS),
            "mono": pygame.font.match_font(MONO),
        }
        # pygame's own font draws smaller than a system face of the same size; keep the panel's sizes alike.
        self._boost = {face: 1.0 if path or face == "bold" else 1.3 for face, path in self._files.items()}
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._rendered: OrderedDict[tuple[str, str, int, Colour], pygame.Surface] = OrderedDict()

    def font(self, face: str, size: int) -> pygame.font.Font:
        key = (face, size)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = pygame.font.Font(self._files[face], round(size * self._boost[face]))
        return font

    def px_for(self, height: float, face: str = "bold") -> int:
        """The font size whose lines are about `height` pixels tall (faces differ a lot at the same size)."""
        return max(6, round(height * 100 / self.size("Hg", 100, face)[1]))

    def size(self, text: str, px: int, face: str = "bold") -> tuple[int, int]:
        return self.font(face, px).size(text)

    def render(self, text: str, px: int, colour: Colour, face: str = "bold") -> pygame.Surface:
        key = (face, text, px, colour)
        surf = self._rendered.get(key)
        if surf is None:
            surf = self.font(face, px).render(text, True, colour)
            self._rendered[key] = surf
            if len(self._rendered) > CACHE_SIZE:
                self._rendered.popitem(last=False)
        else:
            self._rendered.move_to_end(key)
        return surf

    def fit(self, text: str, px: int, width: int, face: str = "bold", minimum: int = 9) -> int:
        """The largest size up to `px` at which `text` is at most `width` wide (never below `minimum`)."""
        while px > minimum and self.size(text, px, face)[0] > width:
            px -= 1
        return px

    def elide(self, text: str, px: int, width: int, face: str = "bold") -> str:
        """`text`, cut with an ellipsis to fit `width`."""
        if self.size(text, px, face)[0] <= width:
            return text
        while text and self.size(text + "…", px, face)[0] > width:
            text = text[:-1]
        return text + "…"

    def wrap(self, text: str, px: int, width: int, face: str = "bold") -> list[str]:
        """`text` broken at spaces into lines at most `width` wide; only a single word wider than that is cut."""
        lines: list[str] = []
        for word in text.split():
            joined = f"{lines[-1]} {word}" if lines else word
            if lines and self.size(joined, px, face)[0] <= width:
                lines[-1] = joined
            else:
                lines.append(self.elide(word, px, width, face))
        return lines or [""]

    def blit(
        self,
        surface: pygame.Surface,
        text: str,
        px: int,
        colour: Colour,
        *,
        face: str = "bold",
        anchor: str = "topleft",
        at: tuple[int, int],
    ) -> pygame.Rect:
        """Draw `text` with the named point of its box (topleft, center, midright, ...) at `at`."""
        surf = self.render(text, px, colour, face)
        rect = surf.get_rect(**{anchor: at})
        surface.blit(surf, rect)
        return rect
