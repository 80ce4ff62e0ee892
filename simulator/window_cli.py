"""The window's training options on the command line: `--mode`, `--lesson`, `--trainee`, `--open`, and
`phonesim exam`. pygame is imported only once a window is to open, so the other commands never load it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.core import Catalog, WallClock
from simulator.training.live import WINDOW_MODES

if TYPE_CHECKING:
    from simulator.ui.session import Session
    from simulator.ui.training_mode import Trainer


def add_window_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mode", choices=WINDOW_MODES, help="the window's training mode (default free; guided with --lesson)"
    )
    parser.add_argument("--lesson", metavar="ID", help="the lesson for guided or practice (see phonesim lessons)")
    parser.add_argument("--trainee", metavar="NAME", help="whose attempts they are (otherwise the window asks once)")
    parser.add_argument("--open", metavar="TRACE", help="open a trace: played to its end, with its grade")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("exam", help="take an exam in the window: random models and goals, real time, no hints")
    p.add_argument("--items", type=int, default=5, help="how many items (1 to 50, default %(default)s)")
    p.add_argument("--seed", type=int, help="the same seed gives every trainee the same exam (default: random)")
    p.add_argument("--models", nargs="+", metavar="MODEL", help="draw the items from these models (default: all)")
    p.add_argument(
        "--trainee",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="who takes it (asked anyway, filled in)",
    )
    p.add_argument("--state-file", metavar="PATH", default=argparse.SUPPRESS, help="as for the window")


def _setup(args: argparse.Namespace, catalog: Catalog) -> Callable[[Session], Trainer]:
    """What the window opens in; everything the options name is checked here, before any window opens."""
    from simulator.training.exam import make_exam
    from simulator.training.lessons import find_lesson
    from simulator.ui.training_mode import build_trainer

    exam = None
    if args.command == "exam":
        import secrets

        seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
        exam = make_exam(catalog, seed, args.items, args.models)
    mode = getattr(args, "mode", None) or ("guided" if getattr(args, "lesson", None) else "free")
    if getattr(args, "lesson", None):
        if mode not in ("guided", "practice"):
            raise ValueError(f"--lesson is for --mode guided or practice, not {mode}")
        find_lesson(catalog, args.lesson)
    opened = _open_trace(args.open, catalog) if getattr(args, "open", None) else None

    def setup(session: Session) -> Trainer:
        trainer = build_trainer(session, catalog, mode=mode, lesson=getattr(args, "lesson", None),
                                trainee=args.trainee, exam=exam)  # fmt: skip
        if opened is not None:
            opened(trainer)
        return trainer

    return setup


def _open_trace(path: str, catalog: Catalog) -> Callable[[Trainer], None]:
    """The trace played headless to its end and graded; the window then shows that phone and the grade."""
    from simulator.scenario import load_scenario
    from simulator.training.coach import card_rows
    from simulator.training.grader import play_and_grade
    from simulator.training.live import Card
    from simulator.training.traces import trace_info

    info = trace_info(path)
    played, grade = play_and_grade(load_scenario(path, catalog), file=path)
    notes = (f"Played headless to its end: {played.now:.1f} s of simulated time",)
    card = Card(grade.passed, grade.score, grade.seconds, None, tuple(card_rows(grade, None)), grade.mistakes, notes)

    def show(trainer: Trainer) -> None:
        phone = played
        clock = WallClock()
        clock.skip_ms(phone.now_ms)  # the phone goes on from where the trace left it, on the wall clock
        phone.clock = clock
        trainer.open_trace(path, phone, grade, info, card)

    return show


def cmd_window(args: argparse.Namespace, catalog: Catalog, check_output: Callable[..., Any]) -> int:
    """The clickable phone in the mode asked for (`phonesim`, `phonesim exam`)."""
    if getattr(args, "state_file", None):
        check_output(args.state_file, "--state-file", "state.json")
    if getattr(args, "mode", None) == "demo":  # the same window as `phonesim demo MODEL`
        from simulator.show_cli import cmd_demo
        from simulator.training.lessons import find_lesson

        lesson = getattr(args, "lesson", None)
        if lesson:
            find_lesson(catalog, lesson)  # a bad id gets its line before any window opens
        return cmd_demo(argparse.Namespace(text=False, model=args.model, goal=None, speed=1.0, lesson=lesson), catalog)
    setup = _setup(args, catalog)
    from simulator.ui.sound import exit_leaving_audio_open
    from simulator.ui.window_run import run_window

    code = run_window(catalog, getattr(args, "model", None) or "vvx-410", getattr(args, "state_file", None), setup)
    exit_leaving_audio_open(code)  # the window is gone: closing the sound device could keep us seconds longer
    return code
