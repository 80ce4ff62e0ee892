"""`phonesim screenshot`, the window's clear line without a display, and commands that never load pygame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env, check=False
    )


def test_screenshot_draws_the_phone_after_a_scenario(tmp_path, capsys):
    out = tmp_path / "phone.png"
    scenario = ROOT / "scenarios" / "vvx-410-factory-reset-by-mac.yaml"
    assert main(["screenshot", "--scenario", str(scenario), "-o", str(out), "--size", "1280x800"]) == 0
    assert "VVX 410, running" in capsys.readouterr().out
    image = pygame.image.load(str(out))
    assert image.get_size() == (1280, 800)


def test_screenshot_of_a_model_named_by_its_name(tmp_path, capsys):
    out = tmp_path / "phone.png"
    assert main(["screenshot", "--model", "SoundPoint IP 650", "-o", str(out)]) == 0
    assert "SoundPoint IP 650, off" in capsys.readouterr().out


def test_screenshot_from_behind_after_the_docs_scenario(tmp_path, capsys):
    out = tmp_path / "back.png"
    scenario = ROOT / "docs" / "screenshots" / "back.yaml"
    assert main(["screenshot", "--scenario", str(scenario), "--back", "-o", str(out)]) == 0
    assert "Trio VisualPro, boot" in capsys.readouterr().out
    assert pygame.image.load(str(out)).get_size() == (1280, 800)


def test_no_display_gives_one_clear_line_not_a_traceback():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    result = run("-m", "simulator", "--model", "vvx-410", env=env)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("phonesim")]
    assert len(lines) == 1 and "phonesim screenshot" in lines[0] and "phonesim run" in lines[0]
    assert "Traceback" not in result.stderr


def test_list_and_run_never_import_pygame():
    code = (
        "import sys; from simulator.cli import main; main(['list']); main(['run', 'scenarios']); "
        "print('pygame' in sys.modules)"
    )
    result = run("-c", code)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stdout + result.stderr
