"""F6: the configuration card (parameter, effective value, layer) and the server's files, kept live."""

from __future__ import annotations

import pygame
import pytest

from simulator.ui.config_view import config_layout
from simulator.ui.help_card import help_layout
from tests.ui.driving import click, press_key, wait


def cells(app) -> list[tuple[str, ...]]:
    layout = config_layout(app.text, app.phone, app.layout.area, app.scale)
    return [tuple(text for text, _ in row.cells) for row in layout.rows]


def test_f6_opens_the_card_and_esc_closes_it(make_app):
    app = make_app()
    press_key(app, pygame.K_F6)
    assert app.config_view.shown and any(s.get_size() == r.size for s, r in app._overlays)
    press_key(app, pygame.K_ESCAPE)
    assert not app.config_view.shown and app._overlays == []
    assert any("F6" in p.text for p in help_layout(app.text, app.phone.model, app.shortcuts, (1280, 800), 1).pieces)


def test_the_panels_config_button_opens_and_closes_the_card(make_app):
    app = make_app()
    app.frame()
    (button,) = [rect for rect, action in app.panel._targets["header"] if action == "config"]
    click(app, button.center)
    assert app.config_view.shown and any(s.get_size() == r.size for s, r in app._overlays)
    app.frame()
    click(app, button.center)
    assert not app.config_view.shown and app._overlays == []


def test_the_table_follows_every_change_with_its_layer(make_app, fake_time):
    app = make_app()
    press_key(app, pygame.K_F6)
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


@pytest.mark.parametrize("model", ["trio-8800", "ccx-600", "vvx-500", "trio-c60"])
def test_a_finger_on_a_drawn_menu_item_chooses_that_item(make_app, model):
    """The engine's rows (core/touch_menu.py) are where the window draws the menu: the centre of each row
    the window draws, touched with the mouse, moves the cursor to that item."""
    app = make_app(model)
    phone = app.phone
    phone.power_on()
    assert phone.run_until(lambda: phone.phase == "running", 120)
    app.frame()
    opener = "home" if model.startswith("vvx") else "softkey_1"  # Home, or the Settings softkey
    phone.press(opener)
    phone.release(opener)
    app.frame()
    assert phone.phase == "menu"
    area = app.layout.text_area

    def touch_row(row: int) -> None:
        rows = max(phone.model.display.text_lines, len(phone.screen.lines))
        row_h = area.h // rows
        pos = (area.centerx, area.y + row * row_h + row_h // 2)
        assert app.layout.key_at(pos) is None
        app.input.pointer_down(("mouse",), pos)
        app.input.pointer_up(("mouse",))
        app.frame()

    # Settings (row 1 under the title), Basic (2), Preferences (1), Backlight Intensity (2), Off (4)
    for row, title in ((1, "Settings"), (2, "Basic"), (1, "Preferences"), (2, "Backlight Intensity")):
        touch_row(row)
        assert phone.menu.title == title, phone.screen.lines
    touch_row(4)
    assert phone.screen.lines == ("Backlight: Off",)
    assert phone.config.effective("up.backlight.onIntensity") == ("0", "local")


def test_the_drawn_keypad_types_the_digit_under_the_finger(make_app):
    app = make_app("trio-8800")
    phone = app.phone
    phone.power_on()
    assert phone.run_until(lambda: phone.phase == "running", 120)
    phone.press("softkey_1")  # the Settings softkey, then Settings > Advanced by touch
    phone.release("softkey_1")
    for label in ("Settings", "Advanced"):
        phone.touch([phone.touch_point_for(label)])
        phone.lift()
    app.frame()
    assert phone.state == "menu_password"
    area = app.layout.text_area
    rows = max(phone.model.display.text_lines, len(phone.screen.lines))
    row_h = area.h // rows
    row = phone.screen.lines.index("4 5 6")
    for column in range(3):  # where the window draws 4, 5 and 6
        pos = (area.x + round(area.w * (column + 0.5) / 3), area.y + row * row_h + row_h // 2)
        app.input.pointer_down(("mouse",), pos)
        app.input.pointer_up(("mouse",))
    phone.press("softkey_1")  # OK
    phone.release("softkey_1")
    assert phone.state == "menu_browse" and phone.events.last("password_accepted").entered == "456"
