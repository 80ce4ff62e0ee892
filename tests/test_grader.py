"""The grader: every lesson's reference passes with 100; every mistake that applies is caught by its id."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.cli import main
from simulator.core import Catalog
from simulator.scenario import Runner
from simulator.training.grader import grade_phone, score
from simulator.training.lessons import all_lessons, find_lesson, lessons_for
from simulator.training.mistakes import MISTAKES
from simulator.training.plan import STAGE_IDS
from tests.training_cases import mistake_cases

CATALOG = Catalog()
LESSONS = all_lessons(CATALOG)


def _play(scenario, goal):
    runner = Runner(scenario)
    runner.play()
    return runner, grade_phone(runner.phone, goal, admin_password=scenario.admin_password or "456")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_lessons_reference_passes_with_100(lesson):
    for admin, mac in ((None, None), ("8675309", "00-04-F2-AA-81-4C")):
        runner, grade = _play(lesson.reference(mac=mac, admin_password=admin), lesson.plan.goal)
        assert runner.failures == [] and grade.passed and grade.score == 100, (grade.mistakes, runner.failures)
        assert [s.id for s in grade.stages] == list(lesson.plan.stage_ids())
        assert all(s.id in STAGE_IDS for s in grade.stages)


#: One lesson per model and goal (the default software): the mistakes matrix.
DEFAULT = [x for x in LESSONS if x.plan.software == x.model.software.default]
CASES = [(lesson, mistake) for lesson in DEFAULT for mistake in mistake_cases(lesson.plan)]


@pytest.mark.parametrize(("lesson", "mistake"), CASES, ids=lambda x: x if isinstance(x, str) else x.id)
def test_each_mistake_is_caught_by_its_id(lesson, mistake):
    scenario = mistake_cases(lesson.plan)[mistake]
    runner, grade = _play(scenario, lesson.plan.goal)
    found = [m.id for m in grade.mistakes]
    assert mistake in found, (found, runner.failures, [m.detail for m in grade.mistakes])
    assert grade.score < 100
    if not grade.passed:
        assert "gave_up" in found and grade.score <= 50


def test_the_matrix_covers_every_mistake_id():
    assert {mistake for _, mistake in CASES} == set(MISTAKES)


def test_letting_go_early_says_by_how_much():
    lesson = find_lesson(CATALOG, "vvx410/6.4.3/factory_reset")
    _, grade = _play(mistake_cases(lesson.plan)["released_early"], "factory_reset")
    early = next(m for m in grade.mistakes if m.id == "released_early")
    assert "0.8 s early" in early.detail and "held 2.2 s of the 3 s" in early.detail


def test_the_mac_in_upper_case_is_named_as_such():
    lesson = find_lesson(CATALOG, "VVX 410/6.4.3/factory_reset")
    _, grade = _play(mistake_cases(lesson.plan)["password_case"], "factory_reset")
    assert [m.id for m in grade.mistakes][:1] == ["password_case"]
    assert "0004F2AA814C" in grade.mistakes[0].detail and "lower case" in grade.mistakes[0].detail


@given(st.booleans(), st.integers(0, 30), st.integers(0, 12), st.booleans(), st.integers(0, 30), st.integers(0, 12))
def test_every_failure_scores_below_every_pass_and_mistakes_never_raise_it(p1, m1, r1, p2, m2, r2):
    a, b = score(p1, m1, r1, 12), score(p2, m2, r2, 12)
    assert 0 <= a <= 100
    if p1 and not p2:
        assert a > b
    if p1 == p2 and r1 == r2 and m1 < m2:
        assert a >= b
        if p1 and m2 <= 5:
            assert a > b  # each of the first mistakes costs points


def test_a_clean_pass_is_100_and_a_mistake_lowers_it():
    assert score(True, 0, 9, 9) == 100
    assert score(True, 1, 9, 9) == 90 > score(True, 2, 9, 9) == 82
    assert score(False, 0, 9, 9) == 50 > score(False, 1, 9, 9)


def test_lessons_cover_every_model_and_software_era():
    for model_id in CATALOG.ids():
        model = CATALOG.load(model_id)
        assert bool(lessons_for(model)) == bool(model.procedures), model_id  # a device without one: no lesson
    eras = {x.plan.software for x in LESSONS if x.model.id == "ip-650"}
    assert {"2.0.0", "3.3.0", "4.0.1"} <= eras  # BootROM, Updater without full reset, full reset
    device = find_lesson(CATALOG, "ip-650/3.3.0/device_reset")
    assert "device settings only" in device.era and device.plan.stage_ids()[1] == "cancel_offered"


def test_cli_grade_prints_json_per_file_and_exit_codes(tmp_path, capsys):
    assert main(["grade", "scenarios/vvx-410-factory-reset-by-mac.yaml", "--json"]) == 0
    out = json.loads(capsys.readouterr().out.splitlines()[0])
    assert list(out) == ["file", "model", "software", "goal", "passed", "score", "stages", "mistakes"]
    assert (
        out["passed"] and out["score"] == 100 and out["stages"][0] == {"id": "power_on", "start": 0.0, "seconds": 4.0}
    )
    assert main(["grade", "scenarios/vvx-410-combination-too-late.yaml"]) == 1
    assert "combo_too_late" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("model: VVX 410\ngoal: reboots\nsteps: [power_on]\n")
    assert main(["grade", str(bad)]) == 2
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith(f"{bad}:2: goal: expected one of") or "bad.yaml:2: goal: expected one of" in line


def test_cli_grade_goal_the_model_has_not_is_a_bad_file(capsys):
    assert main(["grade", "scenarios/trio-8800-factory-reset.yaml", "--goal", "upload_logs"]) == 2
    assert "has no upload_logs" in capsys.readouterr().out


def test_cli_lessons_lists_and_explains(capsys):
    assert main(["lessons"]) == 0
    out = capsys.readouterr().out
    assert "vvx-410/6.4.3/factory_reset" in out and f"{len(LESSONS)} lessons" in out
    assert main(["lessons", "Trio 8800"]) == 0
    out = capsys.readouterr().out
    assert "the four corners of the screen" in out and "Let go now." in out and "Why:" in out
