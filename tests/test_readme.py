"""The README documents the public contract: it stays in step with the code's own lists."""

import re
from pathlib import Path

import pytest

from simulator.core.events import EVENT_KINDS
from simulator.core.keys import NAMED_KEYS
from simulator.core.model import LED_STATES, PHASES, PROCEDURE_ACTIONS
from simulator.scenario import EXPECT_FIELDS, STEP_KINDS, WAIT_FIELDS

README = (Path(__file__).parents[1] / "README.md").read_text()


def section(title: str) -> str:
    """The text of one README section, from its heading to the next heading of the same or higher level."""
    match = re.search(rf"^(#+) {re.escape(title)}\n(.*?)(?=^#{{1,3}} |\Z)", README, re.M | re.S)
    assert match, f"README has no section {title!r}"
    return match.group(2)


def rows(title: str) -> str:
    """The first column of every row of the section's table(s)."""
    return "\n".join(line.split("|")[1] for line in section(title).splitlines() if line.startswith("| `"))


@pytest.mark.parametrize("word", PHASES)
def test_phases_table(word):
    assert f"`{word}`" in rows("Phases")


@pytest.mark.parametrize("word", EVENT_KINDS)
def test_event_kinds_table(word):
    assert f"`{word}`" in rows("Event kinds")


@pytest.mark.parametrize("word", NAMED_KEYS)
def test_key_ids_table(word):
    assert f"`{word}`" in section("Key ids")


@pytest.mark.parametrize("word", STEP_KINDS)
def test_scenario_steps_table(word):
    assert f"`{word}" in rows("Scenarios")


@pytest.mark.parametrize("word", [f"`{w}`" for w in EXPECT_FIELDS] + [f"{{{w}:" for w in WAIT_FIELDS])
def test_expect_and_wait_fields(word):
    assert word in section("Scenarios")


@pytest.mark.parametrize("word", LED_STATES)
def test_led_states(word):
    assert f"`{word}`" in section("LED states")


@pytest.mark.parametrize("word", PROCEDURE_ACTIONS)
def test_procedure_actions(word):
    assert f"`{word}`" in section("Procedures")


def test_readme_shows_the_two_commands_first():
    assert README.index("make run") < README.index("make test") < README.index("## The window")


def _training_names() -> list[str]:
    from simulator.training.live import WINDOW_MODES
    from simulator.ui.shortcuts import APP_HELP

    keys = [f"**{APP_HELP[name]}**" for name in ("mode", "hint", "end", "retry", "save")]
    flags = ["--mode", "--lesson ID", "--trainee NAME", "--open TRACE", "--items", "--seed N", "--models"]
    state = ["`mode`", "`step`", "`highlighted`", "`mistakes`", "`card`", "`exam`", "`asking`"]
    return [f"`{m}`" for m in WINDOW_MODES] + keys + flags + state


@pytest.mark.parametrize("word", _training_names())
def test_training_modes_section_names_every_mode_key_flag_and_state_field(word):
    text = "".join(section(title) for title in ("Training modes", "Trainees and records", "Exams", "Command line"))
    assert word in text


def test_for_trainers_gives_a_demo_an_exam_and_a_practice_session():
    text = section("For trainers")
    assert "phonesim demo " in text and "phonesim exam " in text and "--mode practice" in text
