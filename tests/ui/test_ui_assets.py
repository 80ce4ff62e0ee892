"""`assets/`: the window's theme, sounds and icon are data files, checked at the door, shipped in the wheel,
and never read by the engine."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pygame
import pytest

from simulator.core.yamlio import DataError
from simulator.ui.assets import THEME, asset, assets_dir, load_sounds, load_theme
from simulator.ui.icon import draw_icon

ROOT = Path(__file__).resolve().parents[2]
THEME_TEXT = (ROOT / "assets" / "theme.yaml").read_text()
SOUNDS_TEXT = (ROOT / "assets" / "sounds.yaml").read_text()


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_window_reads_the_checkouts_assets_folder():
    assert assets_dir() == ROOT / "assets"
    assert THEME.sizes.min_window == (900, 600)
    assert THEME.panel.text == (226, 230, 236)


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        ('  text: "#e2e6ec"\n  muted', "  text: white\n  muted", "panel.text", 'expected a colour like "#1e2228"'),
        ('  heading: "#7cb0ff"', '  headline: "#7cb0ff"', "panel.headline", "unknown field"),
        ("  min_window: [900, 600]", "  min_window: [900]", "sizes.min_window", "expected [width, height]"),
        ("  min_window: [900, 600]", "  min_window: [2000, 600]", "sizes.min_window", "no larger than default_window"),
        ("  small_text: 12", "  small_text: -3", "sizes.small_text", "expected a whole number"),
        ("  dim_alpha: 190", "  dim_alpha: 300", "panel.dim_alpha", "expected an opacity from 0 to 255"),
        ("  dim_alpha: 190", "  dim_alpha: 1e9999", "panel.dim_alpha", "expected a whole number"),
    ],
)
def test_a_bad_theme_value_is_one_line_naming_file_line_and_field(tmp_path, old, new, field, expected):
    assert old in THEME_TEXT
    bad = tmp_path / "theme.yaml"
    bad.write_text(THEME_TEXT.replace(old, new, 1))
    with pytest.raises(DataError) as caught:
        load_theme(bad)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{bad}:{line_of(bad.read_text(), new.split(':')[0] + ':')}: {field}: ")
    assert expected in message


def test_a_theme_missing_a_colour_says_which(tmp_path):
    bad = tmp_path / "theme.yaml"
    bad.write_text(THEME_TEXT.replace('  success: "#40c46c"', ""))
    with pytest.raises(DataError, match=r"events\.success: is required"):
        load_theme(bad)


def test_a_theme_that_is_not_yaml_is_one_line(tmp_path):
    bad = tmp_path / "theme.yaml"
    bad.write_text("panel: [\n")
    with pytest.raises(DataError, match=r"valid YAML"):
        load_theme(bad)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("volume: 0.3", "volume: 3", "volume: expected a share of full scale from 0 to 1"),
        ("{frequency: 2400, seconds: 0.02}", "{frequency: 2400, seconds: 99}", "click: expected an audible tone"),
        ("{frequency: 2400, seconds: 0.02}", "{frequency: 5, seconds: 0.02}", "click.frequency: expected a number"),
        ("buffer: 512", "buffer: 3", "buffer: expected samples per buffer"),
    ],
)
def test_a_bad_sound_setting_is_one_line(tmp_path, old, new, expected):
    bad = tmp_path / "sounds.yaml"
    bad.write_text(SOUNDS_TEXT.replace(old, new, 1))
    with pytest.raises(DataError) as caught:
        load_sounds(bad)
    assert expected in str(caught.value) and str(caught.value).startswith(f"{bad}:")


def test_the_committed_icon_is_what_the_icon_module_draws():
    pygame.display.init()
    committed = pygame.image.load(str(asset("icon.png")))
    drawn = draw_icon()
    assert committed.get_size() == drawn.get_size() == (64, 64)
    for y in range(64):
        for x in range(64):
            assert committed.get_at((x, y)) == drawn.get_at((x, y)), (x, y)


def test_no_module_of_the_engine_names_the_assets():
    for path in sorted((ROOT / "simulator" / "core").rglob("*.py")):
        assert "assets" not in path.read_text(), f"{path.name} mentions assets"


ENGINE_RUN = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
from simulator.core.catalog import Catalog
from simulator.scenario import run_scenario
result = run_scenario("scenarios/vvx-410-factory-reset-by-mac.yaml", Catalog())
assert result["ok"], result
print("\\n".join(opened))
"""


def test_the_engine_runs_a_whole_scenario_without_opening_a_file_in_assets():
    done = subprocess.run(
        [sys.executable, "-c", ENGINE_RUN], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    opened = done.stdout.splitlines()
    assert any("models" in path for path in opened)  # the hook sees the engine's own reads
    assert not [path for path in opened if "assets" in Path(path).parts]


def test_the_wheel_lists_every_package_and_carries_every_asset():
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "simulator").rglob("__init__.py")} | {
        "simulator.assets"
    }
    assert set(tool["packages"]) == found, "a package folder is missing from pyproject's packages list"
    assert tool["package-dir"]["simulator.assets"] == "assets"
    globs = tool["package-data"]["simulator.assets"]
    files = [p for p in (ROOT / "assets").iterdir() if p.is_file()]
    assert files and all(any(p.match(g) for g in globs) for p in files), "an asset the wheel would leave out"
