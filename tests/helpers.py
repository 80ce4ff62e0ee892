"""Drive a Phone the way a technician would: taps, holds, softkeys, typing through multi-tap."""

from __future__ import annotations

from simulator.core.model import Model, Procedure
from simulator.core.multitap import keystrokes
from simulator.core.phone import Phone


def tap(phone: Phone, key: str, down: float = 0.1, up: float = 0.1) -> None:
    key = phone.resolve_key(key)
    phone.press(key)
    phone.advance(down)
    phone.release(key)
    phone.advance(up)


def softkey(phone: Phone, label: str) -> None:
    key = phone.softkey_for(label)
    assert key is not None, f"no softkey {label!r} on {phone.screen}"
    tap(phone, key)


def hold(phone: Phone, keys: frozenset[str] | list[str], seconds: float) -> None:
    for key in keys:
        phone.press(key)
    phone.advance(seconds)
    for key in keys:
        phone.release(key)


def run_until(phone: Phone, done, limit: float = 300.0) -> None:
    """Jump from timer to timer until `done()` holds (or fail after `limit` simulated seconds)."""
    assert phone.run_until(done, limit), f"never reached; phase {phone.phase}, {phone.screen}"


def procedure(model: Model, action: str) -> Procedure | None:
    return next((p for p in model.procedures if p.action == action), None)


def to_countdown(phone: Phone) -> None:
    """Power on, wait for the Updater's Cancel (or the BootROM countdown), press Cancel."""
    phone.power_on()
    run_until(phone, lambda: phone.phase == "countdown" or phone.softkey_for("Cancel") is not None)
    if phone.phase != "countdown":
        softkey(phone, "Cancel")
    assert phone.phase == "countdown"


def to_running(phone: Phone) -> None:
    phone.power_on()
    run_until(phone, lambda: phone.phase == "running")


def type_text(phone: Phone, text: str) -> None:
    """Type through multi-tap, as a technician would: mode key, repeated taps, waits between same-key letters."""
    te = phone.model.text_entry
    letters = {k.id: k.letters for k in phone.model.keys if k.letters}
    assert phone.input_mode == te.cycle[0]
    for step in keystrokes(text, te.cycle, letters, te.commit_ms):
        if isinstance(step, int):
            phone.advance_ms(step)
        else:
            tap(phone, step)


def to_window(phone: Phone, proc: Procedure) -> None:
    """Bring the phone to where `proc` may be started (its chained procedure done first)."""
    if proc.requires is not None:
        perform(phone, next(p for p in phone.model.procedures if p.id == proc.requires))
        if proc.stage is not None and phone.stage != proc.stage:
            run_until(phone, lambda: phone.stage == proc.stage)
        return
    if proc.at_power_on:
        phone.power_off()
        return
    if proc.phase == "countdown":
        to_countdown(phone)
    elif proc.phase == "running":
        to_running(phone)
    else:
        phone.power_on()
        run_until(phone, lambda: phone.phase == proc.phase and (proc.stage is None or phone.stage == proc.stage))


def apply_inputs(phone: Phone, proc: Procedure, *, corners: frozenset[str] | None = None) -> None:
    for key in sorted(proc.keys):
        phone.press(key)
    if proc.fingers:
        phone.touch([((i + 1) / (proc.fingers + 1), 0.5) for i in range(proc.fingers)])
    elif proc.touch:
        phone.touch(sorted(corners if corners is not None else proc.touch))
    if proc.at_power_on:
        phone.power_on()


def let_go(phone: Phone) -> None:
    for key in list(phone.held):
        phone.release(key)
    phone.lift()


def perform(phone: Phone, proc: Procedure) -> None:
    """Do `proc` as its data says: reach the window, hold long enough, let go when it signals."""
    to_window(phone, proc)
    apply_inputs(phone, proc)
    phone.advance_ms(proc.hold_ms + 200)
    let_go(phone)
