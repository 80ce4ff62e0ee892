"""The back view: F8 (or the panel's button) turns the phone around to its label and its pinholes."""

from __future__ import annotations

import pygame
import pytest

from simulator.core.catalog import Catalog
from simulator.ui.geometry import layout_phone, split_window, ui_scale
from simulator.ui.overlays import CARD
from simulator.ui.palette import DISPLAYS
from simulator.ui.text import Text
from tests.ui.driving import centre, click, finger, key_down, mouse_down, mouse_up, post, press_key, wait
from tests.ui.test_ui_render import SIZES, close

BACK_KEYS = {"trio-visualpro": "restore_pin", "vvx-d60": "reset_pin", "vvx-d230": "reset_pin"}


def turn(app) -> None:
    press_key(app, pygame.K_F8)


def test_b_and_the_panel_button_turn_the_phone_around(make_app):
    app = make_app("trio-visualpro")
    assert not app.back and app.layout.side == "face"
    turn(app)
    assert app.back and app.layout.side == "back"
    assert app.panel_view().back and app.state()["view"] == "back"
    assert app.phone.held == {}  # F8 is the app's, not a phone key
    click(app, app.panel.rect_of("view").center)
    assert not app.back and app.layout.side == "face"


def test_picking_another_model_shows_it_from_the_front(make_app):
    app = make_app("trio-visualpro")
    turn(app)
    app.act("model:vvx-d60")
    app.frame()
    assert app.phone.model.id == "vvx-d60"
    assert not app.back and app.layout.side == "face"


def test_a_back_key_is_hit_only_from_behind_and_a_face_key_only_from_the_front(make_app):
    app = make_app("trio-visualpro")
    power = centre(app, "power_button")
    assert all(spot.key.side == "face" for spot in app.layout.keys)
    turn(app)
    pin = centre(app, "restore_pin")
    assert [spot.key.id for spot in app.layout.keys] == ["restore_pin"]
    assert app.layout.key_at(pin) == "restore_pin"
    assert app.layout.key_at(power) is None
    mouse_down(app, power)  # the power button is on the other side
    assert app.phone.held == {}
    mouse_up(app, power)
    mouse_down(app, pin)
    assert app.phone.held.keys() == {"restore_pin"}
    assert app.renderer.drawn.pressed == {"restore_pin"}
    mouse_up(app, pin)
    finger(app, pygame.FINGERDOWN, 1, pin)  # a finger works from behind too
    assert app.phone.held.keys() == {"restore_pin"}
    finger(app, pygame.FINGERUP, 1, pin)
    turn(app)
    assert app.layout.key_at(pin) != "restore_pin"
    click(app, pin)
    assert app.phone.held == {}


def test_keyboard_shortcuts_reach_keys_on_either_side(make_app):
    app = make_app("trio-visualpro")
    pin = app.shortcuts.by_key["restore_pin"][0]
    power = app.shortcuts.by_key["power_button"][0]
    key_down(app, pin.code, pin.name.lower())  # the pinhole, from the front
    assert app.phone.held.keys() == {"restore_pin"}
    turn(app)
    key_down(app, power.code, power.name.lower())  # the power button, from behind
    assert app.phone.held.keys() == {"restore_pin", "power_button"}


def test_b_stays_the_phones_own_back_key(make_app):
    app = make_app("vvx-410")
    assert app.shortcuts.names("back") == "B"
    key_down(app, pygame.K_b, "b")
    assert app.phone.held.keys() == {"back"}
    assert not app.back


def test_hovering_a_pinhole_shows_its_tooltip(make_app):
    app = make_app("vvx-d60")
    turn(app)
    post(pygame.MOUSEMOTION, pos=centre(app, "reset_pin"), rel=(0, 0), buttons=(0, 0, 0))
    app.frame()
    assert app.hover_key() == "reset_pin"
    assert len(app._overlays) == 1  # the tooltip


def test_latch_the_restore_pinhole_from_behind_turn_round_press_power_and_let_go(make_app, fake_time):
    """The VisualPro's FAQ restore, with one mouse: the latch holds the pinhole while the phone turns."""
    app = make_app("trio-visualpro")
    turn(app)
    click(app, centre(app, "restore_pin"), button=3)
    assert app.input.latched == {"restore_pin"}
    assert app.renderer.drawn.latched == {"restore_pin"}
    turn(app)
    assert app.phone.held.keys() == {"restore_pin"}  # still held, though not drawn from the front
    click(app, centre(app, "power_button"))
    assert app.phone.phase == "boot"
    wait(app, fake_time, 10.5)
    assert not any(e.kind == "factory_reset" for e in app.phone.events)  # the restore starts on release
    turn(app)
    click(app, centre(app, "restore_pin"))  # a click on a latched key releases it
    assert app.phone.held == {}
    assert app.phone.phase == "resetting"  # "Restoring" for 10 s, then the reset is done
    wait(app, fake_time, 10.5)
    assert [e.kind for e in app.phone.events].count("factory_reset") == 1


def test_the_back_view_draws_the_pinhole_and_the_label_not_the_display(make_app):
    app = make_app("trio-visualpro")
    front = app.renderer.drawn
    assert "restore_pin" not in front.labels and "on the back" in (front.caption or "")
    turn(app)
    drawn, lay = app.renderer.drawn, app.layout
    assert drawn.side == "back" and drawn.labels == {"restore_pin": "Restore"}
    assert drawn.sticker == app.phone.mac.upper() and drawn.screen is None
    assert lay.body.contains(lay.sticker) and not lay.sticker.colliderect(lay.spot("restore_pin").extent)
    assert close(app.window.get_at((lay.sticker.centerx, lay.sticker.y + 4)), CARD)
    assert sum(app.window.get_at(lay.spot("restore_pin").rect.center)[:3]) < 60  # the hole is dark


def test_the_back_of_a_phone_with_a_display_shows_no_display(make_app):
    app = make_app("vvx-410")
    app.act("power")
    app.frame()
    display = app.layout.display
    assert app.renderer.drawn.caption is None  # nothing on its back but the label: no caption in front
    turn(app)
    lit = DISPLAYS[app.phone.model.display.kind]
    assert not close(app.window.get_at((display.centerx, display.y + 1)), lit.top)
    assert app.renderer.drawn.screen is None and app.renderer.drawn.labels == {}
    assert app.layout.key_at(display.center) is None and app.layout.leds == {}
    turn(app)
    assert app.renderer.drawn.screen is not None


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("model_id", Catalog().ids())
def test_every_back_fits_its_label_and_keys(catalog, model_id, size):
    text, model = Text(), catalog.load(model_id)
    area, _ = split_window(size)
    scale = ui_scale(size)
    front, back = (layout_phone(model, area, text, scale, side) for side in ("face", "back"))
    assert back.body == front.body  # turning round never moves the phone
    assert back.body.contains(back.sticker)
    expected = {BACK_KEYS[model_id]} if model_id in BACK_KEYS else set()
    assert {s.key.id for s in back.keys} == expected
    assert not expected & {s.key.id for s in front.keys}
    for spot in back.keys:
        assert back.body.contains(spot.rect) and area.contains(spot.extent)
        assert back.key_at(spot.rect.center) == spot.key.id
        assert not back.sticker.colliderect(spot.rect.unionall(list(spot.hit_rects)))
    if back.caption is not None:
        assert back.caption.top >= back.body.bottom and back.caption.bottom <= back.hint.top
