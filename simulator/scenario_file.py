"""Scenario files: their header, their steps and expectations, read and checked at the door.

A scenario names a model and lists steps; `load_scenario` turns a file into a frozen `Scenario` or
fails with one DataError line (file:line: field: expected). The runner is in `simulator.scenario`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.core import (
    CORNERS,
    EVENT_FIELDS,
    EVENT_KINDS,
    LAYERS,
    LED_STATES,
    MAX_FINGERS,
    MODE,
    PHASES,
    Catalog,
    DataError,
    Event,
    Model,
    Node,
    ServerSetup,
    check_software,
    load_file,
    normalise_mac,
    parse_server,
)
from simulator.scenario_config import (
    CONFIG_EXPECTS,
    OLD_PROVISIONING,
    check_config_expect,
    parse_server_step,
)
from simulator.training.grade import GOALS
from simulator.training.traces import TraceInfo, parse_trace

#: What a scenario file may hold besides `steps`; `goal` says what grading it judges.
HEADER_FIELDS = (
    "model", "software", "mac", "admin_password", "options", "config", "server", "steps", "description", "goal",
    "trace",
)  # fmt: skip
TAP_DOWN_MS = 100  # a tap holds the key 0.1 s, then waits 0.1 s with it up
TAP_UP_MS = 100
DEFAULT_TIMEOUT_S = 120
EXPECT_FIELDS = (
    "phase", "state", "stage", "screen", "no_screen", "softkeys", "event", "no_event", "admin_password", "led",
    "config", *CONFIG_EXPECTS,
)  # fmt: skip
WAIT_FIELDS = ("phase", "stage", "screen", "softkey", "event", "led")
STEP_KINDS = (
    "power_on", "power_off", "press", "release", "tap", "hold", "softkey", "wait", "wait_until", "expect",
    "touch", "fingers", "lift", "server", "touch_item",
)  # fmt: skip


@dataclass(frozen=True)
class Step:
    kind: str
    line: int
    arg: Any = None
    seconds_ms: int = 0


@dataclass(frozen=True)
class Scenario:
    path: str
    model: Model
    steps: tuple[Step, ...]
    software: str | None = None
    mac: str | None = None
    admin_password: str | None = None
    config: dict[str, dict[str, str]] = field(default_factory=dict)
    server: ServerSetup | None = None  # the provisioning server and how the phone finds it
    description: str = ""
    goal: str | None = None  # what grading judges (default factory_reset)
    trace: TraceInfo | None = None  # who recorded it and how, for a trace


class StepFailed(Exception):
    """An action that could not be done (no such softkey showing, a wait that timed out)."""


def _key(node: Node, model: Model) -> str:
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9:
        value = str(value)
    elif value is None:
        raise node.fail("expected a key id (quote '#' and '*')")
    elif not isinstance(value, str):
        raise node.fail(f"expected a key id, got {value!r}")
    if value != MODE and value not in model.key_ids:
        raise node.fail(f"expected a key of {model.name} or 'mode', got {value!r}")
    return value


def _keys(node: Node, model: Model) -> tuple[str, ...]:
    if isinstance(node.value, list):
        if not node.value:
            raise node.fail("expected at least one key")
        return tuple(_key(n, model) for n in node.seq())
    return (_key(node, model),)


def _step(node: Node, model: Model, has_server: bool = False) -> Step:
    if isinstance(node.value, str):
        if node.value not in ("power_on", "power_off", "lift"):
            raise node.fail(f"expected power_on, power_off, lift or a mapping like 'tap: 5', got {node.value!r}")
        return Step(node.value, node.line)
    mapping = node.mapping()
    kinds = [k for k in mapping if k in STEP_KINDS]
    if len(kinds) != 1:
        raise node.fail(f"expected exactly one of {', '.join(STEP_KINDS)} in a step")
    kind = kinds[0]
    body = node.get(kind)
    extra = {"hold": ("for",), "wait_until": ("timeout",)}.get(kind, ())
    node.only(kind, *extra)
    if kind in ("press", "release"):
        return Step(kind, node.line, _key(body, model))
    if kind == "tap":
        return Step(kind, node.line, _keys(body, model))
    if kind == "hold":
        return Step(kind, node.line, _keys(body, model), node.get("for").seconds_ms(minimum=0.01))
    if kind == "softkey":
        return Step(kind, node.line, body.str())
    if kind in ("touch", "fingers", "touch_item") and not model.display.touch:
        raise body.fail(f"expected a model with a touch screen; {model.name} has none")
    if kind == "touch":
        return Step(kind, node.line, tuple(_point(n) for n in body.seq()))
    if kind == "fingers":
        count = body.integer(minimum=1, maximum=MAX_FINGERS)
        return Step("touch", node.line, tuple(((i + 1) / (count + 1), 0.5) for i in range(count)))
    if kind == "lift":
        return Step(kind, node.line)
    if kind == "touch_item":
        return Step(kind, node.line, _check_value(body, "screen"))
    if kind == "server":
        return Step(kind, node.line, parse_server_step(body, has_server))
    if kind == "wait":
        return Step(kind, node.line, None, body.seconds_ms())
    if kind == "wait_until":
        body.only(*WAIT_FIELDS)
        conds = dict(body.mapping())
        if len(conds) != 1:
            raise body.fail(f"expected one condition: {', '.join(WAIT_FIELDS)}")
        name = next(iter(conds))
        value = _check_value(body.get(name), name)
        return Step(kind, node.line, (name, value), node.get("timeout", DEFAULT_TIMEOUT_S).seconds_ms(minimum=0.01))
    body.only(*EXPECT_FIELDS)
    return Step(kind, node.line, {name: _check_value(value, name) for name, value in body.items()})


def _point(node: Node) -> str | tuple[float, float]:
    if isinstance(node.value, str):
        return node.choice(CORNERS)
    x, y = node.numbers(2, "a corner name or [x, y] from 0 to 1")
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise node.fail(f"expected x and y from 0 to 1, got [{x:g}, {y:g}]")
    return (x, y)


def _check_value(node: Node, name: str) -> Any:
    """The condition's value as the runner uses it; a bad one fails at the door."""
    if name == "phase":
        return node.choice(PHASES)
    if name in ("event", "no_event"):
        return _event_patterns(node)
    if name == "softkeys":
        for item in node.seq():
            if item.value is not None:
                item.str()
    elif name == "led":
        for _, value in node.items():
            value.choice(LED_STATES)
    elif name == "config":
        for _, value in node.items():
            _scalar(value)
    elif name == "admin_password":
        _scalar(node)
    elif name in CONFIG_EXPECTS:
        return check_config_expect(node, name)
    elif name in ("screen", "no_screen") and isinstance(node.value, str) and not node.value.strip():
        raise node.fail("expected some text to look for (an empty text is on every screen)")
    else:
        node.str()
    return node.value


