"""The README's "Configuration and provisioning" section names every reset, method and change the code takes."""

import re
from pathlib import Path

import pytest

from simulator.core.config import RESETS
from simulator.core.parameters import GROUPS, TYPES
from simulator.core.provisioning import METHODS
from simulator.core.server_setup import CHANGES

README = (Path(__file__).parents[1] / "README.md").read_text()
SECTION = re.search(r"^## Configuration and provisioning\n(.*?)(?=^## |\Z)", README, re.M | re.S).group(1)


@pytest.mark.parametrize("reset_id", list(RESETS))
def test_each_reset_has_a_row_with_its_label(reset_id):
    row = next((line for line in SECTION.splitlines() if f"| `{reset_id}` |" in line), None)
    assert row is not None, reset_id
    assert row.startswith(f"| {RESETS[reset_id].label}")


@pytest.mark.parametrize("word", [*METHODS, *CHANGES, *GROUPS, *TYPES, "address", "found_by", "software", "files"])
def test_each_word_of_the_server_block_and_catalog_is_documented(word):
    assert f"`{word}" in SECTION or f"{word}:" in SECTION or f"{{{word}:" in SECTION
