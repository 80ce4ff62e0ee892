"""The command line explains itself: help for every argument, a close match for a misspelt command, --version."""

from __future__ import annotations

import argparse
from importlib import metadata

import pytest

from simulator.cli import COMMANDS, build_parser, main


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_argument_of_every_command_has_help():
    parser = build_parser()
    for name, sub in [("phonesim", parser), *subparsers(parser).items()]:
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, f"{name}: {action.dest} has no help"


def test_every_command_is_described_in_its_own_help():
    for name, sub in subparsers(build_parser()).items():
        assert name in COMMANDS
        assert sub.description and len(sub.description) > 20, name


def test_demo_help_says_what_demo_does(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["demo", "--help"])
    assert stop.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "factory reset in the terminal" in out
    assert "every key to press" in out and "model id or name" in out


@pytest.mark.parametrize(("typed", "meant"), [("lst", "list"), ("demon", "demo"), ("screenshoot", "screenshot")])
def test_a_misspelt_command_gets_the_close_match(capsys, typed, meant):
    with pytest.raises(SystemExit) as stop:
        main([typed])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"unknown command '{typed}'; did you mean {meant}?" in err
    assert "Traceback" not in err


def test_a_command_like_nothing_known_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main(["xyzzy"])
    err = capsys.readouterr().err
    assert "did you mean" not in err and "commands: list, show, validate, run, demo, screenshot" in err


def test_version_comes_from_the_package_metadata(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"phonesim {metadata.version('phonesim')}"
