"""One behavioural suite, run against every model file: what a technician would see and cause."""

from __future__ import annotations

import pytest

from simulator.core.catalog import Catalog
from simulator.core.model import Model, parse_version
from simulator.core.phone import Phone
from tests.helpers import hold, procedure, run_until, softkey, tap, to_countdown, to_running, type_text

CATALOG = Catalog()
#: Keypad phones reset through a combination in the countdown; touch and power-sequence devices have
#: their own suite (test_touch_and_power_devices.py).
MODEL_IDS = [
    i
    for i in CATALOG.ids()
    if any(p.action == "reset_prompt" and p.phase == "countdown" for p in CATALOG.load(i).procedures)
]
MAC = "0004f2aa814c"


@pytest.fixture(params=MODEL_IDS)
def model(request, catalog) -> Model:
    return catalog.load(request.param)


def reset_keys(model: Model) -> frozenset[str]:
    proc = procedure(model, "reset_prompt")
    assert proc is not None, f"{model.id} has no factory-reset combination"
    return proc.keys


def hold_reset(phone: Phone, extra: float = 0.5) -> None:
    proc = procedure(phone.model, "reset_prompt")
    hold(phone, sorted(proc.keys), proc.hold_ms / 1000 + extra)


def versions(model: Model, below: str) -> str | None:
    """A software version the model runs that is older than `below`, if the model allows one."""
    minimum = parse_version(model.software.minimum) if model.software.minimum else (0, 0, 0, 0)
    candidate = {"3.3.0": "3.2.0", "4.0.0": "3.3.1"}[below]
    return candidate if parse_version(candidate) >= minimum else None


def test_power_on_boots_to_the_idle_screen(model):
    phone = Phone(model)
    assert phone.phase == "off" and not phone.screen.backlight
    to_running(phone)
    assert phone.screen.id == "idle"
    assert model.name in phone.screen.text
    assert [e.kind for e in phone.events].count("application_started") == 1


def test_updater_offers_cancel_which_opens_the_countdown(model):
    phone = Phone(model)
    phone.power_on()
    run_until(phone, lambda: phone.softkey_for("Cancel") is not None)
    assert phone.phase == "boot"
    softkey(phone, "Cancel")
    assert phone.phase == "countdown"
    assert "Seconds to Autoload" in phone.screen.text
    assert phone.softkey_for("Setup") is not None
    assert any(e.kind == "countdown_started" for e in phone.events)


def test_countdown_ticks_down_then_boots_the_application(model):
    phone = Phone(model)
    to_countdown(phone)
    seconds = model.boot.countdown_s
    assert str(seconds) in phone.screen.text
    phone.advance(1)
    assert str(seconds - 1) in phone.screen.text
    run_until(phone, lambda: phone.phase == "boot")
    loading = phone.now
    # First the phone looks for its provisioning server (none here), then it loads the application.
    assert " ".join(phone.screen.lines) == "Waiting for network to initialize"
    run_until(phone, lambda: phone.stage == model.boot.load[0].id)
    assert phone.screen.id == model.boot.load[0].screen
    run_until(phone, lambda: phone.phase == "running")
    assert phone.now - loading == pytest.approx(sum(s.ms for s in model.boot.load) / 1000)
    kinds = [e.kind for e in phone.events]
    assert "password_prompt" not in kinds and "factory_reset" not in kinds


def test_combination_held_in_the_countdown_opens_the_password_prompt(model):
    phone = Phone(model)
    to_countdown(phone)
    hold_reset(phone)
    assert phone.phase == "password"
    assert any(e.kind == "password_prompt" for e in phone.events)
    shown = [s for s in phone.screen.softkeys if s]
    assert "OK" in shown and "Cancel" in shown
    assert model.text_entry.labels[model.text_entry.cycle[0]] in shown or model.text_entry.mode_key


def test_too_short_a_hold_does_nothing(model):
    phone = Phone(model)
    to_countdown(phone)
    proc = procedure(model, "reset_prompt")
    hold(phone, sorted(proc.keys), proc.hold_ms / 1000 - 0.5)
    assert phone.phase == "countdown"


@pytest.mark.parametrize("change", ["extra", "missing"])
def test_a_wrong_key_set_does_nothing(model, change):
    keys = set(reset_keys(model))
    if change == "extra":
        keys.add(next(k for k in "0123456789" if k not in keys and k in model.key_ids))
    else:
        keys.discard(sorted(keys)[0])
    phone = Phone(model)
    to_countdown(phone)
    hold(phone, sorted(keys), procedure(model, "reset_prompt").hold_ms / 1000 + 1)
    assert phone.phase == "countdown"
    assert not any(e.kind == "password_prompt" for e in phone.events)


def test_combination_pressed_before_the_window_does_nothing(model):
    phone = Phone(model)
    phone.power_on()
    keys = sorted(reset_keys(model))
    for key in keys:
        phone.press(key)
    run_until(phone, lambda: phone.phase in ("countdown", "running") or phone.softkey_for("Cancel") is not None)
    if phone.phase == "boot":
        softkey(phone, "Cancel")
    phone.advance(procedure(model, "reset_prompt").hold_ms / 1000 + 1)
    assert phone.phase == "countdown"
    assert not any(e.kind == "password_prompt" for e in phone.events)


