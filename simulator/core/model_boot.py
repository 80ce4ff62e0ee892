"""When things happen: boot stages and timings, and the software versions that change them."""

from __future__ import annotations

from collections.abc import Mapping

from simulator.core.model import CONFIDENCE, Boot, ScreenSpec, Software, Stage, parse_version
from simulator.core.validate import Node
from simulator.core.yamlio import shown

MAX_COUNTDOWN_S = 3600  # an hour; the sources give 7 to 60 s


def read_stages(node: Node, screens: Mapping[str, ScreenSpec]) -> tuple[Stage, ...]:
    out = []
    for item in node.seq():
        item.only("id", "seconds", "screen")
        screen = item.get("screen").str()
        if screen not in screens:
            raise item.get("screen").fail(f"expected a screen defined under screens:, got {shown(screen)}")
        out.append(Stage(item.get("id").str(), item.get("seconds").seconds_ms(minimum=0.1), screen))
    return tuple(out)


def read_boot(node: Node, screens: Mapping[str, ScreenSpec]) -> Boot:
    node.only(
        "stages",
        "starting_seconds",
        "countdown_seconds",
        "bootrom_countdown_seconds",
        "load",
        "shutdown_seconds",
        "incorrect_seconds",
        "countdown",
        "message_seconds",
        "source",
        "confidence",
    )
    node.get("source").str()
    node.get("confidence").choice(CONFIDENCE)
    return Boot(
        stages=read_stages(node.get("stages"), screens),
        starting_ms=node.get("starting_seconds").seconds_ms(minimum=0.5),
        countdown_s=node.get("countdown_seconds").integer(minimum=1, maximum=MAX_COUNTDOWN_S),
        bootrom_countdown_s=node.get("bootrom_countdown_seconds").integer(minimum=1, maximum=MAX_COUNTDOWN_S),
        load=read_stages(non_empty(node.get("load")), screens),
        shutdown_ms=node.get("shutdown_seconds").seconds_ms(minimum=0.1),
        incorrect_ms=node.get("incorrect_seconds", 2).seconds_ms(minimum=0.1),
        countdown=node.get("countdown", True).boolean(),
        message_ms=node.get("message_seconds", 1.5).seconds_ms(minimum=0.1),
    )


def non_empty(node: Node) -> Node:
    if not node.seq():
        raise node.fail("expected at least one stage")
    return node


def read_version(node: Node) -> str:
    value = node.str() if not isinstance(node.value, int | float) else str(node.value)
    if parse_version(value) is None:
        raise node.fail(f"expected a software version like '6.4.3' (quoted), got {shown(value)}")
    return value


def read_software(node: Node) -> Software:
    node.only(
        "default", "versions", "min", "max", "updater_from", "full_reset_from", "placeholder", "source", "confidence"
    )
    minimum = read_version(node.get("min")) if node.has("min") else None
    maximum = read_version(node.get("max")) if node.has("max") else None
    return Software(
        default=read_version(node.get("default")),
        versions=tuple(read_version(n) for n in node.get("versions", []).seq()),
        minimum=minimum,
        maximum=maximum,
        updater_from=read_version(node.get("updater_from")),
        full_reset_from=read_version(node.get("full_reset_from")),
        placeholder=node.get("placeholder", False).boolean(),
    )


def check_default_in_range(node: Node, software: Software) -> None:
    default = parse_version(software.default)
    if software.minimum and default < parse_version(software.minimum):  # type: ignore[operator]
        raise node.get("default").fail(f"expected a default no older than min {software.minimum}")
    if software.maximum and default > parse_version(software.maximum):  # type: ignore[operator]
        raise node.get("default").fail(f"expected a default no newer than max {software.maximum}")
