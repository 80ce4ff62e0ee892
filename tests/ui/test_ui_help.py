"""The `?` overlay: every line whole and inside the card, for every model, at 1280x800 and the smallest window."""

from __future__ import annotations

import pygame
import pytest

from simulator.ui.assets import THEME
from simulator.ui.geometry import ui_scale
from simulator.ui.help_card import help_layout, key_rows
from simulator.ui.shortcuts import Shortcuts
from simulator.ui.text import Text
from tests.ui.driving import press_key

SIZES = [(1280, 800), THEME.sizes.min_window]


@pytest.fixture(scope="module")
def text() -> Text:
    pygame.display.init()
    return Text()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_help_line_is_whole_and_on_the_card(catalog, text, size):
    for model_id in catalog.ids():
        model = catalog.load(model_id)
        layout = help_layout(text, model, Shortcuts(model), size, ui_scale(size))
        assert layout.fits, model_id
        window = pygame.Rect((0, 0), size)
        assert window.contains(layout.card), model_id
        boxes = []
        for piece in layout.pieces:
            assert not piece.text.endswith("…"), (model_id, piece.text)
            box = pygame.Rect(piece.at, text.size(piece.text, piece.px, piece.face))
            assert layout.card.contains(box), (model_id, piece.text)
            boxes.append(box)
        overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.colliderect(b)]
        assert not overlaps, model_id


def test_every_description_of_the_vvx_410_is_shown_in_full(catalog, text):
    model = catalog.load("vvx-410")
    layout = help_layout(text, model, Shortcuts(model), SIZES[1], ui_scale(SIZES[1]))
    shown = " ".join(p.text for p in layout.pieces)
    for words in ("Select (centre of the navigation cluster) (OK)", "Show the back label (MAC address)"):
        assert " ".join(words.split()) in " ".join(shown.split())


def test_runs_of_numbered_keys_share_a_row(catalog):
    model = catalog.load("vvx-410")
    rows = dict((what, keys) for keys, what in key_rows(model, Shortcuts(model)))
    assert rows["Soft key 1-4"] == "F1-F4"
    assert rows["Dial pad 1-9"] == "1-9 / Num 1-9"
    assert rows["Line key 1-12"] == "Shift+F1-F12"
    assert "Dial pad 0" in rows and "Dial pad *" in rows  # not part of a run


def test_question_mark_opens_the_help_and_any_click_closes_it(make_app):
    app = make_app(size=SIZES[1])
    press_key(app, pygame.K_SLASH, "?", pygame.KMOD_SHIFT)
    assert app.help
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1))
    app.frame()
    assert not app.help