def test_combination_after_the_countdown_does_nothing(model):
    phone = Phone(model)
    to_running(phone)
    hold_reset(phone)
    assert phone.phase == "running"
    assert not any(e.kind == "password_prompt" for e in phone.events)


def to_prompt(phone: Phone) -> None:
    to_countdown(phone)
    hold_reset(phone)
    assert phone.phase == "password"


def test_default_admin_password_then_yes_resets_to_factory(model):
    phone = Phone(model, config={"local": {"up.backlight.onIntensity": "1"}})
    to_prompt(phone)
    type_text(phone, "456")
    softkey(phone, "OK")
    assert phone.phase == "confirm"
    full = parse_version(phone.software) >= parse_version(model.software.full_reset_from)
    assert ("factory defaults" if full else "device settings") in phone.screen.text
    softkey(phone, "Yes")
    assert phone.phase == "resetting"
    run_until(phone, lambda: phone.phase == "running")
    kinds = [e.kind for e in phone.events]
    assert kinds.index("password_accepted") < kinds.index("factory_reset") < kinds.index("reboot")
    assert phone.config.get("up.backlight.onIntensity") is None
    assert phone.admin_password == "456"


def test_wrong_password_is_refused_and_cancel_returns_to_the_prompt(model):
    phone = Phone(model, admin_password="8675309")
    to_prompt(phone)
    type_text(phone, "456")
    softkey(phone, "OK")
    assert phone.state == "password_incorrect"
    assert "incorrect password" in phone.screen.text.lower()
    softkey(phone, "Cancel")
    assert phone.state == "password_entry"
    type_text(phone, "8675309")
    softkey(phone, "OK")
    assert phone.phase == "confirm"


def test_mac_address_in_lower_case_is_accepted_when_the_password_was_changed(model):
    phone = Phone(model, admin_password="8675309", mac="00-04-F2-AA-81-4C")
    to_prompt(phone)
    expected = {"lower": MAC, "upper": MAC.upper(), "any": MAC}[model.text_entry.mac_case]
    type_text(phone, expected)
    softkey(phone, "OK")
    assert phone.phase == "confirm"
    softkey(phone, "Yes")
    run_until(phone, lambda: phone.phase == "running")
    assert phone.admin_password == "456"


def test_mac_in_the_wrong_case_is_refused(model):
    if model.text_entry.mac_case == "any":
        pytest.skip("this model accepts the MAC in either case")
    phone = Phone(model, admin_password="8675309")
    to_prompt(phone)
    type_text(phone, MAC.upper() if model.text_entry.mac_case == "lower" else MAC)
    softkey(phone, "OK")
    assert phone.state == "password_incorrect"
    assert not any(e.kind == "password_accepted" for e in phone.events)


def test_no_at_the_confirmation_boots_without_resetting(model):
    phone = Phone(model, admin_password="8675309")
    to_prompt(phone)
    type_text(phone, "8675309")
    softkey(phone, "OK")
    softkey(phone, "No")
    run_until(phone, lambda: phone.phase == "running")
    assert phone.admin_password == "8675309"
    assert not any(e.kind in ("factory_reset", "device_reset") for e in phone.events)


def test_setup_asks_for_the_password_and_never_resets(model):
    phone = Phone(model, admin_password="8675309")
    to_countdown(phone)
    softkey(phone, "Setup")
    assert phone.phase == "setup"
    type_text(phone, "1111")
    softkey(phone, "OK")
    assert "Incorrect Password" in phone.screen.text
    run_until(phone, lambda: phone.phase == "countdown")
    softkey(phone, "Setup")
    type_text(phone, "8675309")
    softkey(phone, "OK")
    assert "Network Configuration" in phone.screen.text
    phone.power_off()
    to_running(phone)
    assert phone.admin_password == "8675309"
    assert not any(e.kind in ("factory_reset", "device_reset", "config_reset") for e in phone.events)


def test_bootrom_software_counts_down_without_a_cancel_step(model):
    old = versions(model, "3.3.0")
    if old is None:
        pytest.skip(f"{model.name} never ran software older than 3.3.0")
    phone = Phone(model, software=old)
    phone.power_on()
    run_until(phone, lambda: phone.phase != "boot")
    assert phone.phase == "countdown"
    assert not any(s == "Cancel" for e in phone.events if e.kind == "screen" for s in e.data["softkeys"])
    assert phone.screen.id == "bootrom_countdown"
    hold_reset(phone)
    assert phone.phase == "password"


