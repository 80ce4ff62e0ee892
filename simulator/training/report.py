"""What a trainer reads: per trainee, model and goal, how often and how fast; per exam, each trainee's items.

Aggregates in SQL and one streaming pass, never loading whole attempts, so a class's year of
practice (100,000 attempts) reports in well under two seconds. Times are among passed attempts:
a failed attempt's clock says nothing about how long the procedure takes.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from simulator.training.store import Filter, Store, iso

_SEP = "\x1f"  # joins a group key in SQL; never part of a name, model id, goal or stage id


@dataclass(frozen=True)
class StageStats:
    stage: str
    best: float
    median: float


@dataclass(frozen=True)
class GroupStats:
    """One trainee on one model and goal."""

    trainee: str
    model: str
    goal: str
    attempts: int
    passed: int
    best: float | None
    median: float | None
    stages: tuple[StageStats, ...]
    mistakes: tuple[tuple[str, int], ...]
    """Every mistake id made, most frequent first."""

    @property
    def pass_rate(self) -> float:
        return self.passed / self.attempts if self.attempts else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "trainee": self.trainee,
            "model": self.model,
            "goal": self.goal,
            "attempts": self.attempts,
            "passed": self.passed,
            "pass_rate": round(self.pass_rate, 4),
            "best_seconds": self.best,
            "median_seconds": self.median,
            "stages": [{"id": s.stage, "best_seconds": s.best, "median_seconds": s.median} for s in self.stages],
            "mistakes": [{"id": m, "count": n} for m, n in self.mistakes],
        }


@dataclass(frozen=True)
class ExamItem:
    item: int
    model: str
    goal: str
    passed: bool
    score: int
    seconds: float


@dataclass(frozen=True)
class ExamResult:
    """One trainee's sitting of one exam."""

    exam_id: str
    trainee: str
    started: str
    items: tuple[ExamItem, ...]

    @property
    def score(self) -> int:
        """The mean of the items' scores: every item weighs the same."""
        return round(sum(i.score for i in self.items) / len(self.items)) if self.items else 0

    @property
    def passed(self) -> int:
        return sum(i.passed for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exam": self.exam_id,
            "trainee": self.trainee,
            "started": self.started,
            "score": self.score,
            "passed": self.passed,
            "items": [vars(i) for i in self.items],
        }


@dataclass(frozen=True)
class Report:
    where: Filter
    attempts: int
    groups: tuple[GroupStats, ...]
    exams: tuple[ExamResult, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "filter": {
                "trainee": self.where.trainee,
                "model": self.where.model,
                "since": iso(self.where.since) if self.where.since else None,
            },
            "attempts": self.attempts,
            "groups": [g.to_dict() for g in self.groups],
            "exams": [e.to_dict() for e in self.exams],
        }


def _key(alias: str = "a") -> str:
    return f"{alias}.trainee_id || char(31) || {alias}.model || char(31) || {alias}.goal"


