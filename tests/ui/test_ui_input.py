"""Posted mouse, keyboard and finger events reach the engine as presses, releases, touches and lifts."""

from __future__ import annotations

import pygame

from simulator.core.model import CORNERS
from simulator.core.touch import CORNER_POINTS, corner_of
from tests.ui.driving import (
    centre,
    click,
    finger,
    key_down,
    key_up,
    mouse_down,
    mouse_up,
    move,
    post,
    press_key,
    to_cancel,
    wait,
)


def test_a_key_is_down_exactly_while_the_mouse_button_is_held_over_it(make_app):
    app = make_app()
    mouse_down(app, centre(app, "5"))
    assert app.phone.held.keys() == {"5"}
    assert app.renderer.drawn.pressed == {"5"}  # drawn pressed in the same frame
    move(app, app.layout.body.topleft)  # drag off
    assert app.phone.held == {}
    move(app, centre(app, "6"))  # onto another key while still held
    assert app.phone.held.keys() == {"6"}
    mouse_up(app, centre(app, "6"))
    assert app.phone.held == {}


def test_right_click_and_ctrl_click_latch_a_key_and_a_second_click_releases_it(make_app):
    app = make_app()
    click(app, centre(app, "1"), button=3)
    key_down(app, pygame.K_LCTRL)
    click(app, centre(app, "3"))
    key_up(app, pygame.K_LCTRL)
    assert app.phone.held.keys() == {"1", "3"}
    assert app.renderer.drawn.latched == {"1", "3"}
    click(app, centre(app, "1"))  # a plain click on a latched key releases it
    assert app.phone.held.keys() == {"3"}
    press_key(app, pygame.K_ESCAPE, "\x1b")
    assert app.phone.held == {}


def test_latch_two_keys_hold_the_third_with_the_mouse_and_the_password_prompt_appears(make_app, fake_time):
    app = make_app()
    to_cancel(app)
    click(app, app.layout.spot(app.phone.softkey_for("Cancel")).tab.center)  # the label on the display
    assert app.phone.phase == "countdown"
    click(app, centre(app, "1"), button=3)
    click(app, centre(app, "3"), button=3)
    mouse_down(app, centre(app, "5"))
    wait(app, fake_time, 3.5)
    assert app.phone.phase == "password"
    assert "Enter admin password" in app.phone.screen.text
    assert app.renderer.drawn.screen.mode == "123"  # the input mode shows beside the masked field


def test_keyboard_keys_held_together_form_a_chord(make_app, fake_time):
    app = make_app()
    to_cancel(app)
    press_key(app, pygame.K_F1)  # softkey 1 shows Cancel
    assert app.phone.phase == "countdown"
    for code, char in ((pygame.K_1, "1"), (pygame.K_3, "3"), (pygame.K_5, "5")):
        key_down(app, code, char)
    assert app.phone.held.keys() == {"1", "3", "5"}
    wait(app, fake_time, 3.5)
    assert app.phone.phase == "password"
    for code in (pygame.K_1, pygame.K_3, pygame.K_5):
        key_up(app, code)
    assert app.phone.held == {}


def test_star_typed_with_shift_is_released_by_its_key(make_app):
    app = make_app()
    key_down(app, pygame.K_8, "*", pygame.KMOD_LSHIFT)
    assert app.phone.held.keys() == {"*"}
    key_up(app, pygame.K_8)
    assert app.phone.held == {}


def test_losing_focus_releases_keyboard_and_mouse_but_not_latched_keys(make_app):
    app = make_app()
    click(app, centre(app, "1"), button=3)
    key_down(app, pygame.K_3, "3")
    mouse_down(app, centre(app, "5"))
    assert app.phone.held.keys() == {"1", "3", "5"}
    post(pygame.WINDOWFOCUSLOST)
    app.frame()
    assert app.phone.held.keys() == {"1"}


def test_fingers_hold_keys_by_id_and_touch_made_mouse_events_are_ignored(make_app):
    app = make_app()
    finger(app, pygame.FINGERDOWN, 1, centre(app, "1"))
    finger(app, pygame.FINGERDOWN, 2, centre(app, "3"))
    post(pygame.MOUSEBUTTONDOWN, pos=centre(app, "9"), button=1, touch=True)
    app.frame()
    assert app.phone.held.keys() == {"1", "3"}
    finger(app, pygame.FINGERMOTION, 2, centre(app, "6"))
    assert app.phone.held.keys() == {"1", "6"}
    finger(app, pygame.FINGERUP, 1, centre(app, "1"))
    assert app.phone.held.keys() == {"6"}


def test_four_corners_of_a_touch_screen_with_one_mouse(make_app, fake_time):
    """Right-click pins three corners where the markers are drawn, the mouse holds the fourth: a CCX reset."""
    app = make_app("ccx-500")
    app.act("power")
    while app.phone.stage != "logo2":
        wait(app, fake_time, 0.5)
    top_left, top_right, bottom_left, bottom_right = (app.layout.screen_pos(CORNER_POINTS[c]) for c in CORNERS)
    for pos in (top_left, top_right, bottom_left):
        click(app, pos, button=3)  # three latched fingers; no invisible softkey is in the way
    mouse_down(app, bottom_right)
    assert {corner_of(p) for p in app.phone.touches} == set(CORNERS)
    assert len(app.renderer.drawn.touches) == 4
    assert not app.phone.held
    wait(app, fake_time, 2.2)
    assert "Factory mode initiated" in app.phone.screen.text
    mouse_up(app, bottom_right)
    assert len(app.phone.touches) == 3
    click(app, top_left)  # a click on a latched finger lifts it
    assert len(app.phone.touches) == 2
    press_key(app, pygame.K_ESCAPE, "\x1b")
    assert app.phone.touches == ()
    assert app.phone.events[-1].kind == "lift"


def test_clicking_a_latched_key_releases_it_for_good(make_app):
    app = make_app()
    app.act("power")
    click(app, centre(app, "5"), button=3)
    assert "5" in app.phone.held
    mouse_down(app, centre(app, "5"))
    move(app, (centre(app, "5")[0] + 1, centre(app, "5")[1]))  # the hand shakes before the button comes up
    assert "5" not in app.phone.held
    mouse_up(app, centre(app, "5"))
    assert [e.data["key"] for e in app.phone.events if e.kind == "key_down"] == ["5"]


def test_p_powers_the_phone_and_the_power_button_in_the_panel_too(make_app):
    app = make_app()
    assert app.phone.phase == "off"
    press_key(app, pygame.K_p, "p")
    assert app.phone.phase == "boot"
    click(app, app.panel.rect_of("power").center)
    assert app.phone.phase == "off"


def test_m_mutes_the_sound(make_app):
    app = make_app(sound=True)
    assert app.sounds is not None
    press_key(app, pygame.K_m, "m")
    assert app.sounds.muted
    press_key(app, pygame.K_m, "m")
    assert not app.sounds.muted
