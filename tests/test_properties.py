"""Random press / release / wait / softkey sequences on every model keep the phone's invariants."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.catalog import Catalog
from simulator.core.phone import Phone
from tests.helpers import hold, procedure, run_until, to_countdown, to_running

CATALOG = Catalog()
MODELS = [CATALOG.load(i) for i in CATALOG.ids()]
RESETS = ("factory_reset", "device_reset", "config_reset")


@st.composite
def sessions(draw):
    model = draw(st.sampled_from(MODELS))
    combo_keys = sorted({k for p in model.procedures for k in p.keys})
    keys = st.sampled_from(combo_keys + ["softkey_1", "softkey_2", "softkey_4"] * 2 + list(model.key_ids))
    action = st.one_of(
        st.tuples(st.just("press"), keys),
        st.tuples(st.just("release"), keys),
        st.tuples(st.just("wait"), st.integers(0, 12_000)),
        st.tuples(st.just("power"), st.booleans()),
    )
    return model, draw(st.sampled_from(START)), draw(st.lists(action, max_size=40))


START = ("off", "countdown", "password", "running")


def play(phone: Phone, start: str, actions) -> None:
    """Bring the phone to an interesting phase first, so random steps reach prompts and menus."""
    if start in ("countdown", "password"):
        to_countdown(phone)
    if start == "password":
        proc = procedure(phone.model, "reset_prompt")
        hold(phone, sorted(proc.keys), proc.hold_ms / 1000 + 0.2)
    if start == "running":
        to_running(phone)
    for kind, arg in actions:
        if kind == "press" and arg in phone.model.key_ids:
            phone.press(arg)
        elif kind == "release" and arg in phone.model.key_ids:
            phone.release(arg)
        elif kind == "wait":
            phone.advance_ms(arg)
        elif kind == "power":
            phone.power_on() if arg else phone.power_off()
        check_screen(phone)


def check_screen(phone: Phone) -> None:
    assert phone.screen.backlight == (phone.phase != "off")
    assert len(phone.screen.softkeys) <= phone.model.softkey_count


def power_cycle_reaches_running(phone: Phone) -> None:
    for key in list(phone.held):
        phone.release(key)
    phone.power_off()
    phone.power_on()
    run_until(phone, lambda: phone.phase == "running")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_wrong_passwords_are_never_accepted_and_nothing_resets(session):
    model, start, actions = session
    # Neither this password nor a 12-character MAC can come out of random taps.
    phone = Phone(model, admin_password="not-typeable!", mac="00-04-F2-AA-81-4C")
    play(phone, start, actions)
    kinds = {e.kind for e in phone.events}
    assert "password_accepted" not in kinds
    assert not kinds & set(RESETS)
    assert phone.admin_password == "not-typeable!"
    power_cycle_reaches_running(phone)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_no_reset_without_an_accepted_password(session):
    model, start, actions = session
    phone = Phone(model, admin_password="2")  # one tap of 2 and OK is right: resets can really happen
    play(phone, start, actions)
    accepted = 0
    for event in phone.events:
        accepted += event.kind == "password_accepted"
        if event.kind in RESETS:
            assert accepted, f"{event.kind} at {event.t}s without an accepted password"
    power_cycle_reaches_running(phone)


def test_the_random_walk_does_reach_resets():
    """Guard the property above against passing vacuously: a short walk from the prompt resets."""
    model = CATALOG.load("vvx-410")
    phone = Phone(model, admin_password="2")
    play(
        phone,
        "password",
        [
            ("press", "2"),
            ("release", "2"),
            ("wait", 1500),
            ("press", "softkey_1"),
            ("release", "softkey_1"),
            ("press", "softkey_1"),
            ("release", "softkey_1"),
            ("wait", 12_000),
        ],
    )
    assert "factory_reset" in {e.kind for e in phone.events}
