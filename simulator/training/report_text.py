"""A report as a terminal table, CSV for a spreadsheet, or JSON for scripts."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from simulator.training.report import ExamResult, GroupStats, Report

#: CSV columns, one table in long form: a row per group, per stage of a group, per exam sitting and item.
CSV_COLUMNS = (
    "section",
    "trainee",
    "model",
    "goal",
    "stage",
    "attempts",
    "passed",
    "pass_rate",
    "best_seconds",
    "median_seconds",
    "mistakes",
    "exam",
    "item",
    "score",
    "seconds",
)


def _s(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.1f}"


def _mistakes(group: GroupStats, top: int = 3) -> str:
    return ", ".join(f"{m} {n}" for m, n in group.mistakes[:top]) or "-"


def _table(rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]


def _title(report: Report) -> str:
    parts = [f"{report.attempts} attempts"]
    w = report.where
    parts += [f"trainee {w.trainee}"] if w.trainee else []
    parts += [f"model {w.model}"] if w.model else []
    parts += [f"since {w.since:%Y-%m-%d %H:%M}"] if w.since else []
    return ", ".join(parts)


def as_table(report: Report) -> str:
    if not report.groups:
        return f"No attempts recorded ({_title(report)}).\n"
    out = [f"Progress: {_title(report)}; times in seconds, of passed attempts", ""]
    head = ["trainee", "model", "goal", "attempts", "passed", "best", "median", "most common mistakes"]
    rows = [head] + [
        [g.trainee, g.model, g.goal, str(g.attempts), f"{g.pass_rate:.0%}", _s(g.best), _s(g.median), _mistakes(g)]
        for g in report.groups
    ]
    out += _table(rows, right={3, 4, 5, 6})
    courses: dict[tuple[str, str], list[GroupStats]] = defaultdict(list)
    for g in report.groups:
        courses[g.model, g.goal].append(g)
    for (model, goal), groups in courses.items():
        stages = list(dict.fromkeys(s.stage for g in groups for s in g.stages))
        if not stages:
            continue
        out += ["", f"{model} {goal}: stage times, best / median"]
        rows = [["trainee", *stages]]
        for g in groups:
            by_stage = {s.stage: f"{s.best:.1f} / {s.median:.1f}" for s in g.stages}
            rows.append([g.trainee, *(by_stage.get(s, "-") for s in stages)])
        out += _table(rows, right=set(range(1, len(stages) + 1)))
    out += _exam_lines(report.exams)
    return "\n".join(out) + "\n"


def _exam_lines(exams: tuple[ExamResult, ...]) -> list[str]:
    out: list[str] = []
    by_exam: dict[str, list[ExamResult]] = defaultdict(list)
    for e in exams:
        by_exam[e.exam_id].append(e)
    for exam_id, results in by_exam.items():
        items: dict[int, set[str]] = defaultdict(set)
        for r in results:
            for i in r.items:
                items[i.item].add(f"{i.model} {i.goal}")
        out += [
            "",
            f"Exam {exam_id} ({results[0].started[:10]}): "
            + "; ".join(f"{n}. {' or '.join(sorted(what))}" for n, what in sorted(items.items())),
        ]
        rows = [["trainee", "score", "passed", "items"]]
        for r in results:
            marks = "  ".join(f"{i.item}: {i.score} {'pass' if i.passed else 'FAIL'}" for i in r.items)
            rows.append([r.trainee, str(r.score), f"{r.passed}/{len(r.items)}", marks])
        out += _table(rows, right={1, 2})
    return out


def as_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for g in report.groups:
        common = {"trainee": g.trainee, "model": g.model, "goal": g.goal}
        writer.writerow(
            common
            | {
                "section": "group",
                "attempts": g.attempts,
                "passed": g.passed,
                "pass_rate": round(g.pass_rate, 4),
                "best_seconds": g.best,
                "median_seconds": g.median,
                "mistakes": " ".join(f"{m}:{n}" for m, n in g.mistakes),
            }
        )
        for s in g.stages:
            writer.writerow(
                common | {"section": "stage", "stage": s.stage, "best_seconds": s.best, "median_seconds": s.median}
            )
    for e in report.exams:
        writer.writerow(
            {
                "section": "exam",
                "trainee": e.trainee,
                "exam": e.exam_id,
                "score": e.score,
                "attempts": len(e.items),
                "passed": e.passed,
            }
        )
        for i in e.items:
            writer.writerow(
                {
                    "section": "exam_item",
                    "trainee": e.trainee,
                    "model": i.model,
                    "goal": i.goal,
                    "exam": e.exam_id,
                    "item": i.item,
                    "score": i.score,
                    "passed": int(i.passed),
                    "seconds": i.seconds,
                }
            )
    return buffer.getvalue()


def as_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
