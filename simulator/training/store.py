"""The progress store: every finished attempt, whole or not at all, and the personal bests read from them.

The window, `phonesim exam` and `phonesim import` each write an attempt with one call,
`record_attempt(...)`, when the attempt ends; reports and xAPI read it back through `Store.load`.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path

from simulator.training import schema
from simulator.training.grade import Grade, Mistake, Split
from simulator.training.schema import StoreError

__all__ = ["MODES", "Attempt", "Bests", "Filter", "Store", "StoreError", "open_store", "record_attempt"]

#: How an attempt was made: the window's modes, or graded from a trace made elsewhere.
MODES = ("free", "guided", "practice", "exam", "demo", "import")
#: Attempt ids (and so xAPI statement ids) are UUID 5 in this namespace: the same attempt, the same id.
ATTEMPT_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:phonesim:attempt")


@cache
def phonesim_version() -> str:
    try:
        return metadata.version("phonesim")
    except metadata.PackageNotFoundError:
        return "unknown"


def iso(moment: datetime) -> str:
    """UTC to the millisecond with a Z: sorts as text, so `--since` is a plain comparison."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass(frozen=True)
class Attempt:
    """One finished attempt: its grade, who made it, how, and the trace that replays it."""

    grade: Grade
    trainee: str
    trace: str
    started: datetime
    ended: datetime
    mode: str = "practice"
    speed: float = 1.0
    exam_id: str | None = None
    item: int | None = None
    version: str = field(default_factory=phonesim_version)

    def __post_init__(self) -> None:
        if not self.trainee.strip():
            raise ValueError("an attempt needs a trainee name")
        if self.mode not in MODES:
            raise ValueError(f"mode: expected one of {', '.join(MODES)}, got {self.mode!r}")
        if self.ended < self.started:
            raise ValueError("an attempt cannot end before it starts")

    @property
    def uid(self) -> str:
        """Derived from what the attempt is, so storing or sending it twice finds the first copy."""
        key = "\n".join((self.trainee, iso(self.started), iso(self.ended), self.grade.model, self.grade.goal))
        return str(uuid.uuid5(ATTEMPT_NAMESPACE, key + "\n" + self.trace))


@dataclass(frozen=True)
class Stored:
    """An attempt as the store holds it: its row id and the uid it was stored under."""

    id: int
    uid: str
    attempt: Attempt


@dataclass(frozen=True)
class Bests:
    """A trainee's personal bests on one model and goal, among passed attempts."""

    seconds: float
    passes: int
    stages: dict[str, float]


@dataclass(frozen=True)
class Filter:
    """Which attempts a report or a sync covers; empty fields match everything."""

    trainee: str | None = None
    model: str | None = None
    since: datetime | None = None

    def sql(self, alias: str = "a") -> tuple[str, list[object]]:
        """A WHERE clause (with its parameters) over attempts `alias` joined to trainees `t`."""
        clauses, params = ["1"], []
        if self.trainee is not None:
            clauses.append("t.name = ?")
            params.append(self.trainee)
        if self.model is not None:
            clauses.append(f"{alias}.model = ?")
            params.append(self.model)
        if self.since is not None:
            clauses.append(f"{alias}.started >= ?")
            params.append(iso(self.since))
        return " AND ".join(clauses), params


_ATTEMPT_COLUMNS = (
    "uid, trainee_id, model, software, goal, passed, score, seconds, mode, speed, exam_id, item, started, ended,"
    " version"
)


