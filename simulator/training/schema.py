"""The progress store's file: where it lives, its schema, forward migrations, and what happens when it is broken.

A trainee's record must outlive crashes and upgrades: the schema carries its version in SQLite's
`user_version`, each migration runs in one transaction with the version bump, and a file that
cannot be read (not a database, corrupt, another program's, written by a newer phonesim) is
moved aside, never deleted, with one line saying where it went.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

#: The schema this phonesim writes; older files are migrated up to it, newer ones are moved aside.
SCHEMA_VERSION = 2
FILE_NAME = "progress.sqlite3"
#: Set to a folder to keep the store there instead of the platform's user-data folder (tests use it).
DATA_DIR_ENV = "PHONESIM_DATA_DIR"
#: Errors that mean the file's content is unusable (as opposed to busy, read-only or missing).
_BROKEN = {"SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_CORRUPT_VTAB", "SQLITE_CORRUPT_SEQUENCE"}


class StoreError(Exception):
    """One line about a store that cannot be used right now (busy, read-only, disk full); the file is kept."""


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir("phonesim"))


def default_path() -> Path:
    return data_dir() / FILE_NAME


# Version 1: trainees, attempts with their stages and mistakes, traces kept apart so scans stay small.
_V1 = """
CREATE TABLE trainees (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    trainee_id INTEGER NOT NULL REFERENCES trainees(id),
    model TEXT NOT NULL,
    goal TEXT NOT NULL,
    passed INTEGER NOT NULL,
    score INTEGER NOT NULL,
    seconds REAL NOT NULL,
    mode TEXT NOT NULL,
    speed REAL NOT NULL,
    started TEXT NOT NULL,
    ended TEXT NOT NULL
);
CREATE TABLE traces (attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id), file TEXT, text TEXT NOT NULL);
CREATE TABLE stages (
    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
    pos INTEGER NOT NULL,
    stage TEXT NOT NULL,
    start REAL NOT NULL,
    seconds REAL NOT NULL,
    PRIMARY KEY (attempt_id, pos)
) WITHOUT ROWID;
CREATE TABLE mistakes (
    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
    pos INTEGER NOT NULL,
    mistake TEXT NOT NULL,
    at REAL NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (attempt_id, pos)
) WITHOUT ROWID;
CREATE INDEX attempts_group ON attempts (trainee_id, model, goal);
"""

# Version 2: software, exam and phonesim version per attempt; what went to which LRS; personal bests.
_V2 = """
ALTER TABLE attempts ADD COLUMN software TEXT NOT NULL DEFAULT '';
ALTER TABLE attempts ADD COLUMN exam_id TEXT;
ALTER TABLE attempts ADD COLUMN item INTEGER;
ALTER TABLE attempts ADD COLUMN version TEXT NOT NULL DEFAULT '';
CREATE INDEX attempts_exam ON attempts (exam_id, item) WHERE exam_id IS NOT NULL;
CREATE TABLE sent (
    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
    lrs TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    sent TEXT NOT NULL,
    PRIMARY KEY (lrs, attempt_id)
) WITHOUT ROWID;
CREATE VIEW best_times AS
    SELECT trainee_id, model, goal, MIN(seconds) AS seconds, COUNT(*) AS passes
    FROM attempts WHERE passed GROUP BY trainee_id, model, goal;
CREATE VIEW best_stages AS
    SELECT a.trainee_id, a.model, a.goal, s.stage, MIN(s.seconds) AS seconds
    FROM attempts a JOIN stages s ON s.attempt_id = a.id
    WHERE a.passed GROUP BY a.trainee_id, a.model, a.goal, s.stage;
"""

_SOFTWARE = re.compile(r"^software:\s*['\"]?([^'\"#\s]+)", re.M)


def _v2_fill(conn: sqlite3.Connection) -> None:
    """Version-1 attempts did not keep the software version; their traces name it in the header."""
    rows = conn.execute("SELECT attempt_id, text FROM traces").fetchall()
    for attempt_id, text in rows:
        found = _SOFTWARE.search(text)
        if found:
            conn.execute("UPDATE attempts SET software = ? WHERE id = ?", (found.group(1), attempt_id))


#: Each entry brings a file from the version before it to its own version, inside one transaction.
MIGRATIONS: dict[int, tuple[str, Callable[[sqlite3.Connection], None] | None]] = {
    1: (_V1, None),
    2: (_V2, _v2_fill),
}


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def migrate(conn: sqlite3.Connection) -> int:
    """Brings the file up to SCHEMA_VERSION, one version per transaction, so a kill leaves a whole version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < SCHEMA_VERSION:
        script, fill = MIGRATIONS[version + 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] == version:
                for statement in _statements(script):
                    conn.execute(statement)
                if fill:
                    fill(conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


class _Unusable(Exception):
    """The file's content cannot be used: move it aside."""


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            first = " ".join(problems[0].replace("*** in database main ***", "").split())
            raise _Unusable(f"damaged: {first[:100]}")
        if version > SCHEMA_VERSION:
            raise _Unusable(f"written by a newer phonesim: schema {version}, this one reads up to {SCHEMA_VERSION}")
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise _Unusable("a database of another program")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _aside(path: Path) -> Path:
    """A free name beside the file, stamped with the time it was found broken."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
        n += 1
    path.rename(target)
    journal = path.with_name(path.name + "-journal")
    if journal.exists():
        journal.rename(target.with_name(target.name + "-journal"))
    return target


def _warn(line: str) -> None:
    print(line, file=sys.stderr)


def connect(path: Path, warn: Callable[[str], None] = _warn) -> sqlite3.Connection:
    """An open, current store at `path`; a broken file there is moved aside (with one warning) and replaced."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder of the progress store {path}: {exc.strerror}") from None
    for _ in range(2):
        try:
            return _connect(path)
        except (_Unusable, sqlite3.DatabaseError) as exc:
            name = getattr(exc, "sqlite_errorname", "")
            if isinstance(exc, sqlite3.DatabaseError) and name not in _BROKEN:
                raise StoreError(f"cannot use the progress store {path}: {exc}") from None
            try:
                moved = _aside(path)
            except OSError as err:
                raise StoreError(f"the progress store {path} is unusable ({exc}) and cannot be moved: {err}") from None
            warn(
                f"phonesim: warning: progress store {path} could not be read ({exc}); moved it to {moved}; started anew"
            )
    raise StoreError(f"cannot start a new progress store at {path}")
