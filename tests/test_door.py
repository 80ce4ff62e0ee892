"""Broken files at the door: each gets exactly one line naming the file, the line and the field.

The corpus in tests/data/broken/ says on its first line what each file must get (`# expect: ...`);
files marked `(hangs)` once hung a reader and are run in a subprocess that must end within a timeout.
Huge files (megabytes, 1,500 bases) are made here, at run time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.core.catalog import MODELS_DIR, Catalog
from simulator.core.yamlio import DataError
from simulator.scenario import run_scenario

BROKEN = Path(__file__).parent / "data" / "broken"
HANG_TIMEOUT_S = 60  # generous: each of these answers in well under a second


def _expectation(path: Path) -> tuple[str, bool]:
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    tag, _, expected = first.partition(": ")
    assert tag in ("# expect", "# expect (hangs)"), f"{path.name} has no '# expect: ...' first line"
    return expected, tag.endswith("(hangs)")


def _models_folder(tmp_path: Path) -> Path:
    """A models/ folder with the real bases, for a broken model to extend."""
    folder = tmp_path / "models"
    folder.mkdir()
    for base in MODELS_DIR.glob("_*.yaml"):
        shutil.copy(base, folder / base.name)
    return folder


def _phonesim(*args: str) -> list[str]:
    """The command in its own process, for inputs that once hung: a hang fails the test instead."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        capture_output=True,
        text=True,
        timeout=HANG_TIMEOUT_S,
        env=env,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout.splitlines()


def _validate(path: Path, capsys: pytest.CaptureFixture[str], subprocess_: bool) -> list[str]:
    if subprocess_:
        return _phonesim("validate", str(path))
    assert main(["validate", str(path)]) == 1
    return capsys.readouterr().out.splitlines()


def _one_line(lines: list[str], path: Path, expected: str, summary: str) -> None:
    assert len(lines) == 2 and lines[1] == summary, lines
    assert lines[0].startswith(str(path)) and expected in lines[0], lines[0]
    assert len(lines[0]) < 300


@pytest.mark.parametrize("name", sorted(p.name for p in (BROKEN / "models").glob("*.yaml")))
def test_a_broken_model_gets_one_line(tmp_path, capsys, name):
    source = BROKEN / "models" / name
    expected, hangs = _expectation(source)
    path = _models_folder(tmp_path) / name
    shutil.copy(source, path)
    _one_line(_validate(path, capsys, hangs), path, expected, "0 valid, 1 invalid")


@pytest.mark.parametrize("name", sorted(p.name for p in (BROKEN / "scenarios").glob("*.yaml")))
def test_a_broken_scenario_gets_one_line_from_validate_and_run(tmp_path, capsys, name):
    source = BROKEN / "scenarios" / name
    expected, hangs = _expectation(source)
    path = tmp_path / name
    shutil.copy(source, path)
    _one_line(_validate(path, capsys, hangs), path, expected, "0 valid, 1 invalid")
    if hangs:
        lines = _phonesim("run", str(path))
    else:
        assert main(["run", str(path)]) == 1
        lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"FAIL  {path}") and expected in lines[0], lines
    assert lines[1:] == ["0 passed, 1 failed"] and "ends in None" not in lines[0] and "(?" not in lines[0]


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for command in ("validate", "run"):
        lines = _phonesim(command, str(fifo))
        assert f"{fifo}: expected a YAML file, got a FIFO (named pipe)" in lines[0], lines


def test_a_ten_megabyte_file_of_aliases_is_refused(tmp_path):
    path = _models_folder(tmp_path) / "aliases.yaml"
    path.write_text("a: &a [1]\nb: [" + "*a, " * 2_500_000 + "]\n")
    lines = _phonesim("validate", str(path))
    assert lines == [f"{path}: expected a file of at most 1 MB, this one is larger", "0 valid, 1 invalid"]


def test_a_file_of_aliases_under_the_size_limit_is_refused_by_its_expansion(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [" + "*a, " * 200_000 + "]\n")
    lines = _phonesim("validate", str(path))
    assert lines[0].startswith(f"{path}:2: expected at most 100,000 values, every alias counted as a copy"), lines


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/dev/null", "/dev/null: expected a YAML file, got a character device"),
        ("no-such-file.yaml", "no-such-file.yaml: the file does not exist"),
    ],
)
def test_files_that_are_not_there_or_not_files(capsys, path, expected):
    assert main(["validate", path]) == 1
    assert capsys.readouterr().out.splitlines() == [expected, "0 valid, 1 invalid"]
    assert main(["run", path]) == 1
    assert capsys.readouterr().out.splitlines() == [f"FAIL  {expected}", "0 passed, 1 failed"]


def test_a_chain_of_1500_bases_is_cut_at_the_limit(tmp_path, capsys):
    folder = _models_folder(tmp_path)
    for i in range(1500):
        (folder / f"_b{i}.yaml").write_text(f"extends: _b{i + 1}\n" if i < 1499 else "family: vvx\n")
    (folder / "deep.yaml").write_text("id: deep\nextends: [_vvx, _b0]\n")
    with pytest.raises(DataError, match=r"_b14\.yaml:1: extends: expected at most 16 files in a chain of bases"):
        Catalog(folder).load("deep")
    assert main(["validate", str(folder / "deep.yaml")]) == 1
    assert "expected at most 16 files in a chain of bases" in capsys.readouterr().out


def test_a_base_cannot_be_read_from_outside_the_models_folder(tmp_path):
    folder = _models_folder(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("family: stolen\n")
    for extends in (str(secret.with_suffix("")), "../secret", "_vvx/../../secret", ".hidden"):
        (folder / "x-1.yaml").write_text(f"id: x-1\nextends: [_vvx, '{extends}']\n")
        with pytest.raises(DataError, match=r"expected the name of a base in models/ .*no folders"):
            Catalog(folder).load("x-1")


def test_one_bad_model_does_not_break_the_others(tmp_path):
    folder = _models_folder(tmp_path)
    shutil.copy(MODELS_DIR / "vvx-410.yaml", folder)
    for name in ("huge-digits.yaml", "alias-bomb.yaml", "recursive-alias.yaml", "latin-1.yaml"):
        shutil.copy(BROKEN / "models" / name, folder)
    catalog = Catalog(folder)
    assert catalog.load("VVX 410").id == "vvx-410"
    with pytest.raises(DataError, match="at most 15 digits"):
        catalog.load("huge-digits")
    scenario = Path(__file__).parents[1] / "scenarios" / "vvx-410-factory-reset-by-mac.yaml"
    assert run_scenario(scenario, catalog)["ok"]


def test_validate_reads_each_model_file_once(monkeypatch, capsys):
    import simulator.core.model_bases as bases

    reads: list[Path] = []
    real = bases.load_file

    def counting(path: Path):
        reads.append(Path(path))
        return real(path)

    monkeypatch.setattr(bases, "load_file", counting)
    assert main(["validate"]) == 0
    assert "0 invalid" in capsys.readouterr().out
    assert len(reads) == len(set(reads)) >= len(list(MODELS_DIR.glob("*.yaml")))


def test_a_chosen_option_does_not_change_the_default_model():
    catalog = Catalog()
    upper = catalog.load("vvx-410", {"mac_case": "upper"})
    default = catalog.load("vvx-410")
    assert upper.text_entry.mac_case == "upper" and default.text_entry.mac_case == "lower"
    assert Catalog().load("vvx-410") == default and catalog.load("vvx-410", {"mac_case": "upper"}) is upper
