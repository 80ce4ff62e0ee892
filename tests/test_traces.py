"""Traces: an attempt written from the event log replays headless to the same events and the same grade."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from simulator.cli import main
from simulator.core import Catalog, Phone
from simulator.scenario import Runner, load_scenario
from simulator.training.grader import grade_file, grade_phone
from simulator.training.traces import TraceInfo, trace_text
from tests.helpers import hold, softkey, tap, to_countdown, type_text

CATALOG = Catalog()


def _attempt() -> Phone:
    """A clumsy reset by MAC: Setup first, a short hold, a wrong character, then right."""
    phone = Phone(CATALOG.load("vvx-410"), admin_password="8675309", mac="00-04-F2-AA-81-4C")
    to_countdown(phone)
    softkey(phone, "Setup")
    softkey(phone, "Cancel")
    hold(phone, ["1", "3", "5"], 1.3)
    phone.advance(0.37)
    hold(phone, ["1", "3", "5"], 3.05)
    type_text(phone, "0004f2aa814c")
    softkey(phone, "OK")
    softkey(phone, "Yes")
    phone.run_until(lambda: phone.phase == "running", 120)
    return phone


def test_a_trace_replays_to_the_same_events_and_grade(tmp_path):
    phone = _attempt()
    info = TraceInfo(trainee="Ana Silva", mode="practice", started=datetime(2026, 12, 4, 9, 30, tzinfo=UTC))
    path = tmp_path / "attempt.yaml"
    path.write_text(trace_text(phone, goal="factory_reset", info=info, admin_password="8675309"))
    replay = Runner(load_scenario(path, CATALOG))
    assert replay.play()
    assert [e.to_dict() for e in replay.phone.events] == [e.to_dict() for e in phone.events]
    original = grade_phone(phone, "factory_reset", admin_password="8675309", file=str(path))
    assert grade_file(path, CATALOG) == original
    assert original.passed and {m.id for m in original.mistakes} == {"setup_pressed", "released_early"}
    assert load_scenario(path, CATALOG).trace.trainee == "Ana Silva"  # type: ignore[union-attr]


def test_touches_and_the_power_button_replay_too(tmp_path):
    phone = Phone(CATALOG.load("trio-visualpro"))
    phone.press("restore_pin")
    tap(phone, "power_button")
    phone.advance(10.4)
    phone.release("restore_pin")
    phone.run_until(lambda: phone.phase == "running", 200)
    trio = Phone(CATALOG.load("trio-8800"))
    trio.power_on()
    trio.run_until(lambda: trio.stage == "logo", 60)
    trio.touch(["top_left", "top_right", "bottom_left", "bottom_right"])
    trio.advance(3.5)
    trio.lift()
    trio.run_until(lambda: trio.phase == "running", 200)
    for original in (phone, trio):
        path = tmp_path / f"{original.model.id}.yaml"
        path.write_text(trace_text(original, goal="factory_reset", info=TraceInfo(mode="free")))
        replay = Runner(load_scenario(path, CATALOG))
        replay.play()
        assert [e.to_dict() for e in replay.phone.events] == [e.to_dict() for e in original.events]
        assert grade_file(path, CATALOG).passed


def test_import_grades_and_stores_traces(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "ana.yaml"
    info = TraceInfo(trainee="Ana Silva", mode="practice")
    path.write_text(trace_text(_attempt(), goal="factory_reset", info=info, admin_password="8675309"))
    nobody = tmp_path / "nobody.yaml"
    nobody.write_text(trace_text(_attempt(), goal="factory_reset", info=TraceInfo(), admin_password="8675309"))
    assert main(["import", str(path), str(nobody)]) == 2
    out = capsys.readouterr().out
    assert "Ana Silva: passed, score 82" in out and "nobody.yaml: trainee: expected --trainee" in out
    assert main(["report", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "Ana Silva" in json.dumps(report)


def test_a_bad_trace_header_is_one_line(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("model: VVX 410\ntrace: {mode: homework}\nsteps: [power_on]\n")
    assert main(["grade", str(path)]) == 2
    assert "bad.yaml:2: trace.mode: expected one of" in capsys.readouterr().out


def test_typing_helper_is_the_seed_keystrokes():
    phone = Phone(CATALOG.load("vvx-410"), admin_password="8675309")
    to_countdown(phone)
    hold(phone, ["1", "3", "5"], 3.5)
    type_text(phone, "0004f2aa814c")
    softkey(phone, "OK")
    assert phone.phase == "confirm"
