"""The window as a trainee meets it: the MAC label beside the keys, a readable panel down to the smallest
window, a timeline that follows the phone, events coloured by meaning, F9 that never power-cycles on its
own, and a clock that stands still while the phone has no power."""

from __future__ import annotations

import pygame
import pytest

from simulator.core.clock import SimClock, WallClock
from simulator.core.phone import Phone
from simulator.ui.assets import THEME
from simulator.ui.geometry import layout_phone, split_window, ui_scale
from simulator.ui.overlays import label_place
from simulator.ui.palette import event_colour
from simulator.ui.session import Session
from simulator.ui.text import Text
from simulator.ui.timeline import cursor, label, segments
from tests.helpers import hold, run_until, softkey, to_countdown, type_text
from tests.ui.driving import centre, click, post, press_key, to_cancel, wait

MIN = THEME.sizes.min_window
SIZES = [(1280, 800), MIN]


# -- the MAC label ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_mac_label_covers_no_key_and_not_the_display_of_any_model(catalog, size):
    text, scale = Text(), ui_scale(size)
    area, panel = split_window(size)
    place = label_place(panel, scale)
    assert pygame.Rect((0, 0), size).contains(place) and panel.contains(place)
    for model_id in catalog.ids():
        layout = layout_phone(catalog.load(model_id), area, text, scale)
        assert not place.colliderect(layout.display), model_id
        assert place.collidelist([spot.extent for spot in layout.keys]) < 0, model_id


def test_the_mac_can_be_read_while_it_is_typed(make_app):
    app = make_app()
    to_cancel(app)
    press_key(app, pygame.K_TAB, "\t")
    for key in ("1", "2", "3"):  # the keys the label used to cover
        click(app, centre(app, key))
    assert app.sticker
    assert [e.data["key"] for e in app.phone.events if e.kind == "key_down"][-3:] == ["1", "2", "3"]


# -- size ---------------------------------------------------------------------------------------------------
def test_a_window_made_smaller_than_the_minimum_snaps_back(make_app):
    app = make_app()
    pygame.display.set_mode((640, 480), pygame.RESIZABLE)
    post(pygame.VIDEORESIZE, size=(640, 480), w=640, h=480)
    app.frame()
    assert app.window.get_size() == MIN and app.scene.get_size() == MIN
    pygame.display.set_mode((1000, 500), pygame.RESIZABLE)
    post(pygame.VIDEORESIZE, size=(1000, 500), w=1000, h=500)
    app.frame()
    assert app.window.get_size() == (1000, MIN[1])  # the width it was given, the height it needs


def test_the_panel_at_the_smallest_window_keeps_readable_text_and_rows_that_hold_it(make_app):
    app = make_app(size=MIN)
    panel = app.panel
    assert panel.px >= THEME.sizes.min_text and panel.small >= THEME.sizes.min_small_text
    assert panel.row >= panel.text_h + 6  # buttons and fields hold their text
    assert panel._combo_h >= panel.text_h + 1 + panel.chip_h  # a meter's name above its chips, not over them
    assert panel.chip_h >= panel.small_h
    long_label = "resetting 10.0 s · stopped at 15.2 s"
    title_w = app.text.size("BOOT TIMELINE", panel.small, "bold")[0]
    assert title_w + app.text.size(long_label, panel.small, "sans")[0] < panel.rect.w - 2 * panel.pad


# -- the boot timeline ----------------------------------------------------------------------------------------
def test_the_timeline_label_follows_the_phone_through_the_reset_and_the_reboot(catalog):
    model = catalog.load("vvx-410")
    phone = Phone(model, SimClock())
    parts = segments(model, phone.software)
    to_countdown(phone)
    hold(phone, ["1", "3", "5"], 3.5)
    type_text(phone, "456")
    softkey(phone, "OK")
    softkey(phone, "Yes")
    assert phone.phase == "resetting"
    seen = {label(phone, cursor(phone, parts))}
    for _ in range(40):
        phone.advance(0.5)
        seen.add(label(phone, cursor(phone, parts)))
    resetting = sorted(s for s in seen if s.startswith("resetting "))
    rebooting = sorted(s for s in seen if s.startswith("rebooting "))
    assert len(resetting) > 3 and len(rebooting) > 1  # counting, not frozen
    assert all(s.endswith("· stopped at 15.2 s") for s in resetting + rebooting)
    assert float(rebooting[0].split()[1]) < 0.5  # its own time, counted from the reboot on
    run_until(phone, lambda: phone.phase == "running")
    assert label(phone, cursor(phone, parts)) == "running · boot done"
    assert label(Phone(model, SimClock()), None) == "off"


