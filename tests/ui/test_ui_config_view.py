"""F7: the configuration card (parameter, effective value, layer) and the server's files, kept live."""

from __future__ import annotations

import pygame

from simulator.ui.config_view import config_layout
from simulator.ui.help_card import help_layout
from tests.ui.driving import press_key, wait


def cells(app) -> list[tuple[str, ...]]:
    layout = config_layout(app.text, app.phone, app.layout.area, app.scale)
    return [tuple(text for text, _ in row.cells) for row in layout.rows]


def test_f7_opens_the_card_and_esc_closes_it(make_app):
    app = make_app()
    press_key(app, pygame.K_F7)
    assert app.config_view.shown and any(s.get_size() == r.size for s, r in app._overlays)
    press_key(app, pygame.K_ESCAPE)
    assert not app.config_view.shown and app._overlays == []
    assert any("F7" in p.text for p in help_layout(app.text, app.phone.model, app.shortcuts, (1280, 800), 1).pieces)


def test_the_table_follows_every_change_with_its_layer(make_app, fake_time):
    app = make_app()
    press_key(app, pygame.K_F7)
    rows = cells(app)
    assert rows[1] == ("parameter", "value", "layer (from)")
    assert ("device.auth.localAdminPassword", "456", "factory") in rows
    assert ("none: the phone keeps what it holds; Format File System leaves it in the Updater",) in rows
    before = app._overlays
    app.phone.config.menu_change("lcl.ml.lang", "Deutsch")  # what the settings page does
    wait(app, fake_time, 0.1)
    assert app._overlays is not before  # drawn again, in the next frame
    assert cells(app)[2] == ("lcl.ml.lang", "Deutsch", "local (phone menu)")


def test_every_row_fits_the_card_on_the_smallest_window(make_app):
    app = make_app(size=(900, 600))
    layout = config_layout(app.text, app.phone, app.layout.area, app.scale)
    assert layout.hidden > 0  # the factory values give way first
    pad = round(14 * app.scale)
    assert layout.card.bottom <= app.layout.area.bottom and 2 * pad + len(layout.rows) * layout.line_h <= layout.card.h
