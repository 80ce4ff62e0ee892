"""Touch, pinhole and power-sequence procedures, run from each model's own data: right, and wrong ways."""

from __future__ import annotations

import pytest

from simulator.core.catalog import Catalog
from simulator.core.model import Model, Procedure
from simulator.core.phone import Phone
from tests.helpers import apply_inputs, let_go, perform, run_until, to_window

CATALOG = Catalog()
CASES = [
    (model_id, proc.id)
    for model_id in CATALOG.ids()
    for proc in CATALOG.load(model_id).procedures
    if proc.touch
    or proc.fingers
    or proc.at_power_on
    or proc.requires
    or (proc.stage and proc.phase == "boot")
    or (proc.action == "factory_reset")
]
RESETS = ("factory_reset", "device_reset")


def case(model_id: str, proc_id: str) -> tuple[Model, Procedure]:
    model = CATALOG.load(model_id)
    return model, next(p for p in model.procedures if p.id == proc_id)


def kinds(phone: Phone) -> list[str]:
    return [e.kind for e in phone.events]


def finish(phone: Phone, proc: Procedure) -> None:
    """After a correct procedure: the reset (or the prompt) happens, and the device comes back."""
    if proc.action == "arm":
        return
    if proc.action == "reset_prompt":
        assert phone.phase == "password"
        return
    run_until(phone, lambda: any(k in RESETS for k in kinds(phone)))
    run_until(phone, lambda: phone.phase == "running")


@pytest.mark.parametrize(("model_id", "proc_id"), CASES)
def test_the_procedure_as_documented_works(model_id, proc_id):
    model, proc = case(model_id, proc_id)
    phone = Phone(model)
    to_window(phone, proc)
    apply_inputs(phone, proc)
    phone.advance_ms(proc.hold_ms + 200)
    assert "combo" in kinds(phone)
    for led, state in proc.signal_leds.items():
        members = [x.id for x in model.leds if led in (x.id, x.group)]
        assert all(phone.leds[m] == state for m in members), (led, phone.leds)
    if proc.signal_screen:
        assert phone.screen.id == proc.signal_screen
    if proc.release:
        phone.advance(5)
        assert not any(k in RESETS for k in kinds(phone)), "the reset must wait until everything is let go"
    let_go(phone)
    finish(phone, proc)


@pytest.mark.parametrize(("model_id", "proc_id"), CASES)
def test_letting_go_too_soon_does_nothing(model_id, proc_id):
    model, proc = case(model_id, proc_id)
    phone = Phone(model)
    to_window(phone, proc)
    apply_inputs(phone, proc)
    phone.advance_ms(max(100, proc.hold_ms - 500))
    let_go(phone)
    phone.advance(3)
    assert not any(e.kind == "combo" and e.data["procedure"] == proc.id for e in phone.events)
    assert not any(k in RESETS or k == "password_prompt" for k in kinds(phone))


@pytest.mark.parametrize(("model_id", "proc_id"), [c for c in CASES if len(case(*c)[1].touch) == 4])
def test_three_corners_are_not_four(model_id, proc_id):
    model, proc = case(model_id, proc_id)
    phone = Phone(model)
    to_window(phone, proc)
    apply_inputs(phone, proc, corners=frozenset(sorted(proc.touch)[:3]))
    phone.advance_ms(proc.hold_ms + 2000)
    let_go(phone)
    phone.advance(3)
    assert not any(k in RESETS for k in kinds(phone))


@pytest.mark.parametrize(
    ("model_id", "proc_id"),
    [c for c in CASES if case(*c)[1].stage and not case(*c)[1].at_power_on and not case(*c)[1].requires],
)
def test_too_early_in_the_boot_does_nothing(model_id, proc_id):
    model, proc = case(model_id, proc_id)
    stages = [s.id for s in model.boot.stages]
    if stages.index(proc.stage) == 0:
        pytest.skip("the window opens with the first boot stage")
    phone = Phone(model)
    phone.power_on()
    apply_inputs(phone, proc)  # already held when the window opens: it must be pressed inside it
    run_until(phone, lambda: phone.stage != stages[0])
    phone.advance_ms(proc.hold_ms + 1000)
    let_go(phone)
    phone.advance(2)
    assert not any(e.kind == "combo" and e.data["procedure"] == proc.id for e in phone.events)


@pytest.mark.parametrize(("model_id", "proc_id"), [c for c in CASES if case(*c)[1].at_power_on])
def test_pressed_after_power_is_connected_does_nothing(model_id, proc_id):
    model, proc = case(model_id, proc_id)
    phone = Phone(model)
    phone.power_on()
    phone.advance(0.5)
    for key in sorted(proc.keys):
        if key != "power_button":
            phone.press(key)
    phone.advance_ms(proc.hold_ms + 1000)
    let_go(phone)
    phone.advance(2)
    assert not any(k in RESETS or k == "password_prompt" for k in kinds(phone))


@pytest.mark.parametrize(("model_id", "proc_id"), [c for c in CASES if case(*c)[1].requires])
def test_the_second_step_alone_does_nothing(model_id, proc_id):
    model, proc = case(model_id, proc_id)
    first = next(p for p in model.procedures if p.id == proc.requires)
    phone = Phone(model)
    to_window(phone, first)
    apply_inputs(phone, proc)
    phone.advance_ms(proc.hold_ms + 1000)
    let_go(phone)
    phone.advance(3)
    assert not any(e.kind == "combo" and e.data["procedure"] == proc.id for e in phone.events)


def test_every_reset_procedure_resets_when_performed_from_the_data():
    """The same player drives every model: a procedure that cannot be performed is a data bug."""
    for model_id in CATALOG.ids():
        model = CATALOG.load(model_id)
        for proc in model.procedures:
            if proc.action != "factory_reset":
                continue
            phone = Phone(model)
            perform(phone, proc)
            run_until(phone, lambda p=phone: p.phase == "running")
            assert "factory_reset" in kinds(phone), (model_id, proc.id)


@pytest.mark.parametrize(
    ("model_id", "proc_id"),
    [c for c in CASES if case(*c)[1].phase == "boot" and not case(*c)[1].at_power_on and not case(*c)[1].requires],
)
def test_held_before_power_is_connected_does_nothing(model_id, proc_id):
    """Only procedures made for it start while power connects; the others must be pressed in their window."""
    model, proc = case(model_id, proc_id)
    phone = Phone(model)
    for key in sorted(proc.keys):
        phone.press(key)
    if proc.fingers:
        phone.touch([((i + 1) / (proc.fingers + 1), 0.5) for i in range(proc.fingers)])
    elif proc.touch:
        phone.touch(sorted(proc.touch))
    phone.power_on()
    phone.advance_ms(proc.hold_ms + 1000)
    let_go(phone)
    assert not any(e.kind == "combo" for e in phone.events)


@pytest.mark.parametrize(
    ("model_id", "proc_id"), [c for c in CASES if case(*c)[1].stage and not case(*c)[1].at_power_on]
)
def test_pressed_inside_its_stage_the_hold_may_run_past_its_end(model_id, proc_id):
    """The window is where the combination must be completed; the Trio C60's hold outlasts "lit"."""
    model, proc = case(model_id, proc_id)
    phone = Phone(model)
    to_window(phone, proc)
    stage = next(s for s in model.boot.stages + model.boot.load if s.id == proc.stage)
    phone.advance_ms(stage.ms - 100)
    assert phone.stage == proc.stage
    apply_inputs(phone, proc)
    phone.advance_ms(proc.hold_ms + 200)
    assert any(e.kind == "combo" and e.data["procedure"] == proc.id for e in phone.events)
