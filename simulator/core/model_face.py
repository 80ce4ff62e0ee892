"""The physical face of a model file: body, keys (and their grids), LEDs and display, in millimetres."""

from __future__ import annotations

import re
from collections.abc import Iterable

from simulator.core import keys as keyids
from simulator.core.model import DISPLAY_KINDS, KEY_SIDES, Display, Key, Led, Rect
from simulator.core.validate import Node
from simulator.core.yamlio import shown

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_PIXELS = 10_000  # a display side; the largest today is 800
MAX_TEXT_LINES = 40  # text lines on a display; the most today is 6


def check_inside_body(root: Node, width: float, height: float, keys, leds, display: Display) -> None:
    """Everything drawn must lie on the phone's face (a layout typo otherwise draws off the body)."""
    things = [("keys", k.id, k.bounds) for k in keys] + [("leds", led.id, led.bounds) for led in leds]
    things.append(("display", "display", display.bounds))
    for field_name, thing_id, b in things:
        if b.x < 0 or b.y < 0 or b.x + b.w > width + 0.01 or b.y + b.h > height + 0.01:
            node = root.get(field_name)
            if field_name != "display":
                node = next(n for n in node.seq() if n.get("id").value == thing_id)
            raise node.fail(f"expected {shown(thing_id)} inside the body ({width:g} x {height:g} mm), got {b}")


def check_unique(node: Node, ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    items = node.seq()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            raise items[i].fail(f"expected each {what} once, {shown(item_id)} is repeated")
        seen.add(item_id)


def read_colour(node: Node) -> str:
    value = node.str()
    if not _COLOUR.match(value):
        raise node.fail(f"expected a colour like '#2e3136', got {shown(value)}")
    return value


def read_rect(node: Node) -> Rect:
    x, y, w, h = node.numbers(4, "[x, y, width, height] in millimetres")
    if w <= 0 or h <= 0:
        raise node.fail("expected a positive width and height")
    return Rect(x, y, w, h)


def read_keys(root: Node) -> tuple[Key, ...]:
    placed: dict[str, Rect] = {}
    for grid in root.get("key_grids", []).seq():
        grid.only("at", "size", "gap", "rows")
        x0, y0 = grid.get("at").numbers(2, "[x, y]")
        w, h = grid.get("size").numbers(2, "[width, height]")
        gx, gy = grid.get("gap").numbers(2, "[horizontal gap, vertical gap]")
        for r, row in enumerate(grid.get("rows").seq()):
            for c, cell in enumerate(row.seq()):
                if cell.value is None:
                    continue
                placed[cell.str()] = Rect(x0 + c * (w + gx), y0 + r * (h + gy), w, h)
    out: list[Key] = []
    key_nodes = root.get("keys").seq()
    for node in key_nodes:
        node.only("id", "label", "letters", "bounds", "shape", "side")
        key_id = read_key_id(node.get("id"))
        if node.has("bounds"):
            bounds = read_rect(node.get("bounds"))
        elif key_id in placed:
            bounds = placed[key_id]
        else:
            raise node.fail(f"expected bounds for key {shown(key_id)} (or the key in a key_grids row)")
        out.append(
            Key(
                id=key_id,
                label=node.get("label", key_id).text(),
                letters=node.get("letters", "").text(),
                bounds=bounds,
                shape=node.get("shape", "rect").choice(("rect", "round")),
                side=node.get("side", "face").choice(KEY_SIDES),
            )
        )
    check_unique(root.get("keys"), [k.id for k in out], "key id")
    unknown = sorted(set(placed) - {k.id for k in out})
    if unknown:
        raise root.get("key_grids").fail(f"expected only keys listed under keys:, not {', '.join(unknown)}")
    return tuple(out)


def read_key_id(node: Node) -> str:
    value = node.str()
    if not keyids.is_key_id(value):
        raise node.fail(f"expected a key id (see README: key ids), got {shown(value)}")
    return value


def read_led(node: Node) -> Led:
    node.only("id", "label", "colours", "bounds", "group")
    return Led(
        id=node.get("id").str(),
        label=node.get("label", "").text(),
        colours=node.get("colours", ["red"]).strings(),
        bounds=read_rect(node.get("bounds")),
        group=node.get("group", None).opt_str(),
    )


def read_display(node: Node) -> Display:
    node.only("kind", "pixels", "bounds", "touch", "text_lines", "source", "confidence")
    pixels = node.get("pixels")
    w, h = pixels.numbers(2, "[width, height] in pixels")
    if not (1 <= w <= MAX_PIXELS and 1 <= h <= MAX_PIXELS):
        raise pixels.fail(f"expected [width, height] in pixels, each from 1 to {MAX_PIXELS}, got [{w:g}, {h:g}]")
    return Display(
        kind=node.get("kind").choice(DISPLAY_KINDS),
        pixels=(int(w), int(h)),
        bounds=read_rect(node.get("bounds")),
        touch=node.get("touch", False).boolean(),
        text_lines=node.get("text_lines", 4).integer(minimum=2, maximum=MAX_TEXT_LINES),
    )
