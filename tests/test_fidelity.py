"""What the reference says, seen the way a technician would see it: hold ranges, key order, versions."""

from __future__ import annotations

import pytest

from simulator.cli import main
from simulator.core import Catalog, Phone
from tests.helpers import run_until

CATALOG = Catalog()


@pytest.mark.parametrize("held", [1.0, 1.2, 2.0])
def test_ccx_400_first_step_takes_the_faqs_one_to_two_seconds(held):
    phone = Phone(CATALOG.load("ccx-400"))
    phone.power_on()
    run_until(phone, lambda: phone.stage == "logo")
    phone.touch([(0.2, 0.5), (0.4, 0.5), (0.6, 0.5), (0.8, 0.5)])
    phone.advance(held)
    assert phone.leds.get("mwi") == "red"
    phone.lift()
    assert [e.procedure for e in phone.events if e.kind == "combo"] == ["first_hold"]


def test_ccx_400_a_brief_touch_is_not_the_first_step():
    phone = Phone(CATALOG.load("ccx-400"))
    phone.power_on()
    run_until(phone, lambda: phone.stage == "logo")
    phone.touch([(0.2, 0.5), (0.4, 0.5), (0.6, 0.5), (0.8, 0.5)])
    phone.advance(0.6)
    phone.lift()
    assert phone.leds.get("mwi") != "red"
    assert [e.kind for e in phone.events if e.kind in ("combo", "combo_aborted")] == ["combo_aborted"]


def test_list_gives_the_edge_e_keys_in_the_faqs_order(capsys):
    main(["list"])
    line = next(row for row in capsys.readouterr().out.splitlines() if row.startswith("edge-e "))
    assert "1 + 5 + 3" in line


def test_show_prints_only_what_applies_to_the_device(capsys):
    main(["show", "rove-base"])
    out = capsys.readouterr().out
    assert "software: unknown (no version is in the sources)" in out
    for absent in ("1.0.0", "Updater", "4.0.0", "password entry", "multi"):
        assert absent not in out
    main(["show", "ccx-500"])
    out = capsys.readouterr().out
    assert "Updater" not in out and "4.0.0" not in out and "password entry" not in out
    main(["show", "vvx-410"])
    out = capsys.readouterr().out
    assert "Updater (Cancel step) from 3.3.0" in out and "full factory reset from 4.0.0" in out
    assert "MAC in lower case" in out


@pytest.mark.parametrize("model_id", ["rove-base", "vvx-d60", "vvx-d230", "edge-b", "edge-e"])
def test_a_version_the_sources_do_not_give_reads_unknown(model_id):
    software = CATALOG.load(model_id).software
    assert software.placeholder and software.label(software.default) == "unknown"


def test_trio_visual_plus_is_the_accessory_the_sources_describe(capsys):
    """hardware.md 25: no screen, button or LED; no source gives its own reset."""
    model = CATALOG.load("trio-visual-plus")
    assert model.display.kind == "none" and not model.keys and not model.procedures
    main(["show", "trio-visual-plus"])
    assert "none: no source gives a reset" in capsys.readouterr().out
    assert main(["demo", "trio-visual-plus"]) == 2
    assert "Trio Visual+ has no factory-reset procedure in the sources" in capsys.readouterr().err


def test_an_exam_over_every_model_never_draws_a_device_without_a_procedure():
    from simulator.training.exam import make_exam

    exam = make_exam(CATALOG, seed=7, items=50)
    assert "trio-visual-plus" not in {item.model for item in exam.items}