# -- the event log --------------------------------------------------------------------------------------------
def test_events_are_coloured_by_what_they_mean():
    error, success = THEME.events["error"], THEME.events["success"]
    assert event_colour("password_rejected") == error
    for kind in ("factory_reset", "device_reset", "config_reset", "password_accepted", "application_started"):
        assert event_colour(kind) == success, kind
    for kind in ("power_off", "reboot", "key_down", "phase", "screen", "combo"):
        assert event_colour(kind) != error, kind


# -- F9 -----------------------------------------------------------------------------------------------------
def test_f9_on_a_running_phone_says_to_power_cycle_first_and_changes_nothing(make_app, fake_time):
    app = make_app()
    app.act("power")
    wait(app, fake_time, 120)
    assert app.phone.phase == "running"
    events, now = len(app.phone.events), app.phone.now_ms
    press_key(app, pygame.K_F9)
    assert app.phone.phase == "running" and len(app.phone.events) == events and app.phone.now_ms == now
    assert "power-cycle first" in app.message
    assert app._hint is not None and app._hint[3] == app.message  # shown in the hint line
    press_key(app, pygame.K_p)  # the next action clears it
    assert app.message == ""


def test_f9_past_the_cancel_step_says_to_power_cycle_and_f9_when_off_jumps(make_app, fake_time):
    app = make_app()
    press_key(app, pygame.K_F9)
    assert app.phone.softkey_for("Cancel") is not None and app.message == ""
    wait(app, fake_time, 9)  # Cancel not pressed: the boot goes on to load the application
    assert app.phone.phase == "boot" and app.phone.softkey_for("Cancel") is None
    now = app.phone.now_ms
    press_key(app, pygame.K_F9)
    assert "past its Cancel step" in app.message and app.phone.now_ms == now


# -- the clock and the power ----------------------------------------------------------------------------------
def test_time_stands_still_while_the_phone_is_off(make_app, fake_time):
    app = make_app()
    wait(app, fake_time, 60)
    assert app.phone.now_ms == 0
    press_key(app, pygame.K_p)
    assert next(e.t_ms for e in app.phone.events if e.kind == "power_on") == 0
    wait(app, fake_time, 2)
    assert app.phone.now_ms == 2000
    click(app, app.panel.rect_of("power").center)  # the panel's button: off
    off_at = app.phone.now_ms
    wait(app, fake_time, 30)
    assert app.phone.now_ms == off_at
    click(app, app.panel.rect_of("power").center)
    power_ons = [e.t_ms for e in app.phone.events if e.kind == "power_on"]
    assert power_ons[-1] == off_at
    wait(app, fake_time, 1)
    assert app.phone.now_ms == off_at + 1000


def test_time_resumes_when_a_power_key_connects_the_power(make_app, fake_time):
    app = make_app("trio-visualpro")
    wait(app, fake_time, 45)
    click(app, centre(app, "power_button"))
    assert app.phone.phase == "boot"
    assert next(e.t_ms for e in app.phone.events if e.kind == "power_on") == 0
    wait(app, fake_time, 1.5)
    assert app.phone.now_ms == 1500


def test_a_paused_clock_stays_paused_when_the_power_comes_on(make_app, fake_time):
    app = make_app()
    press_key(app, pygame.K_SPACE, " ")
    press_key(app, pygame.K_p)
    wait(app, fake_time, 5)
    assert app.phone.phase == "boot" and app.phone.now_ms == 0
    press_key(app, pygame.K_SPACE, " ")
    wait(app, fake_time, 1)
    assert app.phone.now_ms == 1000


def test_a_phone_starts_at_zero_however_long_the_window_waited(catalog, fake_time):
    session = Session.open(catalog, "vvx-410", clock_factory=lambda: WallClock(source=fake_time))
    fake_time.now += 300
    session.tick()
    session.toggle_power()
    assert session.phone.events[0].t_ms == 0


def test_f9_during_a_reboot_skips_on_to_the_cancel_screen(catalog):
    phone = Phone(catalog.load("vvx-410"), SimClock())
    phone.power_on()
    run_until(phone, lambda: phone.phase == "running")
    hold(phone, ["0", "1", "3"], 3.5)  # the reboot combination
    run_until(phone, lambda: phone.phase == "rebooting")
    assert Session(catalog, phone).jump_to_countdown() is None
    assert phone.softkey_for("Cancel") is not None


def test_the_window_opens_no_larger_than_a_laptop_screen_and_no_smaller_than_the_minimum(monkeypatch):
    from simulator.ui import window_run as app

    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1366, 768)])
    assert app.fit_desktop((1280, 800)) == (1280, 678)
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(800, 600)])
    assert app.fit_desktop((1280, 800)) == MIN
