"""The side panel: model search and picking, software versions, clock controls, meters and the log."""

from __future__ import annotations

import json

import pygame

from simulator.ui.draw_panel import window_text
from simulator.ui.overlays import label_place
from tests.ui.driving import centre, click, key_down, press_key, to_cancel, wait


def type_text(app, text: str) -> None:
    for ch in text:
        press_key(app, pygame.key.key_code(ch) if ch != " " else pygame.K_SPACE, ch)


def test_typing_in_the_search_field_filters_the_models_and_enter_picks_one(make_app):
    app = make_app()
    app.index.load_some(len(app.index.entries))
    click(app, app.panel.rect_of("search").center)
    type_text(app, "sound point 650")  # names match ignoring spaces and case
    view = app.panel_view()
    assert [e.id for e in view.entries] == ["ip-650"]
    press_key(app, pygame.K_RETURN, "\r")
    assert app.phone.model.id == "ip-650"
    assert app.phone.phase == "off"


def test_typing_outside_the_search_field_presses_phone_keys(make_app):
    app = make_app()
    key_down(app, pygame.K_h, "h")
    assert app.phone.held.keys() == {"home"}
    assert app.query == ""


def test_clicking_a_model_and_a_software_version_makes_a_new_phone(make_app):
    app = make_app()
    app.index.load_some(len(app.index.entries))
    app.frame()
    old = app.phone
    click(app, app.panel.rect_of("software:4.1.8").center)
    assert app.phone is not old and app.phone.software == "4.1.8"
    row = app.panel.rect_of("model:vvx-411")
    click(app, row.center)
    assert app.phone.model.id == "vvx-411"
    assert app.layout.model.id == "vvx-411"  # drawn from its own layout data


def test_speed_pause_and_jump_buttons(make_app, fake_time):
    app = make_app()
    click(app, app.panel.rect_of("speed:4.0").center)
    assert app.phone.clock.speed == 4.0
    click(app, app.panel.rect_of("jump").center)
    assert app.phone.softkey_for("Cancel") is not None
    click(app, app.panel.rect_of("pause").center)
    before = app.phone.now_ms
    wait(app, fake_time, 5)
    assert app.phone.now_ms == before
    press_key(app, pygame.K_SPACE, " ")
    wait(app, fake_time, 1)
    assert app.phone.now_ms == before + 4000


def test_hold_meter_shows_the_keys_down_and_the_seconds_held(make_app, fake_time):
    app = make_app()
    to_cancel(app)
    press_key(app, pygame.K_F1)
    for code, ch in ((pygame.K_1, "1"), (pygame.K_3, "3"), (pygame.K_5, "5")):
        key_down(app, code, ch)
    wait(app, fake_time, 1.25)
    reset = next(c for c in app.panel_view().combos if c.procedure.id == "factory_reset")
    assert reset.down == {"1", "3", "5"} and reset.window_open
    assert reset.held_ms == 1250


def test_the_event_log_lists_newest_first_and_the_back_label_shows_the_mac(make_app):
    app = make_app()
    click(app, centre(app, "7"), button=3)
    assert app.phone.events[-1].kind == "key_down"
    press_key(app, pygame.K_TAB, "\t")
    assert app.sticker
    assert app.phone.mac.upper() == "0004F2AA814C"
    presses = sum(e.kind == "key_down" for e in app.phone.events)
    click(app, centre(app, "2"))  # the label covers no key: a click on one presses it, the label stays
    assert app.sticker and sum(e.kind == "key_down" for e in app.phone.events) == presses + 1
    click(app, label_place(app.panel.rect, app.scale).center)  # a click on the label closes it
    assert not app.sticker


def test_the_state_file_follows_the_phone(make_app, tmp_path):
    state = tmp_path / "state.json"
    app = make_app(state_file=str(state))
    press_key(app, pygame.K_p, "p")
    assert json.loads(state.read_text())["phase"] == "boot"


def test_clicking_the_model_or_software_in_hand_keeps_the_exercise(make_app):
    app = make_app()
    app.index.load_some(len(app.index.entries))
    press_key(app, pygame.K_p, "p")
    click(app, centre(app, "5"), button=3)
    phone = app.phone
    click(app, app.panel.rect_of("model:vvx-410").center)
    click(app, app.panel.rect_of(f"software:{phone.software}").center)
    assert app.phone is phone and phone.phase == "boot" and "5" in app.input.latched


def test_the_state_file_is_there_from_the_start_and_follows_the_window(make_app, tmp_path):
    state = tmp_path / "state.json"
    app = make_app(state_file=str(state))
    assert json.loads(state.read_text())["phase"] == "off"
    app.act("model:ccx-500")
    app.frame()
    assert json.loads(state.read_text())["model"] == "ccx-500"
    app.act("view")
    app.frame()
    assert json.loads(state.read_text())["view"] == "back"


def test_ctrl_q_quits_from_the_search_field(make_app):
    app = make_app()
    press_key(app, pygame.K_SLASH, "/")
    assert app.searching
    key_down(app, pygame.K_q, "q", pygame.KMOD_LCTRL)
    assert not app.running


def test_a_combination_held_since_before_its_window_says_press_again(make_app, fake_time):
    app = make_app()
    press_key(app, pygame.K_p, "p")
    while app.phone.softkey_for("Cancel") is None:
        wait(app, fake_time, 0.5)
    for code, char in ((pygame.K_1, "1"), (pygame.K_3, "3"), (pygame.K_5, "5")):
        key_down(app, code, char)
    click(app, centre(app, "softkey_1"))
    wait(app, fake_time, 1)
    meter = next(c for c in app.panel_view().combos if c.procedure.id == "factory_reset")
    assert meter.window_open and meter.down == {"1", "3", "5"} and not meter.counting
    assert "let go and press again" in window_text(meter, app.phone)[0]


def test_enter_takes_the_first_model_in_view_and_clears_the_search(make_app):
    app = make_app()
    app.index.load_some(len(app.index.entries))
    press_key(app, pygame.K_SLASH, "/")
    type_text(app, "vvx")
    press_key(app, pygame.K_DOWN)
    press_key(app, pygame.K_DOWN)
    top = app.panel_view().entries[app.list_top]
    press_key(app, pygame.K_RETURN, "\r")
    assert app.phone.model.id == top.id != "vvx-150"
    assert app.query == "" and len(app.panel_view().entries) == len(app.index.entries)
