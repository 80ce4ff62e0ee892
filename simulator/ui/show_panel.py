"""The side panel of a demo or a replay: its controls, the caption (what happens and why), the hold meters,
the boot timeline with the real durations, and the event log.

It is the window's Panel with other sections: the hold meters, the timeline and the log are drawn by the
same code; the header and the caption are the demo's own. The caption is what `training.showing`
computes, drawn, never worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pygame

from simulator.training.showing import Caption
from simulator.ui.draw_panel import Panel
from simulator.ui.palette import PANEL, Colour, mix
from simulator.ui.panel_base import PanelView
from simulator.ui.text import Text


@dataclass(frozen=True)
class ShowView(PanelView):
    """The panel's view plus what the show says."""

    title: str = ""
    subtitle: str = ""
    caption: Caption | None = None
    speeds: tuple[float, ...] = ()
    finished: bool = False

    @classmethod
    def of(cls, base: PanelView, **more: object) -> ShowView:
        return cls(**{f.name: getattr(base, f.name) for f in fields(PanelView)}, **more)  # type: ignore[arg-type]


class ShowPanel(Panel):
    """Header (title and controls), caption, hold meters, timeline, log; the caption takes the spare room."""

    def __init__(self, text: Text, rect: pygame.Rect, scale: float, combos: int) -> None:
        super().__init__(text, rect, scale, combos)
        s = scale
        line = self.text.size("Ag", self.small, "mono")[1] + 2
        heights = {
            "header": self.pad * 2 + round(26 * s) + self.small_h + round(10 * s) + 2 * self.row + round(6 * s),
            "caption": 0,
            "hold": self._heading_h + combos * self._combo_h + self.pad if combos else 0,
            "timeline": self._heading_h + round(46 * s) + self.pad,
        }
        # The caption first (what the class reads), then the log: at least 3 lines of it, more when there is room.
        spare = rect.h - sum(heights.values()) - self._heading_h - self.pad - 3 * line
        heights["caption"] = max(round(150 * s), min(round(300 * s), spare))
        y = rect.y
        self.sections = {}
        for name, h in heights.items():
            if h:
                self.sections[name] = pygame.Rect(rect.x, y, rect.w, h)
                y += h
        self.sections["log"] = pygame.Rect(rect.x, y, rect.w, max(0, rect.bottom - y))
        self.log_lines = max(1, (self.sections["log"].h - self._heading_h - self.pad) // line)
        self._targets = {name: [] for name in self.sections}
        self._signatures = {}
        self._drawers = {
            "header": self._show_header,
            "caption": self._caption,
            "hold": self._hold,
            "timeline": self._timeline,
            "log": self._log,
        }

    def _signature(self, name: str, v: PanelView) -> object:
        assert isinstance(v, ShowView)
        hover = v.hover if any(a == v.hover for _, a in self._targets[name]) else None
        if name == "header":
            return (v.title, v.subtitle, v.speed, v.paused, v.finished, hover)
        if name == "caption":
            return v.caption
        return super()._signature(name, v)

    def _show_header(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        assert isinstance(v, ShowView)
        s, pad = self.s, self.pad
        width = rect.w - 2 * pad
        title_px = self.text.fit(v.title, round(21 * s), width, "bold", minimum=self.px)
        self.text.blit(surf, self.text.elide(v.title, title_px, width, "bold"), title_px, PANEL.text, face="bold",
                       at=(rect.x + pad, rect.y + pad))  # fmt: skip
        y = rect.y + pad + round(26 * s)
        self.text.blit(surf, self.text.elide(v.subtitle, self.small, width, "sans"), self.small, PANEL.muted,
                       face="sans", at=(rect.x + pad, y))  # fmt: skip
        y += self.small_h + round(10 * s)
        row = pygame.Rect(rect.x + pad, y, width, self.row)
        pause = ("Resume (Space)" if v.paused else "Pause (Space)", "pause", v.paused)
        self._row_of_buttons(surf, "header", row, [pause, ("Step (N)", "step", False), ("Again (R)", "restart", False)],
                             v, [1.3, 1.0, 1.0])  # fmt: skip
        row = pygame.Rect(row.x, row.bottom + round(6 * s), width, self.row)
        label = "Speed  , ."
        label_w = self.text.size(label, self.px, "sans")[0] + round(12 * s)
        self.text.blit(surf, label, self.px, PANEL.muted, face="sans", anchor="midleft", at=(row.x, row.centery))
        chips = pygame.Rect(row.x + label_w, row.y, row.w - label_w, row.h)
        items = [(f"{x:g}×", f"speed:{x}", x == v.speed) for x in v.speeds]
        self._row_of_buttons(surf, "header", chips, items, v)

    def _paragraph(
        self, surf: pygame.Surface, text: str, px: int, colour: Colour, x: int, y: int, width: int, lines: int
    ) -> int:
        """`text` wrapped into at most `lines` lines (the last cut with an ellipsis); returns the y below."""
        wrapped = self.text.wrap(text, px, width, "sans")
        if len(wrapped) > lines:
            wrapped = [*wrapped[: lines - 1], self.text.elide(" ".join(wrapped[lines - 1 :]), px, width, "sans")]
        height = self.text.size("Ag", px, "sans")[1]
        for line in wrapped:
            self.text.blit(surf, line, px, colour, face="sans", at=(x, y))
            y += height
        return y

    def _steps(self, surf: pygame.Surface, steps: tuple[tuple[str, str], ...], x: int, y: int, width: int) -> int:
        """The lesson's milestones as chips, wrapped: done ones green, the one heading for now blue."""
        gap = max(3, round(4 * self.s))
        colours = {"done": mix(PANEL.good, PANEL.background, 0.45), "now": PANEL.button_on, "next": PANEL.button}
        left = x
        for words, state in steps:
            w = self.text.size(words, self.small, "sans")[0] + round(12 * self.s)
            if x > left and x + w > left + width:
                x, y = left, y + self.chip_h + gap
            chip = pygame.Rect(x, y, min(w, width), self.chip_h)
            pygame.draw.rect(surf, colours[state], chip, border_radius=round(4 * self.s))
            colour = PANEL.muted if state == "next" else PANEL.button_text
            self.text.blit(surf, words, self.small, colour, face="sans", anchor="center", at=chip.center)
            x = chip.right + gap
        return y + (self.chip_h if steps else 0)

    def _caption(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        assert isinstance(v, ShowView)
        caption = v.caption
        if caption is None:
            return
        s, pad = self.s, self.pad
        x, width = rect.x + pad, rect.w - 2 * pad
        y = rect.y + round(6 * s)
        self.text.blit(surf, caption.heading, self.px, PANEL.heading, face="sans", at=(x, y))
        y = self._steps(surf, caption.steps, x, y + self.text_h + round(6 * s), width) + round(8 * s)
        if caption.result:
            colour = PANEL.good if caption.passed else PANEL.bad
            big = max(self.px + 2, round(19 * s))
            y = self._paragraph(surf, caption.result, big, colour, x, y, width, 1) + round(6 * s)
        # The instruction as large as leaves room for what the phone will show and what the hands do now; the
        # source takes what is left.
        room = rect.bottom - self.pad - y - 2 * self.small_h - self.text_h
        for px in (max(self.px + 2, round(19 * s)), self.px):
            wrapped = len(self.text.wrap(caption.do, px, width, "sans"))
            if wrapped * self.text.size("Ag", px, "sans")[1] <= room:
                break
        lines = max(1, room // self.text.size("Ag", px, "sans")[1])
        y = self._paragraph(surf, caption.do, px, PANEL.text, x, y, width, lines) + round(6 * s)
        parts = []
        if caption.shows:
            parts.append((f"The phone will show: {caption.shows}", PANEL.text))
        if caption.why:
            parts.append((f"Why: {caption.why}", PANEL.muted))
        for mistake in caption.mistakes[-3:]:
            parts.append((mistake, PANEL.bad))
        # What the hands do now, at the caption's foot: larger than the line under the phone, for the room.
        foot = rect.bottom - self.pad - self.text_h
        if caption.now and y + self.text_h <= foot:
            self.text.blit(surf, self.text.elide(caption.now, self.px, width, "sans"), self.px, PANEL.warn,
                           face="sans", at=(x, foot))  # fmt: skip
            rect = pygame.Rect(rect.x, rect.y, rect.w, foot - rect.y)
        for words, colour in parts:
            small_lines = (rect.bottom - self.pad - y) // self.small_h
            if small_lines <= 0:
                break
            wanted = len(self.text.wrap(words, self.small, width, "sans"))
            y = self._paragraph(surf, words, self.small, colour, x, y, width, min(wanted, small_lines, 3)) + round(
                3 * s
            )