EventPattern = tuple[str, dict[str, Any]]


def _event_patterns(node: Node) -> tuple[EventPattern, ...]:
    """`kind`, `{kind: {field: value}}`, or a list of either: what an event must be to match."""
    items = node.seq() if isinstance(node.value, list) else [node]
    out: list[EventPattern] = []
    for item in items:
        if not isinstance(item.value, dict):
            out.append((item.choice(EVENT_KINDS), {}))
            continue
        for kind, fields in item.items():
            if kind not in EVENT_KINDS:
                raise fields.fail(f"expected an event kind ({', '.join(EVENT_KINDS)}), got {kind!r}")
            wanted = {}
            for name, value in fields.items():
                if name not in EVENT_FIELDS[kind]:
                    known = ", ".join(EVENT_FIELDS[kind]) or "none"
                    raise value.fail(f"expected a field of a {kind} event ({known})")
                wanted[name] = _plain(value.value)
            out.append((kind, wanted))
    return tuple(out)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _same(expected: Any, actual: Any) -> bool:
    """Field values compare as written; lists in any order; `456` and `"456"` alike for texts."""
    if isinstance(expected, list) and isinstance(actual, list):
        return sorted(map(repr, expected)) == sorted(map(repr, actual))
    if isinstance(actual, str) and isinstance(expected, int | float) and not isinstance(expected, bool):
        return actual == str(expected)
    return bool(expected == actual)


def matches(event: Event, pattern: EventPattern) -> bool:
    kind, fields = pattern
    if event.kind != kind:
        return False
    if not fields:
        return True
    data = event.data
    return all(_same(value, data.get(field)) for field, value in fields.items())


def happened(events: list[Event], pattern: EventPattern) -> bool:
    kind = pattern[0]
    for event in events:  # noqa: SIM110  # a loop, not any(): every expectation scans the events since the last
        if event.kind == kind and matches(event, pattern):
            return True
    return False


def describe_pattern(pattern: EventPattern) -> str:
    kind, fields = pattern
    if not fields:
        return repr(kind)
    return f"{kind!r} with " + ", ".join(f"{k}={v!r}" for k, v in fields.items())


def load_scenario(path: str | Path, catalog: Catalog) -> Scenario:
    data = load_file(path)
    if data is None:
        raise DataError(path, None, "", "expected a scenario (model: ..., steps: ...), the file is empty")
    root = Node(data, path)
    if isinstance(data, dict) and "provisioning" in data:
        raise root.get("provisioning").fail(OLD_PROVISIONING)
    root.only(*HEADER_FIELDS)
    model_node = root.get("model")
    try:
        model_id = catalog.resolve(model_node.str())
    except LookupError as exc:
        raise model_node.fail(exc.args[0]) from None
    options_node = root.get("options", {})
    try:
        model = catalog.load(model_id, {k: v.value for k, v in options_node.items()})
    except LookupError as exc:
        raise options_node.fail(exc.args[0]) from None
    mac = None
    if root.has("mac"):
        mac_node = root.get("mac")
        try:
            mac = normalise_mac(str(mac_node.value))
        except ValueError as exc:
            raise mac_node.fail(str(exc)) from None
    software = None
    if root.has("software"):
        node = root.get("software")
        try:
            software = check_software(model, _scalar(node))
        except ValueError as exc:
            raise node.fail(str(exc)) from None
    admin = root.get("admin_password", None)
    config_node = root.get("config", {})
    config = {}
    for layer, params in config_node.items():
        if layer not in LAYERS or layer == "factory":
            raise params.fail(f"expected a configuration layer: {', '.join(LAYERS[:-1])}")
        config[layer] = {p: _scalar(v) for p, v in params.items()}
    server = parse_server(root.get("server")) if root.has("server") else None
    steps = tuple(_step(n, model, server is not None) for n in root.get("steps").seq())
    if not steps:
        raise root.get("steps").fail("expected at least one step")
    return Scenario(
        path=str(path),
        model=model,
        steps=steps,
        software=software,
        mac=mac,
        admin_password=None if admin.value is None else _scalar(admin),
        config=config,
        server=server,
        description=root.get("description", "").text(),
        goal=root.get("goal").choice(GOALS) if root.has("goal") else None,
        trace=parse_trace(root.get("trace")) if root.has("trace") else None,
    )


def _scalar(node: Node) -> str:
    """A text or a number, as text (passwords and settings: `456` and `"456"` are the same)."""
    if isinstance(node.value, bool) or not isinstance(node.value, str | int | float):
        raise node.fail(f"expected a text or a number, got {type(node.value).__name__}")
    return str(node.value)
