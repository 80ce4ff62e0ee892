"""`phonesim` command line: list, show, validate, run, demo, screenshot; with no command, the window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.core.catalog import MODELS_DIR, Catalog
from simulator.core.keys import describe
from simulator.core.model import Model
from simulator.core.validate import Node
from simulator.core.yamlio import DataError
from simulator.scenario import run_scenario, scenario_files
from simulator.training import records_cli, training_cli

DEFAULT_MODEL = "vvx-410"


def _combo_text(model: Model, *actions: str) -> str:
    for action in actions:
        for proc in model.procedures:
            if proc.action == action:
                return proc.inputs()
    return "-"


def cmd_list(args: argparse.Namespace, catalog: Catalog) -> int:
    rows = []
    for model_id in catalog.ids():
        try:
            m = catalog.load(model_id)
        except DataError as exc:
            print(exc, file=sys.stderr)
            return 1
        rows.append(
            (
                m.id,
                m.name,
                m.family,
                m.display.kind + (" touch" if m.display.touch else ""),
                _combo_text(m, "reset_prompt", "factory_reset"),
                _combo_text(m, "reboot"),
            )
        )
    head = ("id", "name", "family", "display", "factory reset", "reboot")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    print(f"\n{len(rows)} models. Names are matched ignoring case, spaces and hyphens.")
    return 0


def cmd_show(args: argparse.Namespace, catalog: Catalog) -> int:
    m = catalog.load(args.model)
    b = m.boot
    print(f"{m.name} ({m.id}), family {m.family}")
    print(f"  sources: {m.source} [{m.confidence}]")
    print(
        f"  display: {m.display.kind} {m.display.pixels[0]}x{m.display.pixels[1]}{', touch' if m.display.touch else ''}"
    )
    sw = m.software
    print(
        f"  software: default {sw.default}; known {', '.join(sw.versions) or '-'}; "
        f"oldest {sw.minimum or '-'}; Updater (Cancel step) from {sw.updater_from}; "
        f"full factory reset from {sw.full_reset_from}"
    )
    stages = ", ".join(f"{s.id} {s.ms / 1000:g}s" for s in b.stages)
    countdown = (
        f"starting application {b.starting_ms / 1000:g}s, countdown {b.countdown_s}s (BootROM {b.bootrom_countdown_s}s)"
        if b.countdown
        else "no countdown"
    )
    print(f"  boot: {stages}, {countdown}, load {sum(s.ms for s in b.load) / 1000:g}s")
    te = m.text_entry
    print(
        f"  password entry: modes {' -> '.join(te.labels[x] for x in te.cycle)}, commit after "
        f"{te.commit_ms / 1000:g}s, MAC in {te.mac_case} case"
    )
    print("\nProcedures:")
    for p in m.procedures:
        print(f"  {p.id}: {p.describe()} -> {p.action} [{p.confidence}]")
        print(f"      source: {p.source}")
        if p.notes:
            print(f"      note: {p.notes}")
    if m.options:
        print("\nOptions (where the sources disagree; default first):")
        for o in m.options:
            choices = " | ".join(o.as_yaml(c) for c in o.choices)
            print(f"  {o.id}: {choices}   (default {o.as_yaml(o.default)}) [{o.confidence}]")
            print(f"      source: {o.source}")
    print(f"\nKeys ({len(m.keys)}; layout {m.layout_confidence}: {m.layout_source}):")
    for k in m.keys:
        letters = f" {k.letters}" if k.letters else ""
        print(f"  {k.id:<12} {k.label or '':<10}{letters:<6} {describe(k.id)}")
    if m.leds:
        print("\nLEDs: " + ", ".join(f"{led.id} ({'/'.join(led.colours)})" for led in m.leds))
    return 0


def _validate_file(path: Path, catalog: Catalog, folder: Catalog) -> str | None:
    """One file: a scenario (it names a `model`, checked against `catalog`), a model (it has an `id`), or
    a base (`_*.yaml`), which is checked through every model of its `folder`: an error that points into
    the base is reported. `folder` reads each file once and builds each model once, however many ask."""
    from simulator.scenario import load_scenario

    try:
        data = folder.read(path)
        if data is None:
            return f"{path}: expected a model (id: ...) or a scenario (model: ..., steps: ...), the file is empty"
        Node(data, path).mapping()
        if path.stem.startswith("_"):
            folder.files.merged(path.stem)
            for model_id in folder.ids():
                try:
                    folder.load(model_id)
                except DataError as exc:
                    if Path(exc.path).resolve() == path.resolve():
                        return str(exc)
        elif isinstance(data, dict) and "id" not in data and ("model" in data or "steps" in data):
            load_scenario(path, catalog)
        elif path.suffix != ".yaml":
            return f"{path}: expected a model file named after its id, ID.yaml"
        else:
            folder.load(path.stem)
    except DataError as exc:
        return str(exc)
    except LookupError as exc:
        return f"{path}: {exc.args[0]}"
    return None


def cmd_validate(args: argparse.Namespace, catalog: Catalog) -> int:
    paths = args.paths or [str(MODELS_DIR), str(MODELS_DIR.parent / "scenarios")]
    files = scenario_files(paths)
    folders = {catalog.directory.resolve(): catalog}  # one catalog per folder, shared by its files
    bad = 0
    for path in files:
        where = path.parent.resolve()
        folder = folders.setdefault(where, Catalog(where))
        error = _validate_file(path, catalog, folder)
        if error:
            bad += 1
            print(error)
    print(f"{len(files) - bad} valid, {bad} invalid")
    return 1 if bad else 0


def cmd_run(args: argparse.Namespace, catalog: Catalog) -> int:
    files = scenario_files(args.paths)
    if not files:
        print("phonesim run: no scenario files found in " + ", ".join(args.paths), file=sys.stderr)
        return 2
    passed = 0
    for path in files:
        result = run_scenario(path, catalog)
        passed += result["ok"]
        if args.json:
            print(json.dumps(result))
            continue
        if result["model"] is None:  # the file did not load: its one line says why
            print(f"FAIL  {result['failures'][0]}")
            continue
        print(f"{'PASS' if result['ok'] else 'FAIL'}  {path}  ({result['model']}, ends in {result['state']})")
        for failure in result["failures"]:
            print(f"      {failure}")
    summary = f"{passed} passed, {len(files) - passed} failed"
    print(summary, file=sys.stderr if args.json else sys.stdout)
    return 0 if passed == len(files) else 1


def cmd_demo(args: argparse.Namespace, catalog: Catalog) -> int:
    """The model's factory reset played out in the terminal: what to press, when, and what the phone shows."""
    from simulator.recipes import reset_by_mac, reset_procedure
    from simulator.scenario import Runner

    model = catalog.load(args.model)
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


