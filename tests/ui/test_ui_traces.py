"""Traces made in the window replay exactly: inputs sent through the window (posted events, a wall clock
the test moves) -> the trace Ctrl+S saves -> a headless replay gives the same event log and grade."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from simulator.core.catalog import Catalog
from simulator.scenario import Runner, load_scenario
from simulator.training.grader import grade_phone
from simulator.ui.app import App
from tests.ui.coaching import control, follow_coach
from tests.ui.driving import finger, wait


def _replayed(app: App, folder: Path, catalog: Catalog) -> None:
    """Save the trace with Ctrl+S; its headless replay has the window phone's events and grade."""
    control(app, pygame.K_s, pygame.KMOD_LCTRL)
    (saved,) = (folder / "traces").glob("*.yaml")
    runner = Runner(load_scenario(saved, catalog))
    runner.play()
    assert [e.to_dict() for e in runner.phone.events] == [e.to_dict() for e in app.phone.events]
    mine = grade_phone(app.phone, None, admin_password="456")
    assert grade_phone(runner.phone, None, admin_password="456") == mine


def test_a_keypad_attempt_replays_exactly(modes_app, fake_time, tmp_path, catalog):
    app = modes_app("guided")
    follow_coach(app, fake_time)
    _replayed(app, tmp_path, catalog)


def test_a_touch_attempt_replays_exactly(modes_app, fake_time, tmp_path, catalog):
    app = modes_app("free", model="trio-8800")
    control(app, pygame.K_p, char="p")
    wait(app, fake_time, 1.3)
    d = app.layout.display
    corners = [(d.x + 5, d.y + 5), (d.right - 5, d.y + 5), (d.x + 5, d.bottom - 5), (d.right - 5, d.bottom - 5)]
    for n, pos in enumerate(corners):
        finger(app, pygame.FINGERDOWN, n, pos)
        wait(app, fake_time, 0.05)
    wait(app, fake_time, 12.0)
    for n, pos in enumerate(corners):
        finger(app, pygame.FINGERUP, n, pos)
    wait(app, fake_time, 20.0)
    assert any(e.kind == "touch" for e in app.phone.events)
    _replayed(app, tmp_path, catalog)


@pytest.mark.parametrize("model", ["edge-b"])
def test_an_at_power_on_attempt_replays_exactly(modes_app, fake_time, tmp_path, catalog, model):
    app = modes_app("free", model=model)
    for key in ("back", "home"):  # latched with a right-click each, then power
        app.input.toggle_latch(app.layout.spot(key).rect.center)
    app.frame()
    control(app, pygame.K_p, char="p")
    wait(app, fake_time, 12.0)
    control(app, pygame.K_ESCAPE)  # let go of both
    wait(app, fake_time, 30.0)
    assert any(e.kind == "combo" for e in app.phone.events)
    _replayed(app, tmp_path, catalog)
