"""End to end in a real window: Xvfb, the app as `phonesim` runs it, xdotool as the person at the keyboard.

Skipped when Xvfb or xdotool is missing (.ci/run installs them when it can).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool")


@pytest.fixture
def display() -> Iterator[str]:
    """A private X server; `-displayfd` lets it pick a free display number and tell us which."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"], pass_fds=(write,)
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for(done: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@contextmanager
def phonesim_window(env: dict[str, str], *args: str, **popen: Any) -> Iterator[subprocess.Popen]:
    """`phonesim ARGS` in a process of its own, killed at the end if it is still there."""
    app = subprocess.Popen([sys.executable, "-m", "simulator", *args], cwd=ROOT, env=env, **popen)
    try:
        yield app
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def xdotool_on(env: dict[str, str]) -> Callable[..., str]:
    """xdotool on the test's display, each call at most 10 s."""

    def xdotool(*args: str) -> str:
        done = subprocess.run(["timeout", "10", "xdotool", *args], env=env, capture_output=True, text=True, check=True)
        return done.stdout

    return xdotool


def state_of(state_file: Path) -> Callable[[], dict[str, Any]]:
    """The window's --state-file as it is now (empty before the first write)."""

    def state() -> dict[str, Any]:
        try:
            return json.loads(state_file.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    return state


def test_a_factory_reset_reaches_the_password_prompt_in_a_real_window(display, tmp_path):
    state_file = tmp_path / "state.json"
    env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy"}
    app = subprocess.Popen(
        [sys.executable, "-m", "simulator", "--model", "vvx-410", "--state-file", str(state_file)], cwd=ROOT, env=env
    )
    xdotool, state = xdotool_on(env), state_of(state_file)

    try:
        window = xdotool("search", "--sync", "--pid", str(app.pid)).split()[0]
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "p")  # power on
        wait_for(lambda: state().get("phase") == "boot", 10, "the boot")
        xdotool("key", "F9")  # jump to the Cancel screen
        wait_for(lambda: "Cancel" in (state().get("softkeys") or []), 10, "Cancel")
        xdotool("key", "F1")  # Cancel is on softkey 1
        wait_for(lambda: state().get("phase") == "countdown", 10, "the countdown")
        xdotool("keydown", "1", "keydown", "3", "keydown", "5")
        wait_for(lambda: state().get("phase") == "password", 10, "the password prompt")
        xdotool("keyup", "1", "keyup", "3", "keyup", "5")
        assert "Enter admin password" in state()["screen"]
        xdotool("key", "ctrl+q")
        assert app.wait(timeout=10) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def test_a_real_window_without_a_sound_card_says_nothing_snaps_back_to_its_minimum_and_quits(display, tmp_path):
    # As a trainee starts it: no SDL_AUDIODRIVER, so SDL asks ALSA, which complains on stderr unless kept quiet.
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_AUDIODRIVER", "SDL_VIDEODRIVER")}
    env.update(DISPLAY=display, PYGAME_HIDE_SUPPORT_PROMPT="1")
    state_file = tmp_path / "state.json"
    app = subprocess.Popen(
        [sys.executable, "-m", "simulator", "--model", "vvx-410", "--state-file", str(state_file)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    xdotool = xdotool_on(env)

    def geometry() -> str:
        """The window's geometry; snapping back may make SDL replace the window, so ids come and go."""
        try:
            window = xdotool("search", "--sync", "--pid", str(app.pid)).split()[-1]
            return xdotool("getwindowgeometry", window)
        except subprocess.CalledProcessError:
            return ""

    try:
        wait_for(state_file.exists, 10, "the first frame")  # written once the window is up
        window = xdotool("search", "--sync", "--pid", str(app.pid)).split()[0]
        xdotool("windowsize", window, "600", "400")
        wait_for(lambda: "Geometry: 900x600" in geometry(), 10, "the window to snap back to 900x600")
        window = xdotool("search", "--sync", "--pid", str(app.pid)).split()[-1]
        xdotool("windowfocus", "--sync", window)
        xdotool("key", "ctrl+q")
        _, err = app.communicate(timeout=10)
        assert app.returncode == 0
        assert err == ""
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def test_a_guided_lesson_is_completed_with_the_keyboard_and_ends_in_the_result_card(display, tmp_path):
    state_file = tmp_path / "state.json"
    env = {**os.environ, "DISPLAY": display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "dummy"}
    env["PHONESIM_DATA_DIR"] = str(tmp_path / "data")
    command = ["--mode", "guided", "--lesson", "vvx-410/6.4.3/factory_reset", "--trainee", "Ana Silva"]
    xdotool, state = xdotool_on(env), state_of(state_file)

    def softkey(label: str) -> str:
        """The F key of the softkey showing `label` (F1 is the first softkey)."""
        return f"F{state()['softkeys'].index(label) + 1}"

    with phonesim_window(env, *command, "--state-file", str(state_file)) as app:
        xdotool("windowfocus", "--sync", xdotool("search", "--sync", "--pid", str(app.pid)).split()[0])
        wait_for(lambda: state().get("step") == "Connect power.", 10, "the first step")
        xdotool("key", "period", "period")  # the clock at 4x: the reset's reboot takes a minute at 1x
        xdotool("key", "p", "F9")  # power on, skip the boot to the Cancel screen
        wait_for(lambda: state().get("highlighted") == ["softkey_1"], 10, "the coach to ring Cancel")
        xdotool("key", "F1")
        wait_for(lambda: state().get("highlighted") == ["1", "3", "5"], 10, "the coach to ring 1 3 5")
        xdotool("keydown", "1", "keydown", "3", "keydown", "5")
        wait_for(lambda: state().get("phase") == "password", 10, "the password prompt")
        xdotool("keyup", "1", "keyup", "3", "keyup", "5")
        xdotool("key", "4", "5", "6")
        wait_for(lambda: "OK" in state().get("softkeys", []), 5, "OK")
        xdotool("key", softkey("OK"))
        wait_for(lambda: state().get("phase") == "confirm", 10, "the confirmation")
        xdotool("key", softkey("Yes"))
        wait_for(lambda: state().get("card") is not None, 60, "the result card")
        card = state()["card"]
        assert card["passed"] and card["score"] == 100 and card["mistakes"] == []
        assert card["stages"][-1] == "idle" and any("Kept for Ana Silva" in note for note in card["notes"])
        xdotool("key", "ctrl+q")
        assert app.wait(timeout=10) == 0
