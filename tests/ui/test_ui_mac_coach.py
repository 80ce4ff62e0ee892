"""The MAC coach window: the plan beside a phone at its reset prompt, typed from the keyboard, masked, with the
first wrong character pointed at."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from simulator.core.catalog import Catalog
from simulator.training.mac_practice import MacCoach, judge
from simulator.ui.mac_coach_view import MacCoachApp
from simulator.ui.show_session import LiveSession
from tests.ui.driving import FakeTime, click, key_down, press_key
from tests.ui.keyboard import tap, type_plan

ROOT = Path(__file__).resolve().parents[2]
MAC = "0004f2aa814c"


@pytest.fixture
def coach_app(catalog: Catalog, fake_time: FakeTime):
    pygame.display.init()
    pygame.event.set_allowed(None)
    pygame.event.clear()

    def make(model: str, mac: str | None = MAC) -> MacCoachApp:
        coach = MacCoach(catalog.load(model), mac, random.Random(7))
        app = MacCoachApp(LiveSession(catalog, coach.phone(), coach.phone, wall=fake_time), coach, sound=False)
        app.frame()
        return app

    yield make
    pygame.event.clear()


@pytest.mark.parametrize("model", ["vvx-410", "ip-650"])
def test_typing_the_plan_through_the_window_opens_the_reset(coach_app, fake_time, model):
    app = coach_app(model)
    view = app.panel_view()
    assert view.typed_as == MAC and view.mac == "00-04-F2-AA-81-4C"
    assert any("wait" in line.text for line in view.plan)  # "aa": two letters on one key
    assert view.attempt.state == "typing" and view.attempt.next_at == 0
    type_plan(app, fake_time, app.coach.plan)
    view = app.panel_view()
    assert view.attempt.state == "complete", view.attempt
    assert not any("0004" in line for line in app.phone.screen.lines)  # the phone masks every character
    tap(app, fake_time, app.phone.softkey_for("OK"))
    assert app.panel_view().attempt.state == "accepted"
    assert app.phone.state != "password_entry" and any(e.kind == "password_accepted" for e in app.phone.events)
    assert "F11 practises again, F10 with a new MAC" in app.panel_view().attempt.status


def test_the_training_modes_keys_leave_the_coachs_phone_alone(coach_app):
    app = coach_app("vvx-410")
    phone = app.phone
    press_key(app, pygame.K_F7)
    assert app.phone is phone and app.phone.state == "password_entry" and "no training modes" in app.message


def test_the_first_wrong_character_is_pointed_at_and_named_after_ok(coach_app, fake_time):
    app = coach_app("ip-650")
    type_plan(app, fake_time, app.coach.plan, upto=4)  # 0004
    tap(app, fake_time, "5")  # a digit where the plan switches to abc for 'f'
    view = app.panel_view()
    assert view.attempt.state == "wrong" and view.attempt.wrong_at == 4
    assert view.attempt.marks[:5] == ("right",) * 4 + ("wrong",)
    assert "Character 5 is wrong" in view.attempt.status and "delete" in view.attempt.status  # the IP 650 has Delete
    tap(app, fake_time, app.phone.softkey_for("OK"))
    view = app.panel_view()
    assert view.attempt.state == "rejected"
    assert "character 5 was '5' where 'f' was expected" in view.attempt.status
    tap(app, fake_time, app.phone.softkey_for("Cancel"))  # back to the prompt: a new try, the last one remembered
    view = app.panel_view()
    assert view.attempt.state == "typing" and view.last.startswith("Rejected: character 5")


def test_new_mac_again_and_blind_practice_from_the_keyboard(coach_app, fake_time):
    app = coach_app("vvx-410", mac=None)
    first = app.coach.mac
    assert first.startswith("0004f2") and len(first) == 12
    key_down(app, pygame.K_F10)
    assert app.coach.mac != first and app.phone.mac == app.coach.mac and app.phone.state == "password_entry"
    tap(app, fake_time, "1")
    key_down(app, pygame.K_F11)
    assert app.phone.entry.text == "" and app.phone.state == "password_entry"
    key_down(app, pygame.K_F12)
    assert not app.panel_view().show_plan
    click(app, app.panel.rect_of("plan").center)
    assert app.panel_view().show_plan


def test_a_model_without_a_prompt_is_told_in_one_line(catalog):
    with pytest.raises(LookupError, match="the Trio 8800 never asks for the MAC"):
        MacCoach(catalog.load("trio-8800"), MAC)


def test_judge_waits_for_a_cycling_letter_and_counts_extra_characters():
    assert judge(MAC, "0004", True).marks[4] == "typing"
    assert judge(MAC, "0004", True).state == "typing"
    over = judge(MAC, MAC + "1", False)
    assert over.state == "wrong" and over.extra == 1
    short = judge(MAC, "", False, ("rejected", "0004"))
    assert "stopped after 4 of 12" in short.status


def test_without_a_display_the_coach_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "mac-coach", "vvx-410"], cwd=ROOT, capture_output=True, text=True,
        env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1
