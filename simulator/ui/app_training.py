"""The window's side of the training modes: room for the coach band, its overlays, and the keys it takes.

A part of `App` kept in its own module (app.py stays the loop and the phone); it reads the App's
`trainer`, layout and sizes named below.
"""

from __future__ import annotations

import pygame

from simulator.ui.coach_view import Overlay, band, band_height, coach_look, name_prompt, result_card, rings
from simulator.ui.geometry import PhoneLayout
from simulator.ui.session import Session
from simulator.ui.text import Text
from simulator.ui.training_mode import Trainer


class TrainingHooks:
    """Provides the training hooks to `App`, which has these attributes."""

    trainer: Trainer
    session: Session
    text: Text
    scale: float
    layout: PhoneLayout
    message: str

    def _reserve_band(self, phone_area: pygame.Rect) -> pygame.Rect:
        """The phone's area less the coach band at its top (none in free mode); keeps both rectangles."""
        self.left_area = phone_area
        h = band_height(self.trainer, self.scale)
        self.band_rect = pygame.Rect(phone_area.x, phone_area.y, phone_area.w, h)
        return pygame.Rect(phone_area.x, phone_area.y + h, phone_area.w, phone_area.h - h)

    def _band_changed(self) -> bool:
        return band_height(self.trainer, self.scale) != self.band_rect.h

    def _training_signature(self) -> tuple[object, ...]:
        t = self.trainer
        look = coach_look(t, self.session.phone) if self.band_rect.h else None
        asking = (t.asking.text, t.asking.reason) if t.asking else None
        exam = (t.exam.index, t.exam.finished) if t.exam else None
        return (look, asking, t.card, t.hidden, t.opened is not None, exam, t.highlighted())

    def _training_overlays(self) -> list[Overlay]:
        t = self.trainer
        out: list[Overlay] = []
        if self.band_rect.h:
            out.append(band(self.text, self.band_rect, self.scale, coach_look(t, self.session.phone)))
        hint = t.hint()
        if hint is not None:  # every step in guided mode; in practice, the one a hint was asked for
            out += rings(self.layout, hint.keys, hint.touch, self.scale)
        card = result_card(self.text, self.left_area, self.scale, t)
        if card is not None:
            out.append(card)
        if t.asking is not None:
            out.append(name_prompt(self.text, self.left_area, self.scale, t))
        return out

    def _training_key(self, code: int, char: str) -> bool:
        """Keys the training modes take first: the name being typed, Enter and Esc on a card."""
        t = self.trainer
        if t.asking is not None:
            names = {pygame.K_RETURN: "enter", pygame.K_KP_ENTER: "enter", pygame.K_ESCAPE: "escape",
                     pygame.K_BACKSPACE: "backspace"}  # fmt: skip
            t.type_name(names.get(code, ""), char)
            return True
        if t.showing_card and code in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.message = t.next() or ""
            return True
        return t.showing_card and code == pygame.K_ESCAPE and t.dismiss()

    def _training_act(self, name: str, arg: str) -> bool:
        """A training control, or an exam refusing one; False when `name` is none of them."""
        refusal = self.trainer.refuse(name)
        if refusal:
            self.message = refusal
            return True
        if name in ("mode", "hint", "retry", "end", "save", "next"):
            self.message = self.trainer.act(name, arg) or ""
            return True
        return False