class Store:
    """An open progress store. Each `record` is one transaction; a kill at any point keeps whole attempts."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._bulk = False

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self._bulk:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError(f"cannot write to the progress store {self.path}: {exc}") from None
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many records in one transaction: for loading a benchmark or a test fixture, not for live attempts."""
        with self.transaction():
            self._bulk = True
            try:
                yield
            finally:
                self._bulk = False

    def record(self, attempt: Attempt) -> int:
        """Stores the attempt (once: the same attempt again returns the first one's id)."""
        g = attempt.grade
        uid = attempt.uid
        with self.transaction() as conn:
            found = conn.execute("SELECT id FROM attempts WHERE uid = ?", (uid,)).fetchone()
            if found:
                return found[0]
            trainee_id = self._trainee_id(attempt.trainee, attempt.ended)
            row = (
                uid,
                trainee_id,
                g.model,
                g.software,
                g.goal,
                int(g.passed),
                g.score,
                round(g.seconds, 3),
                attempt.mode,
            )
            row += (attempt.speed, attempt.exam_id, attempt.item, iso(attempt.started), iso(attempt.ended))
            cur = conn.execute(
                f"INSERT INTO attempts ({_ATTEMPT_COLUMNS}) VALUES ({', '.join('?' * 15)})", (*row, attempt.version)
            )
            attempt_id = cur.lastrowid
            conn.execute("INSERT INTO traces VALUES (?, ?, ?)", (attempt_id, g.file, attempt.trace))
            conn.executemany(
                "INSERT INTO stages VALUES (?, ?, ?, ?, ?)",
                [(attempt_id, i, s.id, s.start, s.seconds) for i, s in enumerate(g.stages)],
            )
            conn.executemany(
                "INSERT INTO mistakes VALUES (?, ?, ?, ?, ?)",
                [(attempt_id, i, m.id, m.at, m.detail) for i, m in enumerate(g.mistakes)],
            )
        assert attempt_id is not None
        return attempt_id

    def _trainee_id(self, name: str, when: datetime) -> int:
        self.conn.execute("INSERT OR IGNORE INTO trainees (name, created) VALUES (?, ?)", (name, iso(when)))
        return self.conn.execute("SELECT id FROM trainees WHERE name = ?", (name,)).fetchone()[0]

    def count(self, where: Filter | None = None) -> int:
        clause, params = (where or Filter()).sql()
        sql = f"SELECT count(*) FROM attempts a JOIN trainees t ON t.id = a.trainee_id WHERE {clause}"
        return self.conn.execute(sql, params).fetchone()[0]

    def trainees(self) -> list[str]:
        return [name for (name,) in self.conn.execute("SELECT name FROM trainees ORDER BY name")]

    def personal_bests(self, trainee: str, model: str, goal: str) -> Bests | None:
        """Best total and best per-stage times: what a result card compares the attempt just made with."""
        key = "FROM {} b JOIN trainees t ON t.id = b.trainee_id WHERE t.name = ? AND b.model = ? AND b.goal = ?"
        args = (trainee, model, goal)
        best = self.conn.execute("SELECT b.seconds, b.passes " + key.format("best_times"), args).fetchone()
        if best is None:
            return None
        stages = dict(self.conn.execute("SELECT b.stage, b.seconds " + key.format("best_stages"), args).fetchall())
        return Bests(best[0], best[1], stages)

    def load(self, where: Filter | None = None, *, ids: list[int] | None = None) -> list[Stored]:
        """Whole attempts, oldest first, for exports; reports aggregate in SQL instead."""
        clause, params = (where or Filter()).sql()
        if ids is not None:
            clause += f" AND a.id IN ({', '.join('?' * len(ids))})"
            params += ids
        rows = self.conn.execute(
            "SELECT a.id, a.uid, t.name, a.model, a.software, a.goal, a.passed, a.score, a.mode, a.speed, a.exam_id,"
            " a.item, a.started, a.ended, a.version, r.file, r.text FROM attempts a"
            " JOIN trainees t ON t.id = a.trainee_id JOIN traces r ON r.attempt_id = a.id"
            f" WHERE {clause} ORDER BY a.id",
            params,
        ).fetchall()
        stages = self._children("SELECT attempt_id, stage, start, seconds FROM stages", rows, Split)
        mistakes = self._children("SELECT attempt_id, mistake, at, detail FROM mistakes", rows, Mistake)
        out = []
        for (
            aid,
            uid,
            name,
            model,
            software,
            goal,
            passed,
            score,
            mode,
            speed,
            exam,
            item,
            t0,
            t1,
            ver,
            file,
            text,
        ) in rows:
            grade = Grade(file or "", model, software, goal, bool(passed), score, stages(aid), mistakes(aid))
            attempt = Attempt(grade, name, text, parse_iso(t0), parse_iso(t1), mode, speed, exam, item, ver)
            out.append(Stored(aid, uid, attempt))
        return out

    def _children(self, select: str, rows: list[tuple], cls: Callable) -> Callable[[int], tuple]:
        by_attempt: dict[int, list] = {}
        if rows:
            low, high = rows[0][0], rows[-1][0]
            sql = f"{select} WHERE attempt_id BETWEEN ? AND ? ORDER BY attempt_id, pos"
            for aid, *values in self.conn.execute(sql, (low, high)):
                by_attempt.setdefault(aid, []).append(cls(*values))
        return lambda aid: tuple(by_attempt.get(aid, ()))

    def unsent(self, lrs: str, where: Filter | None = None) -> list[int]:
        """Ids of the attempts this LRS has not acknowledged, oldest first."""
        clause, params = (where or Filter()).sql()
        sql = (
            "SELECT a.id FROM attempts a JOIN trainees t ON t.id = a.trainee_id"
            f" WHERE {clause} AND a.id NOT IN (SELECT attempt_id FROM sent WHERE lrs = ?) ORDER BY a.id"
        )
        return [aid for (aid,) in self.conn.execute(sql, [*params, lrs])]

    def mark_sent(self, lrs: str, sent: list[tuple[int, str]], when: datetime) -> None:
        """Records what an LRS acknowledged, (attempt id, statement id) pairs, in one transaction."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO sent VALUES (?, ?, ?, ?)", [(aid, lrs, sid, iso(when)) for aid, sid in sent]
            )


def open_store(path: Path | str | None = None, *, warn: Callable[[str], None] | None = None) -> Store:
    """The store at `path` (default: $PHONESIM_DATA_DIR or the user-data folder), created or migrated as
    needed; a broken file is moved aside with one warning line. Raises StoreError (one line) only when
    the store cannot be used at all (a folder that cannot be created, a busy or read-only file)."""
    where = Path(path) if path is not None else schema.default_path()
    conn = schema.connect(where, warn) if warn else schema.connect(where)
    return Store(conn, where)


def record_attempt(
    grade: Grade,
    *,
    trainee: str,
    trace: str,
    started: datetime,
    ended: datetime,
    mode: str = "practice",
    speed: float = 1.0,
    exam_id: str | None = None,
    item: int | None = None,
    path: Path | str | None = None,
) -> int:
    """Stores one finished attempt in the default store (or `path`) and returns its id: the one call the
    window, the exam and the importer make when an attempt ends."""
    attempt = Attempt(grade, trainee, trace, started, ended, mode, speed, exam_id, item)
    with open_store(path) as store:
        return store.record(attempt)
