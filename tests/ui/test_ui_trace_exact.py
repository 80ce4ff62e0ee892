"""Traces replay exactly: inputs sent through the window (posted pygame events, a wall clock the test moves)
-> a trace written from the window phone's event log -> a headless replay (`phonesim run`, the grader)
gives the same event log and the same score. A keypad, a touch and an at-power-on device."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from simulator.cli import main
from simulator.core import mac_as_typed
from simulator.scenario import Runner, load_scenario
from simulator.training.grader import grade_file, grade_phone
from simulator.training.maccoach import mac_plan
from simulator.training.traces import TraceInfo, trace_text
from simulator.ui.app import App
from tests.ui.driving import FakeTime, finger, key_down, key_up, press_key, wait
from tests.ui.keyboard import tap, type_plan

FRAME = 1 / 30  # a frame's wall time; the engine's millisecond times fall between frames, as in a real window


def wait_for(app: App, fake_time: FakeTime, holds: Callable[[], bool], limit: float = 120.0) -> None:
    """Let wall time pass frame by frame until `holds()` (a person watching the phone)."""
    for _ in range(round(limit / FRAME)):
        if holds():
            return
        wait(app, fake_time, FRAME)
    raise AssertionError(f"not reached in {limit} s: {app.phone.phase} {app.phone.screen.lines}")


def hold_keys(app: App, fake_time: FakeTime, keys: list[str], until: Callable[[], bool]) -> None:
    codes = [(app.shortcuts.by_key[k][0].code, k if len(k) == 1 else "") for k in keys]
    for code, char in codes:
        key_down(app, code, char)
    wait_for(app, fake_time, until, 30)
    wait(app, fake_time, 0.3)
    for code, char in codes:
        key_up(app, code, char)


def vvx_410_by_mac(app: App, fake_time: FakeTime) -> None:
    phone = app.phone
    press_key(app, pygame.K_p, "p")  # power on
    wait_for(app, fake_time, lambda: phone.softkey_for("Cancel") is not None)
    tap(app, fake_time, phone.softkey_for("Cancel"))
    hold_keys(app, fake_time, ["1", "3", "5"], lambda: phone.phase == "password")
    typed, plan = mac_plan(phone.model, phone.mac)
    assert typed == mac_as_typed(phone.mac, phone.model.text_entry.mac_case)
    type_plan(app, fake_time, plan)
    tap(app, fake_time, phone.softkey_for("OK"))
    wait_for(app, fake_time, lambda: phone.softkey_for("Yes") is not None, 5)
    tap(app, fake_time, phone.softkey_for("Yes"))
    wait_for(app, fake_time, lambda: phone.phase == "running")


def trio_8800_corners(app: App, fake_time: FakeTime) -> None:
    phone = app.phone
    press_key(app, pygame.K_p, "p")
    wait_for(app, fake_time, lambda: phone.stage == "logo")
    display = app.layout.display
    inset = 0.08
    corners = [
        (display.x + display.w * inset, display.y + display.h * inset),
        (display.right - display.w * inset, display.y + display.h * inset),
        (display.x + display.w * inset, display.bottom - display.h * inset),
        (display.right - display.w * inset, display.bottom - display.h * inset),
    ]
    for n, pos in enumerate(corners):
        finger(app, pygame.FINGERDOWN, n, (round(pos[0]), round(pos[1])))
    assert len(phone.touches) == 4
    wait_for(app, fake_time, lambda: any(e.kind == "combo" for e in phone.events), 10)
    wait(app, fake_time, 0.4)
    for n, pos in enumerate(corners):
        finger(app, pygame.FINGERUP, n, (round(pos[0]), round(pos[1])))
    wait_for(app, fake_time, lambda: phone.phase == "running" and any(e.kind == "factory_reset" for e in phone.events))


def edge_b_at_power_on(app: App, fake_time: FakeTime) -> None:
    phone = app.phone
    codes = [(app.shortcuts.by_key[k][0].code, "") for k in ("back", "home")]
    for code, char in codes:
        key_down(app, code, char)
    press_key(app, pygame.K_p, "p")  # power connected while both are held
    wait_for(app, fake_time, lambda: phone.leds.get("mwi") == "blinking", 10)
    wait(app, fake_time, 0.3)
    for code, char in codes:
        key_up(app, code, char)
    wait_for(app, fake_time, lambda: phone.phase == "running" and any(e.kind == "factory_reset" for e in phone.events))


@pytest.mark.parametrize(
    ("model", "attempt"),
    [("vvx-410", vvx_410_by_mac), ("trio-8800", trio_8800_corners), ("edge-b", edge_b_at_power_on)],
)
def test_an_attempt_in_the_window_replays_headless_to_the_same_log_and_score(
    make_app, fake_time, tmp_path, catalog, capsys, model, attempt
):
    app = make_app(model)
    attempt(app, fake_time)
    window = app.phone
    wait(app, fake_time, 0.5)  # a moment after the goal, as the attempt ends
    live = grade_phone(window, "factory_reset", admin_password="456")
    assert live.passed, live

    trace = tmp_path / f"{model}.yaml"
    trace.write_text(trace_text(window, goal="factory_reset", info=TraceInfo(mode="free")))
    runner = Runner(load_scenario(trace, catalog))
    assert runner.play()
    assert [(e.t_ms, e.kind, dict(e.data)) for e in runner.phone.events] == [
        (e.t_ms, e.kind, dict(e.data)) for e in window.events
    ]
    replayed = grade_file(trace, catalog)
    assert (replayed.passed, replayed.score, replayed.stages, replayed.mistakes) == (
        live.passed, live.score, live.stages, live.mistakes,
    )  # fmt: skip
    assert main(["run", str(trace)]) == 0 and main(["grade", str(trace)]) == 0
    assert f"PASS  {live.score}" in capsys.readouterr().out
