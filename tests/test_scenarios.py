"""Every shipped scenario passes; the runner's contract (steps, expectations, JSON, exit codes) holds."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario import run_scenario

SCENARIOS = sorted((Path(__file__).parents[1] / "scenarios").rglob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_shipped_scenario_passes(catalog, path):
    result = run_scenario(path, catalog)
    assert result["ok"], result["failures"]


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_failed_expectations_are_reported_with_step_and_line(catalog, tmp_path):
    path = write(
        tmp_path,
        """\
        model: vvx 410
        steps:
          - power_on
          - wait: 1
          - expect: {phase: running, screen: Welcome}
          - expect: {event: power_on}
        """,
    )
    result = run_scenario(path, catalog)
    assert not result["ok"]
    assert result["failures"] == [
        "step 3 (line 5, expect): phase: expected 'running', got 'boot'; screen: expected 'Welcome' on ['Poly']",
        "step 4 (line 6, expect): event: expected 'power_on' since the last expect, none happened",
    ]


def test_softkey_that_is_not_showing_stops_the_scenario(catalog, tmp_path):
    path = write(
        tmp_path,
        """\
        model: VVX-410
        steps:
          - power_on
          - softkey: Setup
          - expect: {phase: countdown}
        """,
    )
    result = run_scenario(path, catalog)
    assert result["failures"] == ["step 2 (line 4, softkey): no softkey labelled 'Setup' is showing (showing: none)"]


def test_wait_until_times_out_with_what_the_screen_shows(catalog, tmp_path):
    path = write(
        tmp_path,
        """\
        model: vvx-410
        steps:
          - power_on
          - wait_until: {phase: password}
            timeout: 5
        """,
    )
    result = run_scenario(path, catalog)
    assert "password' not reached within 5 s (phase boot, screen Starting application," in result["failures"][0]


def test_hold_for_and_expect_led_and_config(catalog, tmp_path):
    path = write(
        tmp_path,
        """\
        model: vvx-410
        admin_password: "1234"
        config: {local: {lcl.ml.lang: Deutsch}}
        steps:
          - power_on
          - wait_until: {phase: running}
          - tap: mute
          - expect: {led: {mute: "on", mwi: "off"}, config: {lcl.ml.lang: Deutsch}, admin_password: "1234"}
          - hold: [0, 1, 3]
            for: 3.2
          - expect: {event: [combo, tone, reboot], no_event: factory_reset}
          - wait_until: {event: application_started}
          - expect: {phase: running, led: {mute: "off"}}
        """,
    )
    result = run_scenario(path, catalog)
    assert result["ok"], result["failures"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("model: vvx 41o\nsteps: [power_on]\n", "s.yaml:1: model: unknown model 'vvx 41o'; did you mean vvx-4"),
        ("model: vvx-410\nsteps:\n  - tap: nine\n", "s.yaml:3: steps[0].tap: expected a key of VVX 410 or 'mode'"),
        ("model: vvx-410\nsteps:\n  - tap: #\n", "s.yaml:3: steps[0].tap: expected a key id (quote '#' and '*')"),
        ("model: vvx-410\nsteps:\n  - jump: 1\n", "s.yaml:3: steps[0]: expected exactly one of power_on"),
        ("model: vvx-410\nmac: 00-04\nsteps: [power_on]\n", "s.yaml:2: mac: not a MAC address: '00-04'"),
        ("model: vvx-410\nsoftware: '2.0'\nsteps: [power_on]\n", "does not run software 2.0 (oldest: 4.0.0)"),
        ("model: vvx-410\nsteps:\n  - expect: {phase: booting}\n", "s.yaml:3: steps[0].expect.phase: expected one of"),
        ("model: vvx-410\nsteps:\n  - hold: ['1']\n", "s.yaml:3: steps[0].for: is required"),
        ("model: vvx-410\noptions: {mac_case: title}\nsteps: [power_on]\n", "s.yaml:2: options: option mac_case"),
        ("model: vvx-410\nsoftware: '2.0'\nsteps: [power_on]\n", "s.yaml:2: software: VVX 410 does not run"),
        ("model: vvx-410\nadmin_password: [1]\nsteps: [power_on]\n", "s.yaml:2: admin_password: expected a text"),
        ("model: vvx-410\nconfig: {local: {a: {b: c}}}\nsteps: [power_on]\n", "s.yaml:2: config.local.a: expected"),
        ("model: vvx-410\nconfig: {flash: {a: b}}\nsteps: [power_on]\n", "config.flash: expected a configuration"),
        ("model: vvx-410\ndescription: [1]\nsteps: [power_on]\n", "s.yaml:2: description: expected a text"),
    ],
)
def test_a_bad_scenario_gets_one_line_and_counts_as_failed(catalog, tmp_path, text, message):
    result = run_scenario(write(tmp_path, text), catalog)
    assert not result["ok"] and len(result["failures"]) == 1
    assert message in result["failures"][0]
    assert "\n" not in result["failures"][0]


def test_cli_run_json_one_object_per_scenario_and_exit_code(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "model: vvx-410\nsteps: [power_on, {expect: {phase: boot}}]\n", "a.yaml")
    write(tmp_path, "model: vvx-410\nsteps: [power_on, {expect: {phase: running}}]\n", "b.yaml")
    assert main(["run", str(tmp_path), "--json"]) == 1
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(r["scenario"].endswith("a.yaml"), r["ok"]) for r in lines] == [(True, True), (False, False)]
    assert set(lines[0]) == {"scenario", "ok", "model", "phase", "state", "screen", "softkeys", "events", "failures"}
    assert lines[0]["events"][0] == {"t": 0.0, "kind": "power_on"}
    assert err.strip() == "1 passed, 1 failed"
    assert main(["run", str(tmp_path / "a.yaml")]) == 0
    assert capsys.readouterr().out.strip().endswith("1 passed, 0 failed")


@pytest.mark.parametrize("model", ["vvx-410", "ccx-500"])
def test_cli_demo_plays_the_models_reset(capsys, model):
    assert main(["demo", model, "--text"]) == 0
    out = capsys.readouterr().out
    assert "factory_reset" in out and out.rstrip().endswith("phonesim run scenarios/")
    if model == "vvx-410":
        assert "press softkey_1 (Cancel)" in out and "password_accepted" in out


def test_cli_list_show_validate(capsys):
    assert main(["list"]) == 0
    assert "vvx-410" in capsys.readouterr().out
    assert main(["show", "VVX 410"]) == 0
    out = capsys.readouterr().out
    assert "factory_reset: hold 1 + 3 + 5" in out and "source:" in out
    assert main(["validate"]) == 0
    assert "0 invalid" in capsys.readouterr().out
    assert main(["show", "VVX 41"]) == 2
    assert "vvx-410" in capsys.readouterr().err


def _run_text(tmp_path, catalog, body: str) -> dict:
    path = tmp_path / "s.yaml"
    path.write_text("model: VVX 410\nsteps:\n" + body)
    return run_scenario(path, catalog)


RESET_TO_PROMPT = """  - power_on
  - wait_until: {softkey: Cancel}
  - softkey: Cancel
  - hold: ["1", "3", "5"]
    for: 3.5
  - tap: ["4", "5", "6"]
  - softkey: OK
