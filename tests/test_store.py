"""The progress store keeps every finished attempt whole, finds personal bests, and survives broken files."""

import sqlite3
from pathlib import Path

import platformdirs
import pytest

from simulator.training import schema
from simulator.training.samples import make_attempt
from simulator.training.store import Attempt, StoreError, open_store, record_attempt


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path))
    return tmp_path


def test_the_store_lives_in_the_user_data_folder_unless_PHONESIM_DATA_DIR_says(monkeypatch, tmp_path):
    monkeypatch.delenv("PHONESIM_DATA_DIR", raising=False)
    assert schema.default_path() == Path(platformdirs.user_data_dir("phonesim")) / "progress.sqlite3"
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path / "class"))
    assert schema.default_path() == tmp_path / "class" / "progress.sqlite3"


def test_record_attempt_writes_one_whole_attempt_into_the_data_folder(data_dir):
    a = make_attempt(mistakes=("released_early",), mode="exam", exam_id="exam-7", item=2)
    attempt_id = record_attempt(
        a.grade, trainee="Ana Silva", trace=a.trace, started=a.started, ended=a.ended, mode="exam", exam_id="exam-7",
        item=2,
    )  # fmt: skip
    with open_store() as store:
        (back,) = store.load()
    assert (data_dir / "progress.sqlite3").exists()
    assert back.id == attempt_id
    assert back.attempt == a
    assert back.uid == a.uid


def test_the_same_attempt_stored_twice_is_kept_once(tmp_path):
    with open_store(tmp_path / "p.sqlite3") as store:
        first = store.record(make_attempt())
        again = store.record(make_attempt())
        other = store.record(make_attempt(started="2026-11-02T09:05:00+00:00"))
        assert first == again != other
        assert store.count() == 2


def test_personal_bests_come_from_passed_attempts_only(tmp_path):
    with open_store(tmp_path / "p.sqlite3") as store:
        for minute, (passed, boot, cancel) in enumerate([(True, 14.0, 2.5), (True, 12.0, 3.0), (False, 9.0, 1.0)]):
            started = f"2026-11-02T09:{minute:02d}:00+00:00"
            store.record(make_attempt(passed=passed, stages=(("boot", boot), ("cancel", cancel)), started=started))
        store.record(make_attempt("Ben Okafor", stages=(("boot", 5.0),)))
        bests = store.personal_bests("Ana Silva", "vvx-410", "factory_reset")
        assert bests is not None
        assert (bests.seconds, bests.passes, bests.stages) == (15.0, 2, {"boot": 12.0, "cancel": 2.5})
        assert store.personal_bests("Ana Silva", "vvx-410", "reboot") is None


@pytest.mark.parametrize("bad", [{"trainee": " "}, {"mode": "sandbox"}])
def test_an_attempt_without_a_trainee_or_with_an_unknown_mode_is_refused(bad):
    a = make_attempt()
    fields = {"trainee": a.trainee, "mode": "practice"} | bad
    with pytest.raises(ValueError):
        Attempt(a.grade, fields["trainee"], a.trace, a.started, a.ended, fields["mode"])


def _not_a_database(path: Path) -> None:
    path.write_bytes(b"trainee,score\nAna,90\n" * 100)


def _damaged(path: Path) -> None:
    with open_store(path) as store, store.bulk():
        for n in range(60):
            store.record(make_attempt(started=f"2026-11-02T{n // 60 + 9:02d}:{n % 60:02d}:00+00:00"))
    data = bytearray(path.read_bytes())
    data[5000:9000] = b"\xff" * 4000  # pages of the attempts' tables
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")


@pytest.mark.parametrize(
    ("breaks", "says"),
    [
        (_not_a_database, "file is not a database"),
        (_damaged, "damaged: "),
        (_newer, "newer phonesim: schema 99"),
        (_foreign, "another program"),
    ],
)
def test_a_store_that_cannot_be_read_is_moved_aside_with_one_line_and_a_new_one_starts(tmp_path, breaks, says):
    path = tmp_path / "progress.sqlite3"
    breaks(path)
    before = path.read_bytes()
    lines: list[str] = []
    with open_store(path, warn=lines.append) as store:
        assert store.count() == 0
        store.record(make_attempt())
    (moved,) = tmp_path.glob("progress.sqlite3.broken-*")
    assert moved.read_bytes() == before
    assert len(lines) == 1
    assert str(path) in lines[0] and str(moved) in lines[0] and says in lines[0]
    with open_store(path, warn=lines.append) as store:
        assert store.count() == 1
    assert len(lines) == 1


def test_the_warning_goes_to_standard_error_and_the_command_goes_on(data_dir, capsys):
    from simulator.cli import main

    _not_a_database(data_dir / "progress.sqlite3")
    assert main(["report"]) == 0
    out, err = capsys.readouterr()
    assert "No attempts recorded" in out
    assert err.count("\n") == 1 and "moved it to" in err


def test_a_store_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(StoreError, match=r"cannot create the folder of the progress store .*file/progress.sqlite3"):
        open_store(tmp_path / "file" / "progress.sqlite3")
