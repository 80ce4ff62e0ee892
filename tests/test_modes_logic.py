"""What the window's modes draw, computed in plain Python: the coach, exams, the player, the MAC coach."""

from __future__ import annotations

from simulator.core import Catalog, Phone
from simulator.scenario import Runner
from simulator.training.coach import Coach, card_rows
from simulator.training.exam import make_exam
from simulator.training.grader import Attempt
from simulator.training.lessons import find_lesson
from simulator.training.maccoach import first_wrong, mac_plan
from simulator.training.player import Player
from tests.helpers import hold, softkey, to_countdown

CATALOG = Catalog()


def _coached(lesson_id: str = "vvx-410/6.4.3/factory_reset") -> tuple[Phone, Coach]:
    lesson = find_lesson(CATALOG, lesson_id)
    phone = Phone(lesson.model)
    return phone, Coach(lesson.plan, Attempt(phone.mac, "456"), phone.events)


def test_the_coach_says_what_to_do_next_and_explains_a_mistake_at_once():
    phone, coach = _coached()
    assert coach.hint().text == "Connect power."  # type: ignore[union-attr]
    phone.power_on()
    coach.follow()
    assert coach.hint().text.startswith("Wait for the phone to offer Cancel")  # type: ignore[union-attr]
    phone.run_until(lambda: phone.softkey_for("Cancel") is not None, 60)
    coach.follow()
    hint = coach.hint()
    assert "Press Cancel now" in hint.text and hint.keys == ("softkey_1",)  # type: ignore[union-attr]
    softkey(phone, "Cancel")
    coach.follow()
    assert coach.hint().keys == ("1", "3", "5") and coach.hint().hold_seconds == 3  # type: ignore[union-attr]
    hold(phone, ["1", "3", "5"], 2.2)
    news = coach.follow()
    assert [m.id for m in news] == ["released_early"] and "0.8 s early" in news[0].detail
    assert coach.follow() == []  # told once


def test_a_practice_hint_costs_points_but_never_fails_a_pass():
    lesson = find_lesson(CATALOG, "vvx-410/6.4.3/factory_reset")
    runner = Runner(lesson.reference())
    runner.play()
    coach = Coach(lesson.plan, Attempt(runner.phone.mac, "456"), runner.phone.events)
    assert coach.result().score == 100
    coach.ask_hint()
    coach.ask_hint()
    assert coach.result().score == 90 and coach.done
    rows = card_rows(coach.result(), {"cancel": 0.5, "combo_held": 3.0})
    cancel = next(r for r in rows if r.stage == "cancel")
    assert cancel.best == 0.5 and cancel.diff == cancel.seconds - 0.5


def test_the_same_seed_gives_the_same_exam_and_some_items_need_the_mac():
    one = make_exam(CATALOG, seed=42, items=8)
    assert one == make_exam(CATALOG, seed=42, items=8) and one.id == make_exam(CATALOG, seed=42, items=8).id
    assert one != make_exam(CATALOG, seed=43, items=8)
    big = make_exam(CATALOG, seed=7, items=40, models=["VVX 410", "SoundPoint IP 650", "Trio 8800"])
    assert {i.model for i in big.items} <= {"vvx-410", "ip-650", "trio-8800"}
    changed = [i for i in big.items if i.admin_password]
    assert changed and all(i.goal == "factory_reset" and i.model != "trio-8800" for i in changed)
    item = big.items[0]
    assert len(item.sticker) == 17 and item.sticker.startswith("00-04-F2")
    phone = item.phone(CATALOG)
    assert phone.mac == item.mac and phone.model.id == item.model


def test_the_player_plays_a_reference_at_any_frame_rate_to_the_same_events():
    lesson = find_lesson(CATALOG, "trio-8800/5.9.2/factory_reset")
    fast, slow = Player(lesson.reference(), speed=4.0), Player(lesson.reference(), speed=0.5)
    while not fast.finished:
        fast.advance(0.5)
    while not slow.finished:
        slow.advance(1 / 60 * 37)
    assert [e.to_dict() for e in fast.phone.events] == [e.to_dict() for e in slow.phone.events]
    paused = Player(lesson.reference())
    paused.paused = True
    paused.advance(100)
    assert paused.phone.now_ms == 0
    paused.step()
    assert paused.phone.phase == "boot"


def test_the_mac_coach_plans_every_character_and_points_at_the_first_wrong_one():
    typed, lines = mac_plan(CATALOG.load("vvx-410"), "00-04-F2-AA-81-4C")
    assert typed == "0004f2aa814c" and [line.char for line in lines] == list(typed)
    assert lines[7].text.startswith("a: wait 1.5 s") and lines[4].keys == ("mode", "3", "3", "3")
    assert first_wrong(typed, "0004f2b") == 6 and first_wrong(typed, typed) is None and first_wrong(typed, "00") == 2
    upper, _ = mac_plan(CATALOG.load("vvx-410", {"mac_case": "upper"}), "0004f2aa814c")
    assert upper == "0004F2AA814C"


def test_a_combination_held_before_cancel_is_explained():
    phone, coach = _coached()
    phone.power_on()
    hold(phone, ["1", "3", "5"], 4)
    assert [m.id for m in coach.follow()] == ["combo_too_early"]
    to_countdown(phone)
    assert coach.follow() == []
