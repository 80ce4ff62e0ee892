"""The MAC coach window: a phone at its reset prompt to type the MAC on, the keystroke plan beside it, and a
blind practice that points at the first wrong character.

The phone is the window's own (mouse, keyboard, multi-tap and its commit wait all as in `phonesim`); the
panel shows what `training.maccoach` and `training.mac_practice` compute: the plan, character by
character (digits, mode switches, taps, the wait between two letters on one key), and the try, masked as
on the phone. F10 a new MAC, F11 start over, F12 hide or show the plan (blind practice).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pygame

from simulator.core import Catalog
from simulator.training.mac_practice import MacCoach, Try
from simulator.training.maccoach import CoachLine
from simulator.ui.app import DEFAULT_SIZE, App
from simulator.ui.draw_panel import Panel
from simulator.ui.palette import PANEL, mix
from simulator.ui.panel_base import PanelView
from simulator.ui.show_panel import ShowView
from simulator.ui.show_session import LiveSession
from simulator.ui.text import Text
from simulator.ui.window_run import fit_desktop, open_display

KEYS = {pygame.K_F10: "new_mac", pygame.K_F11: "again", pygame.K_F12: "plan"}


@dataclass(frozen=True)
class CoachView(ShowView):
    """The panel's view plus the MAC, its plan and the try."""

    mac: str = ""
    typed_as: str = ""
    mode_key: str = ""
    wait_s: float = 0.0
    plan: tuple[CoachLine, ...] = ()
    show_plan: bool = True
    attempt: Try | None = None
    last: str = ""  # what the coach said about the previous try (a rejection), while a new one is typed


