"""`phonesim grade`, `phonesim lessons` and `phonesim import`: the grader and lessons on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.core import Catalog, DataError
from simulator.training.grade import GOALS, Grade


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "grade",
        help="play scenario files or traces and grade them: passed, score, stage times, mistakes",
        description="Grade attempts (scenario files or traces, or folders of them) against their goal. "
        "Exit 0 when every attempt passed, 1 when one did not, 2 for a bad file.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="scenario or trace files, or folders of them")
    p.add_argument("--goal", choices=GOALS, help="the goal to judge (default: the file's goal:, else factory_reset)")
    p.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    p = sub.add_parser(
        "lessons",
        help="the lessons generated from the model data: every goal of every model and software era",
        description="List the lessons (without MODEL: one line each) or print a model's lessons in full.",
    )
    p.add_argument("model", nargs="?", help="model id or name: print its lessons step by step")
    p = sub.add_parser(
        "import",
        help="grade traces made elsewhere and keep them in the progress store",
        description="Grade trace files (another machine, an older version) and store each as an attempt.",
    )
    p.add_argument("paths", nargs="+", metavar="TRACE", help="trace files or folders of them")
    p.add_argument("--trainee", help="whose attempts they are (default: the trace's trainee:)")


def _grade_all(paths: list[str], catalog: Catalog, goal: str | None) -> list[tuple[Path, Grade | str]]:
    from simulator.scenario import scenario_files
    from simulator.training.grader import grade_file

    out: list[tuple[Path, Grade | str]] = []
    for path in scenario_files(paths):
        try:
            out.append((path, grade_file(path, catalog, goal)))
        except DataError as exc:
            out.append((path, str(exc)))
        except LookupError as exc:
            out.append((path, f"{path}: goal: {exc.args[0]}"))
    return out


def describe(grade: Grade) -> list[str]:
    """A grade in a few lines: the verdict, the splits, each mistake with what it means."""
    verdict = "PASS" if grade.passed else "FAIL"
    lines = [f"{verdict}  {grade.score:3d}  {grade.file}  ({grade.model} {grade.software}, {grade.goal}, "
             f"{grade.seconds:.1f} s)"]  # fmt: skip
    if grade.stages:
        lines.append("      " + " | ".join(f"{s.id} {s.seconds:.1f} s" for s in grade.stages))
    for m in grade.mistakes:
        lines.append(f"      {m.at:7.1f} s  {m.id}: {m.detail}")
    return lines


def cmd_grade(args: argparse.Namespace, catalog: Catalog) -> int:
    results = _grade_all(args.paths, catalog, args.goal)
    if not results:
        print("phonesim grade: no scenario files found in " + ", ".join(args.paths), file=sys.stderr)
        return 2
    bad = failed = 0
    for _, result in results:
        if isinstance(result, str):
            bad += 1
            print(result, file=sys.stderr if args.json else sys.stdout)
            continue
        failed += not result.passed
        if args.json:
            print(json.dumps(result.to_dict()))
        else:
            print("\n".join(describe(result)))
    passed = len(results) - bad - failed
    summary = f"{passed} passed, {failed} failed" + (f", {bad} bad" if bad else "")
    print(summary, file=sys.stderr if args.json else sys.stdout)
    return 2 if bad else 1 if failed else 0


def cmd_lessons(args: argparse.Namespace, catalog: Catalog) -> int:
    from simulator.training.lessons import all_lessons, lessons_for

    if args.model:
        lessons = lessons_for(catalog.load(args.model))
        print("\n\n".join(lesson.text() for lesson in lessons))
        count = f"{len(lessons)} lesson{'' if len(lessons) == 1 else 's'}"
        print(f"\n{count}. Practise one: phonesim --mode guided --lesson ID")
        return 0
    lessons = all_lessons(catalog)
    width = max(len(lesson.id) for lesson in lessons)
    for lesson in lessons:
        print(f"{lesson.id:<{width}}  {lesson.title}")
    print(f"\n{len(lessons)} lessons; `phonesim lessons MODEL` prints a model's lessons step by step.")
    return 0


def cmd_import(args: argparse.Namespace, catalog: Catalog) -> int:
    from simulator.training import store as progress
    from simulator.training.traces import trace_info

    results = _grade_all(args.paths, catalog, None)
    if not results:
        print("phonesim import: no trace files found in " + ", ".join(args.paths), file=sys.stderr)
        return 2
    try:
        kept = progress.open_store()
    except progress.StoreError as exc:
        print(f"phonesim import: {exc}", file=sys.stderr)
        return 2
    bad = stored = 0
    for path, result in results:
        if isinstance(result, str):
            bad += 1
            print(result)
            continue
        info = trace_info(path)
        trainee = args.trainee or info.trainee
        if not trainee:
            bad += 1
            print(f"{path}: trainee: expected --trainee NAME or a trace with trace: {{trainee: NAME}}")
            continue
        text = path.read_text(encoding="utf-8")
        # A trace without its times is dated by the file: it ended when it was written.
        ended = info.ended or datetime.fromtimestamp(path.stat().st_mtime, UTC)
        started = info.started or ended - timedelta(seconds=result.seconds)
        kept.record(progress.Attempt(result, trainee, text, started, ended, "import", info.speed, info.exam_id,
                                     info.item))  # fmt: skip
        stored += 1
        print(f"stored  {path}  {trainee}: {'passed' if result.passed else 'failed'}, score {result.score}")
    print(f"{stored} stored, {bad} not stored ({kept.path})")
    return 2 if bad else 0


COMMANDS = {"grade": cmd_grade, "lessons": cmd_lessons, "import": cmd_import}
