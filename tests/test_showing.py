"""What the demo and replay windows say, computed without a window: every model's demo passes with 100, a
replay follows the route the attempt took, and the captions read as the lesson does."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.core import Catalog
from simulator.scenario import load_scenario
from simulator.training.lessons import lessons_for
from simulator.training.showing import Show

ROOT = Path(__file__).resolve().parents[1]


def played(show: Show, step: float = 0.5) -> Show:
    for _ in range(10_000):
        if show.finished:
            return show
        show.advance(step)
    raise AssertionError("the show never finished")


@pytest.mark.parametrize("model_id", Catalog().ids())
def test_every_models_demo_performs_its_reset_with_100(catalog, model_id):
    model = catalog.load(model_id)
    if not lessons_for(model):
        with pytest.raises(LookupError, match=r"has no (factory-reset procedure|lesson for)"):
            Show.demo(model)
        return  # a device with nothing to practise on it says so in one line
    show = played(Show.demo(model))
    caption = show.caption()
    assert caption.passed and caption.result.startswith("Passed · score 100"), caption
    assert all(state == "done" for _, state in caption.steps)


def test_a_replay_follows_the_menu_route_when_the_attempt_took_it(catalog):
    show = Show.replay(load_scenario(ROOT / "scenarios" / "vvx-410-menu-reset-to-factory.yaml", catalog))
    assert show.plan.procedure is None and "menu" in show.plan.stage_ids()


def test_the_first_step_waits_for_the_class_to_read_it(catalog):
    show = Show.demo(catalog.load("vvx-410"))
    show.advance(1.0)
    assert show.phone.phase == "off" and show.caption().now == "Next: connect power in 1.0 s"
    show.advance(1.5)
    assert show.phone.phase == "boot"


def test_the_demo_speeds_stay_between_half_and_four(catalog):
    show = Show.demo(catalog.load("vvx-410"), speed=3.0)
    assert show.speed == 3.0
    show.step_speed(1)
    assert show.speed == 4.0
    assert Show.demo(catalog.load("vvx-410"), speed=0.25).speed == 0.5
    for _ in range(5):
        show.step_speed(1)
    assert show.speed == 4.0


def test_the_demo_command_checks_its_flags_in_one_line(capsys):
    from simulator.cli import main

    assert main(["demo", "vvx-410", "--text", "--goal", "reboot"]) == 2
    assert capsys.readouterr().err.strip() == (
        "phonesim: demo --text plays the factory reset only; the window shows --goal reboot"
    )
    with pytest.raises(SystemExit):
        main(["demo", "--speed", "9"])
    assert "expected a speed from 0.5 to 4, got '9'" in capsys.readouterr().err
