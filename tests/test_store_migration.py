"""A store written by an older phonesim opens in a newer one with every attempt kept."""

import sqlite3

from simulator.training.report import build_report
from simulator.training.samples import make_attempt
from simulator.training.schema import SCHEMA_VERSION
from simulator.training.store import open_store

# The first schema as it was shipped, written out here so that a change to the code cannot change it.
VERSION_1 = """
CREATE TABLE trainees (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL);
CREATE TABLE attempts (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,
    trainee_id INTEGER NOT NULL REFERENCES trainees(id), model TEXT NOT NULL, goal TEXT NOT NULL,
    passed INTEGER NOT NULL, score INTEGER NOT NULL, seconds REAL NOT NULL, mode TEXT NOT NULL,
    speed REAL NOT NULL, started TEXT NOT NULL, ended TEXT NOT NULL);
CREATE TABLE traces (attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id), file TEXT, text TEXT NOT NULL);
CREATE TABLE stages (attempt_id INTEGER NOT NULL REFERENCES attempts(id), pos INTEGER NOT NULL,
    stage TEXT NOT NULL, start REAL NOT NULL, seconds REAL NOT NULL, PRIMARY KEY (attempt_id, pos)) WITHOUT ROWID;
CREATE TABLE mistakes (attempt_id INTEGER NOT NULL REFERENCES attempts(id), pos INTEGER NOT NULL,
    mistake TEXT NOT NULL, at REAL NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (attempt_id, pos)) WITHOUT ROWID;
CREATE INDEX attempts_group ON attempts (trainee_id, model, goal);
INSERT INTO trainees VALUES (1, 'Ana Silva', '2026-03-02T09:00:00.000Z');
INSERT INTO attempts VALUES (1, '0f6d7e0e-51b8-5d6c-9d8a-6f0b4d8d3a01', 1, 'vvx-410', 'factory_reset', 1, 90,
    61.5, 'practice', 1.0, '2026-03-02T09:00:00.000Z', '2026-03-02T09:01:05.000Z');
INSERT INTO attempts VALUES (2, '0f6d7e0e-51b8-5d6c-9d8a-6f0b4d8d3a02', 1, 'vvx-410', 'factory_reset', 0, 30,
    20.0, 'guided', 0.5, '2026-03-02T09:05:00.000Z', '2026-03-02T09:05:45.000Z');
INSERT INTO traces VALUES (1, 'a.yaml', 'model: vvx-410' || char(10) || 'software: "5.9.0"' || char(10) || 'steps: []');
INSERT INTO traces VALUES (2, NULL, 'model: vvx-410' || char(10) || 'steps: []');
INSERT INTO stages VALUES (1, 0, 'boot', 0.0, 11.5), (1, 1, 'reset', 11.5, 50.0), (2, 0, 'boot', 0.0, 20.0);
INSERT INTO mistakes VALUES (1, 0, 'released_early', 14.2, 'let go 0.8 s early'),
    (2, 0, 'setup_pressed', 12.0, 'pressed Setup'), (2, 1, 'gave_up', 20.0, 'ended');
PRAGMA user_version = 1;
"""


def test_a_version_1_store_migrates_to_the_current_schema_keeping_every_attempt(tmp_path):
    path = tmp_path / "progress.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(VERSION_1)
    warnings: list[str] = []
    with open_store(path, warn=warnings.append) as store:
        assert warnings == []
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        old, failed = store.load()
        assert (old.uid, old.attempt.trainee, old.attempt.grade.score, old.attempt.mode) == (
            "0f6d7e0e-51b8-5d6c-9d8a-6f0b4d8d3a01", "Ana Silva", 90, "practice",
        )  # fmt: skip
        assert old.attempt.grade.software == "5.9.0"  # read back from the trace's header
        assert failed.attempt.grade.software == ""  # the trace did not say
        assert [m.id for m in failed.attempt.grade.mistakes] == ["setup_pressed", "gave_up"]
        assert (old.attempt.exam_id, old.attempt.item) == (None, None)
        store.record(make_attempt(exam_id="exam-1", item=1))
        bests = store.personal_bests("Ana Silva", "vvx-410", "factory_reset")
        assert bests is not None and bests.seconds == 18.0 and bests.passes == 2
        report = build_report(store)
        assert [(g.attempts, g.passed) for g in report.groups] == [(3, 2)]
        assert store.unsent("http://lrs.example/xAPI/") == [1, 2, 3]
