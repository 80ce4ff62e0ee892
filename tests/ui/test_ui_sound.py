"""The window's sound: silent without a sound card, in a word as well as in sound."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WINDOW_WITH_SOUND = """
import pygame
from simulator.core.catalog import Catalog
from simulator.ui.app import App
from simulator.ui.session import Session

pygame.display.init()
catalog = Catalog()
app = App(Session.open(catalog, "vvx-410"))
app.act("power")
app.frame()
print("sound device open:", app.sounds.enabled)
pygame.quit()
"""


def test_the_window_prints_nothing_on_stderr_whether_or_not_there_is_a_sound_card():
    # SDL_AUDIODRIVER unset, as a trainee runs it: on a machine without sound, ALSA prints eight error
    # lines of its own while the mixer looks for a device, unless the window keeps them quiet.
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    env.update(SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_WITH_SOUND], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "sound device open:" in done.stdout
    assert done.stderr == ""
