"""The engine's face: a typed, frozen event log with a cursor, one snapshot, run_until, clear errors."""

from __future__ import annotations

import dataclasses
import math

import pytest

from simulator.core import Catalog, Phone, Snapshot
from simulator.core.events import ComboAborted, ComboHeld, KeyDown
from tests.helpers import hold, run_until, softkey, to_countdown

CATALOG = Catalog()


def vvx() -> Phone:
    return Phone(CATALOG.load("vvx-410"))


def test_events_are_frozen_and_typed():
    phone = vvx()
    phone.power_on()
    phone.press("1")
    event = phone.events[-1]
    assert isinstance(event, KeyDown) and event.key == "1" and event.kind == "key_down"
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.key = "2"  # type: ignore[misc]
    assert event.to_dict() == {"t": 0.0, "kind": "key_down", "key": "1", "label": None}


def test_a_cursor_gives_what_came_after_it_and_subscribers_hear_every_event():
    phone = vvx()
    heard: list[str] = []
    stop = phone.events.subscribe(lambda e: heard.append(e.kind))
    phone.power_on()
    mark = phone.events.cursor
    phone.press("5")
    assert [e.kind for e in phone.events.since(mark)] == ["key_down"]
    stop()
    phone.release("5")
    assert heard[0] == "power_on" and heard[-1] == "key_down"
    assert phone.events[-1].kind == "key_up"


def test_letting_go_early_is_logged_with_the_time_held_and_needed():
    phone = vvx()
    to_countdown(phone)
    hold(phone, ["1", "3", "5"], 2.2)
    aborted = phone.events.last("combo_aborted")
    assert isinstance(aborted, ComboAborted)
    assert (aborted.procedure, aborted.reason) == ("factory_reset", "released")
    assert aborted.needed - aborted.held == pytest.approx(0.8)
    assert phone.phase == "countdown"


def test_a_combination_held_before_its_window_is_logged_as_outside_it():
    phone = vvx()
    phone.power_on()
    hold(phone, ["1", "3", "5"], 4)  # before Cancel: the countdown has not begun
    held = phone.events.last("combo_held")
    assert isinstance(held, ComboHeld) and held.window_open is False and held.procedure == "factory_reset"
    assert phone.events.last("combo") is None


def test_a_hold_cut_off_by_the_end_of_its_window_says_so():
    phone = vvx()
    to_countdown(phone)
    phone.advance(8.5)  # 1.5 s of the countdown left
    for key in ("1", "3", "5"):
        phone.press(key)
    phone.advance(2)
    aborted = phone.events.last("combo_aborted")
    assert isinstance(aborted, ComboAborted) and aborted.reason == "window_closed"
    assert phone.phase == "boot"


def test_boot_stages_and_leds_are_logged():
    phone = Phone(CATALOG.load("trio-8800"))
    phone.power_on()
    run_until(phone, lambda: phone.stage == "logo")
    assert phone.events.last("stage").stage == "logo"  # type: ignore[union-attr]
    phone.touch(["top_left", "top_right", "bottom_left", "bottom_right"])
    phone.advance(3.2)
    combo = phone.events.last("combo")
    assert combo.touch == ("bottom_left", "bottom_right", "top_left", "top_right")  # type: ignore[union-attr]
    assert combo.keys == ()  # type: ignore[union-attr]
    flashing = [e for e in phone.events if e.kind == "led"]
    assert flashing and all(e.state == "flashing" for e in flashing)  # type: ignore[attr-defined]


def test_the_snapshot_is_one_frozen_view_of_the_state():
    phone = Phone(CATALOG.load("vvx-410"), admin_password="8675309", config={"local": {"lcl.ml.lang": "Deutsch"}})
    to_countdown(phone)
    phone.press("1")
    snap = phone.snapshot()
    assert isinstance(snap, Snapshot)
    assert (snap.phase, snap.state, snap.held) == ("countdown", "countdown", ("1",))
    assert "Seconds to Autoload" in snap.screen.text and "Setup" in snap.softkeys
    assert ("lcl.ml.lang", "Deutsch", "local") in snap.config
    assert snap.setting("device.auth.localAdminPassword") == "8675309"
    assert snap.admin_password == "8675309"
    with pytest.raises(dataclasses.FrozenInstanceError):
        snap.phase = "off"  # type: ignore[misc]
    assert snap.to_dict()["held"] == ["1"]


def test_run_until_says_whether_it_got_there():
    phone = vvx()
    phone.power_on()
    assert phone.run_until(lambda: phone.softkey_for("Cancel") is not None, 60)
    at = phone.now_ms
    assert not phone.run_until(lambda: phone.phase == "menu", 5)
    assert phone.now_ms == at + 5000


@pytest.mark.parametrize("seconds", [math.inf, -math.inf, math.nan, -1, "3"])
def test_a_wait_that_is_not_a_finite_time_is_a_value_error(seconds):
    with pytest.raises(ValueError):
        vvx().advance(seconds)  # type: ignore[arg-type]


@pytest.mark.parametrize("ms", [1.5, -1, 10**12, True])
def test_milliseconds_are_whole_and_bounded(ms):
    phone = vvx()
    with pytest.raises(ValueError):
        phone.advance_ms(ms)  # type: ignore[arg-type]
    assert isinstance(phone.now_ms, int) and phone.now_ms == 0


def test_the_password_events_say_what_was_typed():
    to_countdown(reset := vvx())
    hold(reset, ["1", "3", "5"], 3.5)
    for key in "457":
        reset.press(key)
        reset.release(key)
    softkey(reset, "OK")
    assert reset.events.last("password_rejected").entered == "457"  # type: ignore[union-attr]
