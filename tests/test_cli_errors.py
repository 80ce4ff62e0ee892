"""Files the command line is asked to write: a missing folder or a folder gets one line, never a traceback."""

from __future__ import annotations

import pytest

from simulator.cli import main


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_screenshot_into_a_missing_folder(tmp_path, capsys):
    out = tmp_path / "nowhere" / "phone.png"
    assert main(["screenshot", "--model", "vvx-410", "-o", str(out)]) == 2
    line = one_line(capsys)
    assert line.startswith("phonesim: -o ") and f"the folder {out.parent} does not exist" in line
    assert not out.parent.exists()


def test_screenshot_onto_a_folder(tmp_path, capsys):
    assert main(["screenshot", "--model", "vvx-410", "-o", str(tmp_path)]) == 2
    line = one_line(capsys)
    assert "is a folder" in line and str(tmp_path / "phone.png") in line


def test_screenshot_inside_a_file_as_if_it_were_a_folder(tmp_path, capsys):
    (tmp_path / "file").write_text("")
    assert main(["screenshot", "--model", "vvx-410", "-o", str(tmp_path / "file" / "phone.png")]) == 2
    assert "is not a folder" in one_line(capsys)


def test_screenshot_smaller_than_the_window_can_be(tmp_path, capsys):
    assert main(["screenshot", "--model", "vvx-410", "-o", str(tmp_path / "x.png"), "--size", "640x480"]) == 2
    assert "at least 900x600" in one_line(capsys)
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("where", ["missing", "folder"])
def test_state_file_in_a_missing_folder_or_a_folder_is_refused_before_the_window_opens(tmp_path, capsys, where):
    path = tmp_path / "nowhere" / "state.json" if where == "missing" else tmp_path
    assert main(["--model", "vvx-410", "--state-file", str(path)]) == 2
    line = one_line(capsys)
    assert line.startswith("phonesim: --state-file ")
    assert ("does not exist" in line) if where == "missing" else ("is a folder" in line)
