"""The window's plain parts: shortcuts, the boot timeline, LED colours, sound, the session's clock controls."""

from __future__ import annotations

import pygame
import pytest

from simulator.core.catalog import Catalog
from simulator.core.clock import SimClock, WallClock
from simulator.ui import sound
from simulator.ui.draw_phone import led_colour
from simulator.ui.palette import LED_COLOURS
from simulator.ui.session import Session
from simulator.ui.shortcuts import APP_KEYS, Shortcuts, app_control
from simulator.ui.timeline import cursor, segments
from tests.helpers import run_until, softkey

MODELS = Catalog().ids()


@pytest.mark.parametrize("model_id", MODELS)
def test_every_key_has_its_own_shortcut_and_none_is_the_apps(catalog, model_id):
    model = catalog.load(model_id)
    shortcuts = Shortcuts(model)
    seen: dict[tuple[int, str], str] = {}
    app = set(APP_KEYS.values())
    for key in model.keys:
        assert shortcuts.by_key.get(key.id), f"{key.id} has no shortcut"
        for s in shortcuts.by_key[key.id]:
            assert (s.code, s.mods) not in app, (key.id, s.name)
            assert seen.setdefault((s.code, s.mods), key.id) == key.id, (key.id, s.name)
            assert shortcuts.phone_key(s.code, pygame.KMOD_SHIFT if s.mods == "shift" else 0, "") == key.id or (
                s.mods == "ctrl"
            )


def test_the_usual_keys_have_the_usual_shortcuts(catalog):
    shortcuts = Shortcuts(catalog.load("vvx-410"))
    assert shortcuts.phone_key(pygame.K_5, 0, "5") == "5"
    assert shortcuts.phone_key(pygame.K_KP5, 0, "5") == "5"
    assert shortcuts.phone_key(pygame.K_3, pygame.KMOD_LSHIFT, "#") == "#"
    assert shortcuts.phone_key(pygame.K_RETURN, 0, "\r") == "select"
    assert shortcuts.phone_key(pygame.K_UP, 0, "") == "up"
    assert shortcuts.phone_key(pygame.K_F4, 0, "") == "softkey_4"
    assert shortcuts.phone_key(pygame.K_F1, pygame.KMOD_SHIFT, "") == "line_1"
    assert shortcuts.phone_key(pygame.K_h, 0, "h") == "home"
    assert app_control(pygame.K_SLASH, pygame.KMOD_SHIFT, "?") == "help"
    assert app_control(pygame.K_p, 0, "p") == "power"


def test_the_timeline_follows_the_boot_and_skips_the_countdown_without_cancel(catalog):
    model = catalog.load("vvx-410")
    phone = Session.open(catalog, "vvx-410", clock_factory=SimClock).phone
    parts = segments(model, phone.software)
    assert [p.kind for p in parts] == ["stage", "starting", "countdown", "load", "load"]
    assert cursor(phone, parts) is None
    phone.power_on()
    positions = []
    while phone.phase != "running":
        phone.advance(0.5)
        positions.append(cursor(phone, parts).ms)
    assert positions == sorted(positions)
    countdown = next(p for p in parts if p.kind == "countdown")
    start = sum(p.ms for p in parts[: parts.index(countdown)])
    assert not any(start < at < start + countdown.ms for at in positions)  # never inside the countdown
    assert cursor(phone, parts).ms == sum(p.ms for p in parts)


def test_the_timeline_cursor_waits_at_the_password_prompt(catalog):
    phone = Session.open(catalog, "vvx-410", clock_factory=SimClock).phone
    parts = segments(phone.model, phone.software)
    phone.power_on()
    run_until(phone, lambda: phone.softkey_for("Cancel") is not None)
    softkey(phone, "Cancel")
    phone.advance(2)
    for key in ("1", "3", "5"):
        phone.press(key)
    phone.advance(3.5)
    assert phone.phase == "password"
    here = cursor(phone, parts)
    phone.advance(5)
    assert cursor(phone, parts) == here
    assert not here.moving


def test_a_model_without_countdown_has_no_countdown_segment(catalog):
    model = catalog.load("ccx-500")
    assert all(p.kind != "countdown" for p in segments(model, model.software.default))


def test_led_states_become_colours_on_the_phones_clock():
    assert led_colour("off", ("red",), 0) is None
    assert led_colour("on", ("green",), 0) == LED_COLOURS["green"]
    assert led_colour("red", ("green",), 0) == LED_COLOURS["red"]
    assert {led_colour("blinking", ("red",), t) for t in (0, 600)} == {LED_COLOURS["red"], None}
    assert led_colour("flashing_red", ("green",), 300) is None
    colours = {led_colour("flashing_multicolour", ("red", "amber", "green"), t) for t in range(0, 1000, 250)}
    assert colours == {LED_COLOURS[c] for c in ("red", "amber", "green")}


def test_tones_are_sine_waves_of_the_asked_length():
    samples = sound.tone_samples(1000, 100, 8000, 2)
    assert len(samples) == 800 * 2
    assert max(samples) <= 32767 * sound.SETTINGS.volume + 1
    assert samples[0] == 0  # faded in: no click at the start
    crossings = sum(1 for a, b in zip(samples[::2], samples[2::2], strict=False) if a < 0 <= b)
    assert 95 <= crossings <= 101  # 1000 Hz for 0.1 s


def test_without_an_audio_device_sound_is_silent_and_raises_nothing(monkeypatch, catalog):
    def no_device(*args: object, **kwargs: object) -> None:
        raise pygame.error("ALSA: Couldn't open audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = sound.Sounds(catalog.load("vvx-410").tones)
    assert not sounds.enabled
    sounds.play(1000, 400)


def test_clock_controls_keep_the_speed_across_a_new_phone(catalog):
    session = Session.open(catalog, "vvx-410")
    session.set_speed(4.0)
    session.toggle_pause()
    session.load("ip-650", "4.0.1")
    clock = session.phone.clock
    assert isinstance(clock, WallClock)
    assert (clock.speed, clock.paused) == (4.0, True)
    assert (session.phone.model.id, session.phone.software) == ("ip-650", "4.0.1")
    session.step_speed(-1)
    assert clock.speed == 2.0


@pytest.mark.parametrize("model_id", MODELS)
def test_jump_to_countdown_stops_at_cancel_or_the_bootrom_countdown(catalog, model_id):
    session = Session.open(catalog, model_id, clock_factory=SimClock)
    session.jump_to_countdown()
    phone = session.phone
    if not phone.model.boot.countdown:
        assert phone.phase == "off"
    else:
        assert phone.softkey_for("Cancel") is not None or phone.phase == "countdown", phone.screen
