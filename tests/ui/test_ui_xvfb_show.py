"""The demo and the MAC coach in a real window (Xvfb), driven from the keyboard with xdotool, quit cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.ui.test_ui_xvfb import ROOT, display, pytestmark, wait_for  # noqa: F401  (the X server fixture and its skip)


@pytest.mark.parametrize(
    ("command", "title", "keys"),
    [
        (["demo", "vvx-410", "--speed", "4"], "phonesim — Demo · VVX 410", ["period", "space", "n", "n", "r", "q"]),
        (["mac-coach", "ip-650"], "phonesim — MAC coach · SoundPoint IP 650", ["F12", "0", "F10", "F11", "ctrl+q"]),
    ],
)
def test_the_window_opens_takes_its_keys_and_quits(display, command, title, keys):  # noqa: F811
    env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy"}
    app = subprocess.Popen(
        [sys.executable, "-m", "simulator", *command], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True
    )

    def xdotool(*args: str) -> str:
        done = subprocess.run(["timeout", "10", "xdotool", *args], env=env, capture_output=True, text=True, check=True)
        return done.stdout

    try:
        window = xdotool("search", "--sync", "--pid", str(app.pid)).split()[0]
        wait_for(lambda: xdotool("getwindowname", window).strip() == title, 10, "the window's title")
        xdotool("windowfocus", "--sync", window)
        for key in keys:
            xdotool("key", key)
            time.sleep(0.2)
        _, err = app.communicate(timeout=10)
        assert app.returncode == 0 and "Traceback" not in err
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
