"""Random press / release / touch / wait / power sequences on every model keep the phone's invariants."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core.catalog import Catalog
from simulator.core.model import CORNERS
from simulator.core.phone import Phone
from tests.helpers import apply_inputs, run_until, to_running, to_window

CATALOG = Catalog()
MODELS = [CATALOG.load(i) for i in CATALOG.ids()]
RESETS = ("factory_reset", "device_reset", "config_reset")
PASSWORDLESS = {m.id for m in MODELS if any(p.action == "factory_reset" for p in m.procedures)}


@st.composite
def sessions(draw, models=MODELS):
    model = draw(st.sampled_from(models))
    combo_keys = sorted({k for p in model.procedures for k in p.keys})
    keys = st.sampled_from(combo_keys + ["softkey_1", "softkey_2", "softkey_4"] * 2 + list(model.key_ids))
    actions = [
        st.tuples(st.just("press"), keys),
        st.tuples(st.just("release"), keys),
        st.tuples(st.just("wait"), st.integers(0, 12_000)),
        st.tuples(st.just("power"), st.booleans()),
    ]
    if model.display.touch:
        corners = st.lists(st.sampled_from(CORNERS), min_size=1, max_size=4, unique=True)
        points = st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=5)
        actions += [st.tuples(st.just("touch"), st.one_of(corners, points)), st.tuples(st.just("lift"), st.none())]
    starts = ["off", "running"] + [p.id for p in model.procedures]
    return model, draw(st.sampled_from(starts)), draw(st.lists(st.one_of(*actions), max_size=40))


def play(phone: Phone, start: str, actions) -> None:
    """Start where a procedure's window opens (or off, or running), so random steps reach prompts."""
    if start == "running":
        to_running(phone)
    proc = next((p for p in phone.model.procedures if p.id == start), None)
    if proc is not None:
        to_window(phone, proc)
        if proc.action == "reset_prompt":  # straight to the prompt: random taps then type there
            apply_inputs(phone, proc)
            phone.advance_ms(proc.hold_ms + 200)
    for kind, arg in actions:
        if kind == "press" and arg in phone.model.key_ids:
            phone.press(arg)
        elif kind == "release" and arg in phone.model.key_ids:
            phone.release(arg)
        elif kind == "wait":
            phone.advance_ms(arg)
        elif kind == "power":
            phone.power_on() if arg else phone.power_off()
        elif kind == "touch":
            phone.touch(arg)
        elif kind == "lift":
            phone.lift()
        check_screen(phone)


def check_screen(phone: Phone) -> None:
    assert phone.screen.backlight == (phone.phase != "off")
    assert len(phone.screen.softkeys) <= phone.model.softkey_count


def power_cycle_reaches_running(phone: Phone) -> None:
    for key in list(phone.held):
        phone.release(key)
    phone.lift()
    phone.power_off()
    phone.power_on()
    run_until(phone, lambda: phone.phase == "running")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions(models=[m for m in MODELS if m.id not in PASSWORDLESS]))
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
def test_no_reset_without_an_accepted_password_or_the_documented_procedure(session):
    model, start, actions = session
    phone = Phone(model, admin_password="2")  # one tap of 2 and OK is right: resets can really happen
    play(phone, start, actions)
    allowed = False  # opened by an accepted password or a reset procedure, closed when the phone moves on
    for event in phone.events:
        if event.kind == "password_accepted":
            allowed = event.data["prompt"] in ("reset", "menu")  # never Setup
        elif event.kind == "combo" and event.data["procedure"] in _direct(model):
            allowed = True
        elif event.kind == "phase" and event.data["phase"] in ("off", "boot", "countdown", "running"):
            allowed = False
        elif event.kind in RESETS:
            assert allowed, f"{event.kind} at {event.t}s without an accepted password or a reset procedure"
    power_cycle_reaches_running(phone)


def _direct(model) -> set[str]:
    return {p.id for p in model.procedures if p.action == "factory_reset"}


def test_the_random_walk_does_reach_resets():
    """Guard the property above against passing vacuously: a short walk from the prompt resets."""
    phone = Phone(CATALOG.load("vvx-410"), admin_password="2")
    tap_2 = [("press", "2"), ("release", "2"), ("wait", 1500)]
    ok_then_yes = [("press", "softkey_1"), ("release", "softkey_1")] * 2
    play(phone, "factory_reset", [*tap_2, *ok_then_yes, ("wait", 12_000)])
    assert "factory_reset" in {e.kind for e in phone.events}