def cmd_window(args: argparse.Namespace, catalog: Catalog) -> int:
    """The clickable phone; pygame is imported only here, so the other commands never load it."""
    from simulator.ui.app import run_window

    return run_window(catalog, args.model, state_file=args.state_file)


def _window_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or int(width) < 320 or int(height) < 240:
        raise argparse.ArgumentTypeError(f"expected a size like 1280x800 (at least 320x240), got {text!r}")
    return int(width), int(height)


def cmd_screenshot(args: argparse.Namespace, catalog: Catalog) -> int:
    """The window drawn headless to a PNG, after an optional scenario."""
    from simulator.scenario import Runner, load_scenario
    from simulator.ui.app import screenshot
    from simulator.ui.session import Session

    if args.scenario:
        runner = Runner(load_scenario(args.scenario, catalog))
        result = runner.run()
        for failure in result["failures"]:
            print(f"phonesim screenshot: scenario: {failure}", file=sys.stderr)
        session = Session(catalog, runner.phone)
    else:
        session = Session.open(catalog, catalog.resolve(args.model))
    screenshot(session, args.output, args.size, back=args.back)
    print(f"{args.output}: {session.phone.model.name}, {session.phone.phase}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="phonesim",
        description="Practise rebooting and factory-resetting Polycom / Poly phones.",
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help="model id or name for the window (default %(default)s)")
    parser.add_argument("--state-file", help="keep the phone's state as JSON in this file (for scripts)")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("list", help="list the phone models")
    p = sub.add_parser("show", help="keys, procedures and sources of one model")
    p.add_argument("model")
    p = sub.add_parser("validate", help="check model and scenario files (default: models/ and scenarios/)")
    p.add_argument("paths", nargs="*")
    p = sub.add_parser("run", help="run scenario files or folders of them")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help="one JSON transcript per scenario, one per line")
    p = sub.add_parser("demo", help="print the screens of a boot in the terminal")
    p.add_argument("model", nargs="?", default=DEFAULT_MODEL)
    p = sub.add_parser("screenshot", help="draw the window headless to a PNG, optionally after a scenario")
    p.add_argument("--model", default=argparse.SUPPRESS, help="model id or name (ignored with --scenario)")
    p.add_argument("--scenario", help="scenario file to play first; its model is drawn")
    p.add_argument("-o", "--output", required=True, help="PNG file to write")
    p.add_argument("--size", type=_window_size, default=(1280, 800), help="window size (default 1280x800)")
    p.add_argument("--back", action="store_true", help="show the phone from behind (its label and pinholes)")
    records_cli.register(sub)
    training_cli.register(sub)
    return parser


COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "validate": cmd_validate,
    "run": cmd_run,
    "demo": cmd_demo,
    "screenshot": cmd_screenshot,
    **records_cli.COMMANDS,
    **training_cli.COMMANDS,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    catalog = Catalog()
    command = COMMANDS.get(args.command) if args.command else cmd_window
    if args.command is None:
        args.model = args.model or DEFAULT_MODEL
    try:
        return command(args, catalog) if command else 2
    except (LookupError, ValueError, DataError) as exc:
        message = exc.args[0] if isinstance(exc, LookupError) and exc.args else str(exc)
        print(f"phonesim: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