def build_report(store: Store, where: Filter | None = None) -> Report:
    where = where or Filter()
    clause, params = where.sql()
    joined = f"FROM attempts a JOIN trainees t ON t.id = a.trainee_id WHERE {clause}"
    conn = store.conn
    names = dict(conn.execute("SELECT id, name FROM trainees"))
    counts: dict[str, list[int]] = {}
    totals: dict[str, list[float]] = defaultdict(list)
    for key, passed, seconds in conn.execute(f"SELECT {_key()}, a.passed, a.seconds {joined}", params):
        tally = counts.setdefault(key, [0, 0])
        tally[0] += 1
        if passed:
            tally[1] += 1
            totals[key].append(seconds)
    stage_times: dict[str, dict[str, list[float]]] = defaultdict(dict)
    stages_joined = joined.replace("WHERE", "JOIN stages s ON s.attempt_id = a.id WHERE")
    for key, stage, seconds in conn.execute(
        f"SELECT {_key()}, s.stage, s.seconds {stages_joined} AND a.passed", params
    ):
        stage_times[key].setdefault(stage, []).append(seconds)
    mistakes: dict[str, Counter[str]] = defaultdict(Counter)
    mistakes_joined = joined.replace("WHERE", "JOIN mistakes m ON m.attempt_id = a.id WHERE")
    for key, mistake, n in conn.execute(
        f"SELECT {_key()}, m.mistake, count(*) {mistakes_joined} GROUP BY 1, 2", params
    ):
        mistakes[key][mistake] = n
    groups = []
    for key, (n, passed) in counts.items():
        trainee_id, model, goal = key.split(_SEP)
        times = totals.get(key, [])
        stages = tuple(
            StageStats(stage, min(values), round(statistics.median(values), 3))
            for stage, values in stage_times.get(key, {}).items()
        )
        ranked = tuple(sorted(mistakes[key].items(), key=lambda kv: (-kv[1], kv[0])))
        best = min(times) if times else None
        median = round(statistics.median(times), 3) if times else None
        groups.append(GroupStats(names[int(trainee_id)], model, goal, n, passed, best, median, stages, ranked))
    groups.sort(key=lambda g: (g.trainee, g.model, g.goal))
    total = sum(n for n, _ in counts.values())
    return Report(where, total, tuple(groups), _exams(store, clause, params))


def _exams(store: Store, clause: str, params: list[object]) -> tuple[ExamResult, ...]:
    rows = store.conn.execute(
        "SELECT a.exam_id, t.name, a.started, a.item, a.model, a.goal, a.passed, a.score, a.seconds"
        f" FROM attempts a JOIN trainees t ON t.id = a.trainee_id WHERE {clause} AND a.exam_id IS NOT NULL"
        " ORDER BY a.exam_id, t.name, a.item, a.id",
        params,
    ).fetchall()
    sittings: dict[tuple[str, str], list] = {}
    for exam, name, started, item, model, goal, passed, score, seconds in rows:
        sitting = sittings.setdefault((exam, name), [started])
        sitting.append(ExamItem(item or 0, model, goal, bool(passed), score, seconds))
    results = [ExamResult(exam, name, rest[0], tuple(rest[1:])) for (exam, name), rest in sittings.items()]
    results.sort(key=lambda r: (r.started[:10], r.exam_id, r.trainee))
    return tuple(results)


@dataclass(frozen=True)
class SeriesPoint:
    number: int
    """The attempt's place among the group's attempts, from 1."""
    passed: bool
    stages: dict[str, float]


def attempt_series(store: Store, report: Report, groups: int = 12, points: int = 30) -> dict[GroupStats, list]:
    """Stage times over the attempts of the `groups` most practised trainee, model and goal: every attempt
    up to `points` of them, else `points` spread evenly from the first to the latest, so progress shows."""
    clause, params = report.where.sql()
    chosen = sorted(report.groups, key=lambda g: (-g.attempts, g.trainee, g.model, g.goal))[:groups]
    out: dict[GroupStats, list[SeriesPoint]] = {}
    for g in chosen:
        rows = store.conn.execute(
            f"SELECT a.id, a.passed FROM attempts a JOIN trainees t ON t.id = a.trainee_id WHERE {clause}"
            " AND t.name = ? AND a.model = ? AND a.goal = ? ORDER BY a.id",
            [*params, g.trainee, g.model, g.goal],
        ).fetchall()
        picked = (
            sorted({round(i * (len(rows) - 1) / (points - 1)) for i in range(points)})
            if len(rows) > points
            else range(len(rows))
        )
        by_id = {rows[n][0]: SeriesPoint(n + 1, bool(rows[n][1]), {}) for n in picked}
        marks = ", ".join("?" * len(by_id))
        for aid, stage, seconds in store.conn.execute(
            f"SELECT attempt_id, stage, seconds FROM stages WHERE attempt_id IN ({marks}) ORDER BY attempt_id, pos",
            list(by_id),
        ):
            by_id[aid].stages[stage] = seconds
        out[g] = list(by_id.values())
    return out
