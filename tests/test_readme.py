"""The README documents the public contract: phases, event kinds and key ids stay in step with the code."""

from pathlib import Path

import pytest

from simulator.core.events import EVENT_KINDS
from simulator.core.keys import NAMED_KEYS
from simulator.core.model import PHASES

README = (Path(__file__).parents[1] / "README.md").read_text()


@pytest.mark.parametrize("word", [*PHASES, *EVENT_KINDS, *NAMED_KEYS])
def test_readme_documents(word):
    assert f"`{word}`" in README


def test_readme_shows_the_two_commands():
    assert "make run" in README and "make test" in README