"""


def test_waiting_for_an_event_that_came_with_the_tap_holds_at_once(tmp_path, catalog):
    result = _run_text(
        tmp_path, catalog, RESET_TO_PROMPT + "  - wait_until: {event: password_accepted}\n    timeout: 1\n"
    )
    assert result["ok"], result["failures"]


def test_event_fields_and_absent_screen_text_are_expected(tmp_path, catalog):
    body = (
        RESET_TO_PROMPT
        + """  - softkey: "Yes"
  - wait_until: {phase: running}
  - expect:
      event: [{factory_reset: {cleared: []}}, {password_accepted: {prompt: reset, entered: 456}}]
      no_screen: Incorrect
  - expect: {event: {factory_reset: {cleared: [local, web]}}, no_screen: Line 1}
"""
    )
    result = _run_text(tmp_path, catalog, body)
    assert result["failures"] == [
        "step 10 (line 15, expect): event: expected 'factory_reset' with cleared=['local', 'web'] since the last "
        "expect, none happened; no_screen: 'Line 1' is on ['VVX 410', 'Line 1: 1001', 'UC Software 6.4.3']"
    ]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ('  - wait_until: {screen: ""}\n', "steps[0].wait_until.screen: expected some text to look for"),
        ("  - expect: {event: {reboot: {seconds: 3}}}\n", "expected a field of a reboot event (none)"),
        ("  - expect: {event: {rebooted: {}}}\n", "expected an event kind"),
    ],
)
def test_expectations_that_cannot_mean_anything_fail_at_the_door(tmp_path, catalog, step, message):
    result = _run_text(tmp_path, catalog, step)
    assert not result["ok"] and message in result["failures"][0]