class CoachPanel(Panel):
    """Header, the MAC, the try, the plan (which takes the rest of the panel)."""

    def __init__(self, text: Text, rect: pygame.Rect, scale: float, combos: int) -> None:
        super().__init__(text, rect, scale, combos)
        s = scale
        big_h = self.text.size("Ag", self._big, "mono")[1]
        heights = {
            "header": self.pad * 2 + round(26 * s) + self.small_h + round(10 * s) + self.row,
            "mac": self._heading_h + big_h + 3 * self.small_h + round(8 * s) + self.pad,
            "try": self._heading_h + self._cell + round(10 * s) + 4 * self.small_h + self.pad,
        }
        y = rect.y
        self.sections = {}
        for name, h in heights.items():
            self.sections[name] = pygame.Rect(rect.x, y, rect.w, h)
            y += h
        self.sections["plan"] = pygame.Rect(rect.x, y, rect.w, max(0, rect.bottom - y))
        self._targets = {name: [] for name in self.sections}
        self._signatures = {}
        self._drawers = {"header": self._coach_header, "mac": self._mac, "try": self._try, "plan": self._plan}

    @property
    def _big(self) -> int:
        return max(self.px + 4, round(24 * self.s))

    @property
    def _cell(self) -> int:
        return min(round(30 * self.s), (self.rect.w - 2 * self.pad - 11 * 4) // 12)

    def _signature(self, name: str, v: PanelView) -> object:
        assert isinstance(v, CoachView)
        hover = v.hover if any(a == v.hover for _, a in self._targets[name]) else None
        if name == "header":
            return (v.title, v.subtitle, v.show_plan, v.sticker, hover)
        if name == "mac":
            return (v.mac, v.typed_as, v.mode_key, v.wait_s)
        if name == "try":
            return (v.attempt, v.last)
        return (v.plan, v.show_plan, v.attempt)

    def _coach_header(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        assert isinstance(v, CoachView)
        s, pad, width = self.s, self.pad, rect.w - 2 * self.pad
        self.text.blit(surf, v.title, round(21 * s), PANEL.text, face="bold", at=(rect.x + pad, rect.y + pad))
        y = rect.y + pad + round(26 * s)
        self.text.blit(surf, self.text.elide(v.subtitle, self.small, width, "sans"), self.small, PANEL.muted,
                       face="sans", at=(rect.x + pad, y))  # fmt: skip
        row = pygame.Rect(rect.x + pad, y + self.small_h + round(10 * s), width, self.row)
        items = [
            ("New MAC (F10)", "new_mac", False),
            ("Again (F11)", "again", False),
            ("Plan (F12)", "plan", v.show_plan),
            ("Label (Tab)", "label", v.sticker),
        ]
        self._row_of_buttons(surf, "header", row, items, v, [1.3, 1.1, 1.0, 1.05])

    def _mac(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        assert isinstance(v, CoachView)
        pad, x = self.pad, rect.x + self.pad
        y = self._heading(surf, rect, "The MAC, as the prompt wants it", v.mac)
        self.text.blit(surf, v.typed_as, self._big, PANEL.text, face="mono", at=(x, y))
        y += self.text.size("Ag", self._big, "mono")[1] + round(4 * self.s)
        for line in (
            f"Input mode: {v.mode_key}",
            f"Two letters on one key: wait at least {v.wait_s:g} s for the first to commit",
        ):
            line = self.text.elide(line, self.small, rect.w - 2 * pad, "sans")
            self.text.blit(surf, line, self.small, PANEL.muted, face="sans", at=(x, y))
            y += self.small_h

    def _try(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        assert isinstance(v, CoachView)
        attempt = v.attempt
        s, pad = self.s, self.pad
        y = self._heading(surf, rect, "Your try, masked as on the phone")
        if attempt is None:
            self.text.blit(surf, "Waiting for the password prompt", self.px, PANEL.muted, face="sans",
                           at=(rect.x + pad, y))  # fmt: skip
            return
        cell, gap = self._cell, 4
        x = rect.x + pad
        for i, mark in enumerate(attempt.marks):
            box = pygame.Rect(x + i * (cell + gap), y, cell, cell)
            frame = {"wrong": PANEL.bad, "typing": PANEL.button_on}.get(mark, PANEL.line)
            fill = mix(PANEL.bad, PANEL.field, 0.6) if mark == "wrong" else PANEL.field
            pygame.draw.rect(surf, fill, box, border_radius=round(4 * s))
            pygame.draw.rect(
                surf, frame, box, width=2 if mark in ("wrong", "typing") else 1, border_radius=round(4 * s)
            )
            if mark != "empty":
                pygame.draw.circle(surf, PANEL.text, box.center, max(3, cell // 6))
        y += cell + round(4 * s)
        if attempt.wrong_at is not None:
            centre = x + attempt.wrong_at * (cell + gap) + cell // 2
            tip = round(6 * s)
            pygame.draw.polygon(surf, PANEL.bad, [(centre, y), (centre - tip, y + tip), (centre + tip, y + tip)])
        y += round(8 * s)
        colour = {"wrong": PANEL.bad, "rejected": PANEL.bad, "accepted": PANEL.good, "complete": PANEL.good}
        y = self._wrapped(surf, attempt.status, colour.get(attempt.state, PANEL.text), rect, y, 2)
        if v.last:
            self._wrapped(surf, f"Last try: {v.last}", PANEL.muted, rect, y, 2)

    def _wrapped(self, surf: pygame.Surface, words: str, colour: tuple[int, int, int], rect: pygame.Rect, y: int,
                 lines: int) -> int:  # fmt: skip
        width = rect.w - 2 * self.pad
        wrapped = self.text.wrap(words, self.small, width, "sans")
        if len(wrapped) > lines:
            wrapped = [
                *wrapped[: lines - 1],
                self.text.elide(" ".join(wrapped[lines - 1 :]), self.small, width, "sans"),
            ]
        for line in wrapped:
            self.text.blit(surf, line, self.small, colour, face="sans", at=(rect.x + self.pad, y))
            y += self.small_h
        return y

    def _plan(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        assert isinstance(v, CoachView)
        s, pad = self.s, self.pad
        y = self._heading(surf, rect, "Keystroke plan", "one line per character")
        if not v.show_plan:
            self.text.blit(surf, "Hidden for blind practice: F12 shows it", self.px, PANEL.muted, face="sans",
                           at=(rect.x + pad, y))  # fmt: skip
            return
        now = v.attempt.next_at if v.attempt is not None else None
        row_h = max(self.small_h + round(4 * s), (rect.bottom - pad - y) // max(1, len(v.plan)))
        row_h = min(row_h, self.text_h + round(8 * s))
        number_w = self.text.size("12", self.small, "mono")[0] + round(10 * s)
        for i, line in enumerate(v.plan):
            row = pygame.Rect(rect.x + pad, y, rect.w - 2 * pad, row_h - 2)
            if row.bottom > rect.bottom:
                break
            if i == now:
                pygame.draw.rect(surf, PANEL.button_on, row, border_radius=round(4 * s))
            colour = PANEL.text if i == now or now is None else PANEL.muted
            self.text.blit(surf, str(i + 1), self.small, colour, face="mono", anchor="midleft",
                           at=(row.x + round(4 * s), row.centery))  # fmt: skip
            words = self.text.elide(line.text, self.small, row.w - number_w - round(4 * s), "sans")
            self.text.blit(surf, words, self.small, colour, face="sans", anchor="midleft",
                           at=(row.x + number_w, row.centery))  # fmt: skip
            y += row_h


class MacCoachApp(App):
    """The window onto a live phone at the reset prompt, with the coach's panel."""

    session: LiveSession

    def __init__(self, session: LiveSession, coach: MacCoach, **kwargs: object) -> None:
        self.coach = coach
        self.show_plan = True
        super().__init__(session, **kwargs)  # type: ignore[arg-type]

    def _build(self) -> None:
        super()._build()
        self.panel = CoachPanel(self.text, self.panel.rect, self.scale, 0)
        pygame.display.set_caption(f"phonesim — MAC coach · {self.phone.model.name}")

    def _training_act(self, name: str, arg: str) -> bool:
        """No training modes here: their controls say so rather than put another phone in the window."""
        if name in ("mode", "hint", "retry", "end", "save", "next"):
            self.message = "The MAC coach has no training modes: F10 a new MAC, F11 again, F12 the plan"
            return True
        return False

    def _key_down(self, code: int, mod: int, char: str) -> None:
        if code in KEYS and not self.searching:
            self.act(KEYS[code])
        else:
            super()._key_down(code, mod, char)

    def act(self, action: str) -> None:
        if action == "new_mac":
            self.coach.new_mac()
            self.session.restart()
        elif action == "again":
            self.session.restart()
        elif action == "plan":
            self.show_plan = not self.show_plan
        else:
            super().act(action)

    def panel_view(self) -> PanelView:
        coach, phone = self.coach, self.phone
        attempt, last = coach.judge(phone)
        return CoachView.of(
            super().panel_view(),
            title=f"MAC coach · {phone.model.name}",
            subtitle="Type the MAC from the label at the reset prompt (Tab shows the label)",
            mac=coach.label,
            typed_as=coach.expected,
            mode_key=coach.mode_key,
            wait_s=phone.model.text_entry.commit_ms / 1000,
            plan=tuple(coach.plan),
            show_plan=self.show_plan,
            attempt=attempt,
            last=last,
        )


def run_mac_coach(catalog: Catalog, model: str = "vvx-410", mac: str | None = None) -> int:
    """`phonesim mac-coach [MODEL] [--mac MAC]`: the window, or one line when there is no display."""
    coach = MacCoach(catalog.load(model), mac)
    phone = coach.phone()  # a model without a prompt says so before any window opens
    reason = open_display()
    if reason is not None:
        print(f"phonesim: no display to open a window on ({reason}); `phonesim lessons {coach.model.id}` says "
              "how to type the MAC", file=sys.stderr)  # fmt: skip
        return 2
    try:
        session = LiveSession(catalog, phone, coach.phone)
        return MacCoachApp(session, coach, size=fit_desktop(DEFAULT_SIZE)).run()
    finally:
        pygame.display.quit()