def test_before_4_0_the_combination_resets_device_settings_only(model):
    old = versions(model, "4.0.0")
    if old is None:
        pytest.skip(f"{model.name} never ran software older than 4.0.0")
    phone = Phone(model, software=old, admin_password="8675309", config={"local": {"lcl.ml.lang": "Deutsch"}})
    to_prompt(phone)
    type_text(phone, MAC if model.text_entry.mac_case != "upper" else MAC.upper())
    softkey(phone, "OK")
    assert "device settings" in phone.screen.text
    softkey(phone, "Yes")
    run_until(phone, lambda: phone.phase == "running")
    kinds = [e.kind for e in phone.events]
    assert "device_reset" in kinds and "factory_reset" not in kinds
    assert phone.config.get("lcl.ml.lang") == "Deutsch"
    assert phone.admin_password == "456"


def test_reboot_combination_sounds_the_tone_and_reboots(model):
    proc = procedure(model, "reboot")
    if proc is None:
        pytest.skip(f"no reboot combination is known for {model.name}")
    phone = Phone(model)
    to_running(phone)
    hold(phone, sorted(proc.keys), proc.hold_ms / 1000 - 0.5)
    assert phone.phase == "running" and not any(e.kind == "tone" for e in phone.events)
    hold(phone, sorted(proc.keys), proc.hold_ms / 1000 + 0.2)
    kinds = [e.kind for e in phone.events]
    assert kinds[-8:].count("tone") == 1 and "reboot" in kinds
    assert phone.phase in ("rebooting", "boot")
    run_until(phone, lambda: phone.phase == "running")


def test_upload_logs_combination_keeps_the_phone_running(model):
    proc = procedure(model, "upload_logs")
    if proc is None:
        pytest.skip(f"no log-upload combination is known for {model.name}")
    phone = Phone(model)
    to_running(phone)
    hold(phone, sorted(proc.keys), proc.hold_ms / 1000 + 0.2)
    kinds = [e.kind for e in phone.events]
    assert "logs_uploaded" in kinds and "tone" in kinds and phone.phase == "running"


def test_power_cycle_from_any_phase_comes_back_running(model):
    phone = Phone(model)
    to_prompt(phone)
    phone.power_off()
    assert phone.phase == "off" and phone.screen.id == "off"
    to_running(phone)
    assert phone.phase == "running"


def test_delete_key_erases_the_last_character_where_the_model_has_one(model):
    if model.text_entry.delete_key is None:
        pytest.skip(f"{model.name} has no delete key on the prompt")
    phone = Phone(model)
    to_prompt(phone)
    type_text(phone, "4567")
    tap(phone, model.text_entry.delete_key)
    assert phone.screen.lines[-1].count("*") == 3
    softkey(phone, "OK")
    assert phone.phase == "confirm"


def test_options_change_what_the_phone_does(catalog):
    upper = catalog.load("vvx-410", {"mac_case": "upper", "mode_cycle": "labelled"})
    phone = Phone(upper, admin_password="8675309")
    to_prompt(phone)
    assert "1->Aa" in phone.screen.softkeys
    tap(phone, "mode")
    assert "A->a1" in phone.screen.softkeys
    tap(phone, "mode")
    tap(phone, "mode")
    type_text(phone, MAC)
    softkey(phone, "OK")
    assert phone.state == "password_incorrect"
    softkey(phone, "Cancel")
    type_text(phone, MAC.upper())
    softkey(phone, "OK")
    assert phone.phase == "confirm"
    short = Phone(catalog.load("vvx-410", {"countdown_seconds": 7}))
    to_countdown(short)
    assert "Seconds to Autoload: 7" in short.screen.text


@pytest.mark.parametrize("model_id", ["vvx-250", "vvx-350", "vvx-450"])
def test_new_hardware_refuses_older_software_and_flags_its_reset_as_inferred(catalog, model_id):
    assert Phone(catalog.load(model_id), software="5.9.7").software == "5.9.7"
    new = catalog.load(model_id, {"hardware": "ea210826"})
    with pytest.raises(ValueError, match=r"does not run software 5\.9\.7"):
        Phone(new, software="5.9.7")
    reset = procedure(new, "reset_prompt")
    assert reset.confidence == "inferred" and "INFERRED VARIANT" in reset.source


def test_screen_model_marks_the_password_entry_and_the_menu_cursor(catalog):
    phone = Phone(catalog.load("vvx-410"))
    to_prompt(phone)
    type_text(phone, "45")
    assert phone.screen.lines[phone.screen.entry] == "**_"
    phone.power_off()
    to_running(phone)
    tap(phone, "home")
    tap(phone, "down")
    assert phone.screen.lines[phone.screen.cursor] == "> Status"
    assert phone.screen.entry is None


def test_hold_meter_fills_while_held_and_stays_full_once_recognised(catalog):
    phone = Phone(catalog.load("vvx-410"))
    to_countdown(phone)
    for key in "135":
        phone.press(key)
    phone.advance(1.5)
    meter = next(m for m in phone.combo_progress() if m.procedure.id == "factory_reset")
    assert meter.down == {"1", "3", "5"} and meter.held_ms == 1500 and meter.window_open
    phone.advance(2)
    meter = next(m for m in phone.combo_progress() if m.procedure.id == "factory_reset")
    assert meter.held_ms == meter.procedure.hold_ms
    phone.release("5")
    assert next(m for m in phone.combo_progress() if m.procedure.id == "factory_reset").held_ms == 0
