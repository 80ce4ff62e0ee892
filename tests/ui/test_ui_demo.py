"""The demo and replay window: the phone performs the lesson by itself, the trainer pauses, steps, speeds up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from simulator.core.catalog import Catalog
from simulator.scenario import Runner, load_scenario
from simulator.training.grader import grade_file
from simulator.training.traces import TraceInfo, trace_text
from simulator.ui.demo import ShowApp, demo_show, replay_show
from simulator.ui.show_session import ShowSession
from tests.ui.driving import FakeTime, click, press_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def show_app(catalog: Catalog, fake_time: FakeTime):
    pygame.display.init()
    pygame.event.set_allowed(None)
    pygame.event.clear()

    def make(model: str = "vvx-410", goal: str | None = None, speed: float = 1.0, trace: str | None = None) -> ShowApp:
        show, title, subtitle = replay_show(catalog, trace, speed) if trace else demo_show(catalog, model, goal, speed)
        app = ShowApp(ShowSession(catalog, show, wall=fake_time), title=title, subtitle=subtitle, sound=False)
        app.frame()
        return app

    yield make
    pygame.event.clear()


def play(app: ShowApp, fake_time: FakeTime, seconds: float, frame: float = 1 / 30) -> list[tuple[frozenset, str]]:
    """Let `seconds` of wall time pass frame by frame; what the phone showed pressed and the line under it."""
    seen = []
    for _ in range(round(seconds / frame)):
        fake_time.now += frame
        app.frame()
        seen.append((app.renderer.drawn.pressed, app.message))
    return seen


def test_the_demo_performs_the_factory_reset_by_itself_and_says_why(show_app, fake_time):
    app = show_app("vvx-410")
    caption = app.panel_view().caption
    assert caption.heading.startswith("Step 1 of 9") and caption.do == "Connect power."
    seen = play(app, fake_time, 8.0)  # 2 s for the class to read the first step, then 6 s of the boot
    assert any({"1", "3", "5"} <= pressed for pressed, _ in seen)  # the combination held, on the drawn phone
    assert any(line.startswith("Holding 1 + 3 + 5 · ") for _, line in seen)
    caption = app.panel_view().caption
    assert "password prompt appears" in caption.do and caption.why == "poly-reset-faq.txt"
    assert ("Cancel", "done") in caption.steps and ("password prompt", "now") in caption.steps
    play(app, fake_time, 60.0, frame=0.25)
    caption = app.panel_view().caption
    assert app.session.show.finished and caption.heading == "Done"
    assert caption.result.startswith("Passed · score 100")
    assert app.phone.phase == "running" and app.phone.admin_password == "456"


def test_a_tap_shorter_than_a_frame_is_still_seen_at_4x(show_app, fake_time):
    app = show_app("vvx-410", speed=4.0)
    seen = play(app, fake_time, 1.8, frame=0.1)  # Cancel goes down and up within one frame at 4x
    assert any("softkey_1" in pressed for pressed, _ in seen)
    assert not any(e.kind == "key_down" and e.key == "softkey_1" for e in app.phone.events[-3:])


def test_space_pauses_n_steps_and_the_speed_keys_change_the_pace(show_app, fake_time):
    app = show_app("vvx-410")
    press_key(app, pygame.K_SPACE, " ")
    at = app.phone.now_ms
    play(app, fake_time, 2.0)
    assert app.phone.now_ms == at and "paused" in app.message
    press_key(app, pygame.K_n, "n")  # to the next input and do it: power on
    assert app.phone.phase == "boot"
    press_key(app, pygame.K_n, "n")  # then Cancel at 4 s, without waiting for it
    assert app.phone.now_ms == 4000 and "softkey_1" in app.phone.held
    press_key(app, pygame.K_SPACE, " ")
    press_key(app, pygame.K_PERIOD, ".")
    assert app.session.speed == 2.0 and app.panel_view().speed == 2.0
    at = app.phone.now_ms
    play(app, fake_time, 1.0, frame=0.1)
    assert app.phone.now_ms - at == pytest.approx(2000, abs=150)
    for _ in range(5):
        press_key(app, pygame.K_COMMA, ",")
    assert app.session.speed == 0.5  # the demo goes no slower than 0.5x


def test_the_panel_buttons_do_the_same_as_the_keys(show_app, fake_time):
    app = show_app("vvx-410")
    click(app, app.panel.rect_of("step").center)
    assert app.phone.phase == "boot"
    click(app, app.panel.rect_of("speed:4.0").center)
    assert app.session.speed == 4.0
    play(app, fake_time, 3.0)
    click(app, app.panel.rect_of("restart").center)
    assert app.phone.phase == "off" and app.session.speed == 4.0


def test_clicks_and_keys_never_press_the_demo_phone(show_app, fake_time):
    app = show_app("vvx-410")
    press_key(app, pygame.K_5, "5")
    click(app, app.layout.spot("5").rect.center)
    assert not [e for e in app.phone.events if e.kind == "key_down"]


def test_a_touch_demo_shows_the_fingers_on_the_corners(show_app, fake_time):
    app = show_app("trio-8800")
    touched, said = [], []
    for _ in range(200):
        play(app, fake_time, 0.1, frame=0.1)
        touched.append(len(app.renderer.drawn.touches))
        said.append(app.panel_view().caption.do)
    assert max(touched) == 4
    # Told to keep holding until the signal, then to let go: never to let go before the mute keys flash.
    holding = said.index("Keep holding until the Mute lights flash.")
    assert said.index("Let go now.") > holding


def test_an_unknown_goal_is_one_line_naming_the_goals(catalog):
    with pytest.raises(LookupError, match="has no lesson for upload_logs; it has"):
        demo_show(catalog, "trio-8800", "upload_logs")


def test_replay_plays_a_trace_exactly_and_shows_its_grade(show_app, fake_time, catalog, tmp_path):
    scenario = load_scenario(ROOT / "scenarios" / "vvx-410-factory-reset-by-mac.yaml", catalog)
    runner = Runner(scenario)
    runner.play()
    trace = tmp_path / "attempt.yaml"
    info = TraceInfo(trainee="Ana", mode="practice")
    trace.write_text(trace_text(runner.phone, goal="factory_reset", info=info, admin_password=scenario.admin_password))
    app = show_app(trace=str(trace))
    assert app.subtitle == "attempt.yaml · Ana · practice · factory_reset"
    play(app, fake_time, 90.0, frame=0.5)
    grade = grade_file(trace, catalog)
    caption = app.panel_view().caption
    assert app.session.show.finished
    assert caption.result.startswith(f"{'Passed' if grade.passed else 'Not passed'} · score {grade.score}")
    assert [e.describe() for e in app.phone.events] == [e.describe() for e in runner.phone.events]


def test_a_replay_points_at_each_mistake_when_it_happens(show_app, fake_time):
    app = show_app(trace=str(ROOT / "scenarios" / "trio-8800-released-before-mute-flashes.yaml"))
    play(app, fake_time, 8.0, frame=0.25)  # let go after 2 s at 5 s
    caption = app.panel_view().caption
    assert not app.session.show.finished
    assert [m.split(":")[0] for m in caption.mistakes] == ["5.0 s let_go_before_signal"]
    play(app, fake_time, 40.0, frame=0.5)
    caption = app.panel_view().caption
    assert caption.result.startswith("Not passed · score 13") and caption.passed is False
    assert caption.do.startswith("The attempt stopped before signal")
    assert "R plays it again" in app.message


def test_without_a_display_the_demo_says_so_and_suggests_text():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "demo", "ip-650"], cwd=ROOT, capture_output=True, text=True, env=env,
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "phonesim demo ip-650 --text" in lines[0]


def test_without_a_display_replay_suggests_the_headless_commands():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    trace = "scenarios/vvx-410-reboot.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "replay", trace], cwd=ROOT, capture_output=True, text=True, env=env,
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and f"phonesim run {trace}" in lines[0] and f"phonesim grade {trace}" in lines[0]


def test_the_demo_turns_the_phone_round_while_a_pinhole_is_held(show_app, fake_time):
    app = show_app("trio-visualpro", speed=4.0)
    sides = []
    for _ in range(60):
        play(app, fake_time, 0.25, frame=0.25)
        sides.append((app.renderer.drawn.side, "restore_pin" in app.renderer.drawn.pressed))
    assert ("back", True) in sides  # the paper clip is seen going in
    assert sides[-1] == ("face", False)  # and the phone faces the class again once it is out


def test_a_lessons_demo_takes_the_lessons_own_route(catalog, capsys):
    from simulator.cli import main
    from simulator.ui.demo import demo_show

    show, _, _ = demo_show(catalog, "vvx-410", lesson="vvx-410/6.4.3/factory_reset/menu")
    assert show.plan.procedure is None and show.plan.route.by_menu  # the menu, not the combination
    assert main(["lessons", "vvx-410"]) == 0
    assert "(vvx-410/6.4.3/factory_reset/menu)" in capsys.readouterr().out  # the id to ask for
