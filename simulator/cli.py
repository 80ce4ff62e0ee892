"""`phonesim` command line: list, show, validate, run, demo, screenshot; with no command, the window."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from simulator import show_cli, window_cli
from simulator.core import MODELS_DIR, PARAMETERS_FILE, Catalog, DataError, Model, Node, describe, load_parameters
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
    prompt = any(p.action == "reset_prompt" for p in m.procedures)
    if sw.placeholder:
        software = ["unknown (no version is in the sources)"]
    else:
        software = [f"default {sw.default}", f"known {', '.join(sw.versions) or '-'}", f"oldest {sw.minimum or '-'}"]
        if b.countdown:
            software.append(f"Updater (Cancel step) from {sw.updater_from}")
        if prompt or m.menu_keys:  # what the prompt's or the menu's reset clears depends on the version
            software.append(f"full factory reset from {sw.full_reset_from}")
    print(f"  software: {'; '.join(software)}")
    stages = ", ".join(f"{s.id} {s.ms / 1000:g}s" for s in b.stages)
    countdown = (
        f"starting application {b.starting_ms / 1000:g}s, countdown {b.countdown_s}s (BootROM {b.bootrom_countdown_s}s)"
        if b.countdown
        else "no countdown"
    )
    print(f"  boot: {stages}, {countdown}, load {sum(s.ms for s in b.load) / 1000:g}s")
    if prompt or m.menu_keys:  # only a password prompt is typed into
        te = m.text_entry
        print(
            f"  password entry: modes {' -> '.join(te.labels[x] for x in te.cycle)}, commit after "
            f"{te.commit_ms / 1000:g}s" + (f", MAC in {te.mac_case} case" if prompt else "")
        )
    print("\nProcedures:")
    if not m.procedures:
        print("  none: no source gives a reset, reboot or other procedure for this device")
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
        if isinstance(data, dict) and "parameters" in data and "resets" in data:
            load_parameters(path)  # the parameter catalog (config/parameters.yaml)
        elif path.stem.startswith("_"):
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
    paths = args.paths or [str(MODELS_DIR), str(MODELS_DIR.parent / "scenarios"), str(PARAMETERS_FILE)]
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


def cmd_window(args: argparse.Namespace, catalog: Catalog) -> int:
    """The clickable phone, in a training mode; pygame is imported only there, so the other commands never load it."""
    return window_cli.cmd_window(args, catalog, _check_output)


def _check_output(path: str, option: str, example: str) -> None:
    """A file we are about to write: its folder must exist and it must not be a folder itself, said in one line."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ValueError(f"{option} {path}: is a folder; name a file in it, e.g. {target / example}")
    if not folder.exists():
        raise ValueError(f"{option} {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise ValueError(f"{option} {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK):
        raise ValueError(f"{option} {path}: cannot write in the folder {folder}")


def _window_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"expected a size like 1280x800, got {text!r}")
    return int(width), int(height)


def cmd_screenshot(args: argparse.Namespace, catalog: Catalog) -> int:
    """The window drawn headless to a PNG, after an optional scenario."""
    _check_output(args.output, "-o", "phone.png")
    from simulator.scenario import Runner, load_scenario
    from simulator.ui.assets import THEME
    from simulator.ui.session import Session
    from simulator.ui.window_run import screenshot

    least = THEME.sizes.min_window
    if args.size[0] < least[0] or args.size[1] < least[1]:
        raise ValueError(f"--size {args.size[0]}x{args.size[1]}: the window is at least {least[0]}x{least[1]}")

    if args.scenario:
        runner = Runner(load_scenario(args.scenario, catalog))
        result = runner.run()
        for failure in result["failures"]:
            print(f"phonesim screenshot: scenario: {failure}", file=sys.stderr)
        session = Session(catalog, runner.phone)
    else:
        session = Session.open(catalog, catalog.resolve(args.model))
    screenshot(session, args.output, args.size, back=args.back, config=args.config)
    print(f"{args.output}: {session.phone.model.name}, {session.phone.phase}")
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse that answers a misspelt command with the close match ("did you mean list?")."""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        choices = action.choices
        if action.dest == "command" and choices is not None and value not in choices:
            close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise argparse.ArgumentError(None, f"unknown command {value!r}{hint} (commands: {', '.join(choices)})")
        super()._check_value(action, value)


def _version() -> str:
    try:
        return metadata.version("phonesim")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="phonesim",
        description="Practise rebooting and factory-resetting Polycom / Poly phones. "
        "With no command, opens the window on a phone.",
        epilog="Models are named by id or name, ignoring case, spaces and hyphens ('VVX 410', vvx410).",
    )
    parser.add_argument("--version", action="version", version=f"phonesim {_version()}")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="model id or name for the window (default %(default)s)")
    parser.add_argument(
        "--state-file",
        metavar="PATH",
        help="keep the window's phone state as JSON in this file, replaced whole on every change (for scripts)",
    )
    window_cli.add_window_flags(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", help="what to do; with none, the window opens")

    add_parser = sub.add_parser

    def described(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """Every command's own --help opens with what it does: its one-line help, as a sentence."""
        text = kwargs.get("help")
        if text and not kwargs.get("description"):
            kwargs["description"] = text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
        return add_parser(name, **kwargs)

    sub.add_parser = described  # type: ignore[method-assign]  # the training commands register through it too

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text)

    command("list", "list every model with its factory-reset and reboot combinations")
    p = command("show", "show one model: keys, boot timings, procedures with their sources, options")
    p.add_argument("model", help="model id or name, e.g. 'VVX 410'")
    p = command("validate", "check model, scenario and parameter-catalog files, one line per bad file")
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: models/, scenarios/, config/parameters.yaml)",
    )
    p = command("run", "run scenario files or folders of them; exit code 0 only if every expectation held")
    p.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders of them")
    p.add_argument("--json", action="store_true", help="one JSON transcript per scenario, one per line")
    show_cli.register_demo(sub)
    p = command("screenshot", "draw the window headless to a PNG, optionally after a scenario")
    p.add_argument(
        "--model", default=argparse.SUPPRESS, help="model id or name (default vvx-410; ignored with --scenario)"
    )
    p.add_argument("--scenario", metavar="FILE", help="scenario file to play first; its model is drawn")
    p.add_argument("-o", "--output", required=True, metavar="FILE.png", help="PNG file to write")
    p.add_argument(
        "--size", type=_window_size, default=(1280, 800), metavar="WxH", help="window size (default 1280x800)"
    )
    p.add_argument("--back", action="store_true", help="show the phone from behind (its label and pinholes)")
    p.add_argument("--config", action="store_true", help="open the configuration card (F6): layers and server files")
    records_cli.register(sub)
    training_cli.register(sub)
    show_cli.register(sub)
    window_cli.register(sub)
    return parser


COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "validate": cmd_validate,
    "run": cmd_run,
    "screenshot": cmd_screenshot,
    **records_cli.COMMANDS,
    **training_cli.COMMANDS,
    **show_cli.COMMANDS,
    "exam": cmd_window,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    catalog = Catalog()
    command = COMMANDS.get(args.command) if args.command else cmd_window
    if args.command is None:
        args.model = args.model or DEFAULT_MODEL
    try:
        return command(args, catalog) if command else 2
    except BrokenPipeError:
        return 0
    except (LookupError, ValueError, DataError, OSError) as exc:
        message = exc.args[0] if isinstance(exc, LookupError) and exc.args else str(exc)
        print(f"phonesim: {message}", file=sys.stderr)
        return 2
