"""`phonesim demo`, `phonesim replay` and `phonesim mac-coach`: showing a procedure, a trace or a MAC.

The window commands import pygame only when they run; `phonesim demo --text` never does.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from simulator.core import Catalog

DEFAULT_MODEL = "vvx-410"
DEMO_HELP = (
    "a window that performs a procedure by itself (the lesson's reference inputs), with captions of what "
    "happens and why and the boot timeline; --text plays the factory reset in the terminal instead: every "
    "key to press, when, and what the phone shows (by MAC address where there is a password prompt)"
)


def _speed(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text.rstrip("xX×"))
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a speed like 2 or 0.5x, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a speed from {low:g} to {high:g}, got {text!r}")
        return value

    return parse


def register_demo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help=DEMO_HELP)
    p.add_argument("model", nargs="?", default=DEFAULT_MODEL, help="model id or name (default %(default)s)")
    p.add_argument("--goal", help="the procedure to show (default: factory_reset; `phonesim lessons MODEL` lists them)")
    p.add_argument("--speed", type=_speed(0.5, 4), default=1.0, metavar="X", help="0.5 to 4 (default 1)")
    p.add_argument("--text", action="store_true", help="the factory reset in the terminal, no window")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="play a trace in the window exactly as it happened, with its grade at the end")
    p.add_argument("trace", metavar="TRACE", help="a trace or scenario file")
    p.add_argument("--speed", type=_speed(0.25, 4), default=1.0, metavar="X", help="0.25 to 4 (default 1)")
    p = sub.add_parser(
        "mac-coach",
        help="how to type a MAC address on a model's keypad, step by step, and a blind practice on the phone",
    )
    p.add_argument("model", nargs="?", default=DEFAULT_MODEL, help="model id or name (default %(default)s)")
    p.add_argument("--mac", help="the MAC address to practise (default: a new random one each round)")


def cmd_demo(args: argparse.Namespace, catalog: Catalog) -> int:
    if args.text:
        if args.goal not in (None, "factory_reset"):
            raise ValueError(f"demo --text plays the factory reset only; the window shows --goal {args.goal}")
        return demo_text(catalog, args.model)
    from simulator.ui.demo import run_demo

    return _leave(run_demo(catalog, args.model, args.goal, args.speed, getattr(args, "lesson", None)))


def cmd_replay(args: argparse.Namespace, catalog: Catalog) -> int:
    from simulator.ui.demo import run_replay

    return _leave(run_replay(catalog, args.trace, args.speed))


def cmd_mac_coach(args: argparse.Namespace, catalog: Catalog) -> int:
    from simulator.ui.mac_coach_view import run_mac_coach

    return _leave(run_mac_coach(catalog, args.model, args.mac))


def _leave(code: int) -> int:
    """The window is gone: exit without waiting for the sound device to close (it can take seconds)."""
    from simulator.ui.sound import exit_leaving_audio_open

    exit_leaving_audio_open(code)
    return code


def demo_text(catalog: Catalog, model_name: str) -> int:
    """The model's factory reset played out in the terminal: what to press, when, and what the phone shows."""
    from simulator.recipes import reset_by_mac, reset_procedure
    from simulator.scenario import Runner

    model = catalog.load(model_name)
    proc = reset_procedure(model)
    scenario = reset_by_mac(model)
    print(f"{model.name}: factory reset ({proc.describe()}) [{proc.confidence}]")
    if proc.action == "reset_prompt":
        print(f"Admin password changed to {scenario.admin_password}, so the MAC {scenario.mac} is typed instead.\n")
    runner = Runner(scenario)
    result = runner.run()
    quiet = {"key_up", "phase"}
    for event in runner.phone.events:
        if event.kind == "key_down":
            label = event.data.get("label")
            print(f"{event.t:8.2f}s   press {event.data['key']}" + (f" ({label})" if label else ""))
        elif event.kind not in quiet:
            print(event.describe())
    print(f"\n{model.name} is {result['state']}. See also: phonesim show {model.id}  |  phonesim run scenarios/")
    return 0 if result["ok"] else 1


COMMANDS = {"demo": cmd_demo, "replay": cmd_replay, "mac-coach": cmd_mac_coach}
