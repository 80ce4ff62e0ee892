"""The --state-file: whole files for readers, even with two windows on one file or a window killed mid-write."""

from __future__ import annotations

import json
import os
import time

from simulator.ui import state_file
from simulator.ui.state_file import STALE_SECONDS, StateFile, remove_stale


def test_two_windows_on_one_state_file_never_write_into_each_others_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    first, second = StateFile(path), StateFile(path)
    real_replace = os.replace
    sources = []

    def second_writes_in_between(src: str, dst: str) -> None:
        # The first window is between writing its temporary file and renaming it when the second writes.
        sources.append(src)
        if len(sources) == 1:
            assert second.write({"phase": "boot", "t": 1.0})
        real_replace(src, dst)

    monkeypatch.setattr(state_file.os, "replace", second_writes_in_between)
    assert first.write({"phase": "off", "t": 0.0})
    assert first.error is None and second.error is None
    assert len(set(sources)) == 2  # each its own temporary file
    assert json.loads(path.read_text()) == {"phase": "off", "t": 0.0}  # whole: the last one renamed
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary file left


def test_only_a_change_other_than_the_clock_is_written(tmp_path):
    writer = StateFile(tmp_path / "state.json")
    assert writer.write({"phase": "off", "t": 0.0})
    assert not writer.write({"phase": "off", "t": 5.0})
    assert writer.write({"phase": "boot", "t": 5.0})


def test_temporary_files_left_by_a_killed_window_are_removed_when_the_next_one_starts(tmp_path):
    path = tmp_path / "state.json"
    stale = tmp_path / ".state.json.k3j9x2ab.tmp"  # a window killed between write and rename
    fresh = tmp_path / ".state.json.a1b2c3d4.tmp"  # another window writing right now
    unrelated = [tmp_path / ".other.json.zzzz.tmp", tmp_path / "state.json.tmp", tmp_path / "notes.tmp"]
    for file in [stale, fresh, *unrelated]:
        file.write_text("{")
    old = time.time() - STALE_SECONDS - 5
    for file in [stale, *unrelated]:
        os.utime(file, (old, old))
    StateFile(path)
    assert not stale.exists()
    assert fresh.exists() and all(file.exists() for file in unrelated)


def test_remove_stale_reports_what_it_removed(tmp_path):
    path = tmp_path / "s.json"
    leftover = tmp_path / ".s.json.x.tmp"
    leftover.write_text("")
    assert remove_stale(path, now=time.time() + STALE_SECONDS + 1) == [leftover]


def test_a_state_file_whose_folder_goes_away_says_so_once_and_keeps_trying(tmp_path):
    folder = tmp_path / "gone"
    folder.mkdir()
    writer = StateFile(folder / "state.json")
    folder.rmdir()
    assert not writer.write({"phase": "off"})
    assert writer.error is not None and writer.error.startswith(f"--state-file {folder / 'state.json'}: ")
    folder.mkdir()
    assert writer.write({"phase": "off"})
    assert writer.error is None
    assert json.loads((folder / "state.json").read_text()) == {"phase": "off"}
