"""Scenarios: scripted key presses against the engine, with expectations; the headless contract.

A scenario file names a model and lists steps. Running it yields a transcript (the JSON of
`phonesim run --json`). Bad files fail at the door with one DataError line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.core import (
    CORNERS,
    DEFAULT_MAC,
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
    Phone,
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
    config_problems,
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
    return any(e.kind == kind and matches(e, pattern) for e in events)


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


def make_phone(scenario: Scenario) -> Phone:
    return Phone(
        scenario.model,
        software=scenario.software,
        mac=scenario.mac,
        admin_password=scenario.admin_password,
        config=scenario.config,
        server=scenario.server.build(normalise_mac(scenario.mac or DEFAULT_MAC)) if scenario.server else None,
    )


class Runner:
    """Plays one scenario's steps against a phone and collects failures."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.phone = make_phone(scenario)
        self.failures: list[str] = []
        self.notes: list[str] = []  # what the server steps did ("removed site.cfg")
        self._since = self.phone.events.cursor  # events after it are not yet covered by an `expect: {event}`

    def run(self) -> dict[str, Any]:
        self.play()
        return self.transcript()

    def play(self) -> bool:
        """Every step in turn; an action that cannot be done ends the run. True when nothing failed."""
        for number, step in enumerate(self.scenario.steps, start=1):
            try:
                self._do(step)
            except (StepFailed, ValueError) as exc:
                self.failures.append(f"step {number} (line {step.line}, {step.kind}): {exc}")
                break
            except AssertionError as exc:
                self.failures.append(f"step {number} (line {step.line}, expect): {exc}")
        return not self.failures

    def transcript(self) -> dict[str, Any]:
        snap = self.phone.snapshot()
        return {
            "scenario": self.scenario.path,
            "ok": not self.failures,
            "model": self.scenario.model.id,
            "phase": snap.phase,
            "state": snap.state,
            "screen": list(snap.screen.lines),
            "softkeys": list(snap.screen.softkeys),
            "events": [e.to_dict() for e in self.phone.events],
            "failures": list(self.failures),
        }

    # -- steps -----------------------------------------------------------------------------------
    def _do(self, step: Step) -> None:
        _STEPS[step.kind](self, step)

    def _power_on(self, step: Step) -> None:
        self.phone.power_on()

    def _power_off(self, step: Step) -> None:
        self.phone.power_off()

    def _press(self, step: Step) -> None:
        self.phone.press(step.arg)

    def _release(self, step: Step) -> None:
        self.phone.release(step.arg)

    def _taps(self, step: Step) -> None:
        for key in step.arg:
            self._tap(key)

    def _hold(self, step: Step) -> None:
        phone = self.phone
        keys = [phone.resolve_key(k) for k in step.arg]
        for key in keys:
            phone.press(key)
        phone.advance_ms(step.seconds_ms)
        for key in keys:
            phone.release(key)

    def _softkey(self, step: Step) -> None:
        key = self.phone.softkey_for(step.arg)
        if key is None:
            shown = ", ".join(s for s in self.phone.screen.softkeys if s) or "none"
            raise StepFailed(f"no softkey labelled {step.arg!r} is showing (showing: {shown})")
        self._tap(key)

    def _touch(self, step: Step) -> None:
        self.phone.touch(step.arg)

    def _lift(self, step: Step) -> None:
        self.phone.lift()

    def _touch_item(self, step: Step) -> None:
        phone = self.phone
        point = phone.touch_point_for(str(step.arg))
        if point is None:
            raise StepFailed(
                f"nothing on the screen shows {step.arg!r} to touch (screen {' | '.join(phone.screen.lines)})"
            )
        phone.touch([point])
        phone.advance_ms(TAP_DOWN_MS)
        phone.lift()
        phone.advance_ms(TAP_UP_MS)

    def _wait(self, step: Step) -> None:
        self.phone.advance_ms(step.seconds_ms)

    def _wait_step(self, step: Step) -> None:
        self._wait_until(*step.arg, step.seconds_ms)

    def _server(self, step: Step) -> None:
        environment = self.phone.environment
        if environment is not None:
            self.notes.append(step.arg.apply(environment))

    def _expect_step(self, step: Step) -> None:
        self._expect(step.arg)

    def _tap(self, key: str) -> None:
        phone = self.phone
        key = phone.resolve_key(key)
        phone.press(key)
        phone.advance_ms(TAP_DOWN_MS)
        phone.release(key)
        phone.advance_ms(TAP_UP_MS)

    def _condition(self, name: str, value: Any) -> Callable[[], bool]:
        phone = self.phone
        if name == "phase":
            return lambda: phone.phase == value
        if name == "screen":
            return lambda: value in phone.screen.text
        if name == "softkey":
            return lambda: phone.softkey_for(value) is not None
        if name == "stage":
            return lambda: phone.stage == value
        if name == "led":
            return lambda: all(phone.leds.get(led) == state for led, state in value.items())
        # An event counts from the last expect on, like `expect: {event}`: one that came with the tap
        # before this wait holds already.
        log = phone.events
        return lambda: any(happened(log.since(self._since), p) for p in value)

    def _wait_until(self, name: str, value: Any, timeout_ms: int) -> None:
        phone = self.phone
        if not phone.run_until(self._condition(name, value), timeout_ms / 1000):
            shown = describe_pattern(value[0]) if name == "event" and len(value) == 1 else repr(value)
            raise StepFailed(
                f"{name} {shown} not reached within {timeout_ms / 1000:g} s "
                f"(phase {phone.phase}, screen {' | '.join(phone.screen.lines) or 'blank'})"
            )

    def _expect(self, wanted: dict[str, Any]) -> None:
        phone = self.phone
        snap = phone.snapshot()
        problems: list[str] = []
        since = phone.events.since(self._since)
        for name, value in wanted.items():
            if name == "phase" and snap.phase != value:
                problems.append(f"phase: expected {value!r}, got {snap.phase!r}")
            elif name == "state" and snap.state != value:
                problems.append(f"state: expected {value!r}, got {snap.state!r}")
            elif name == "stage" and snap.stage != value:
                problems.append(f"stage: expected {value!r}, got {snap.stage!r}")
            elif name == "screen" and value not in snap.screen.text:
                problems.append(f"screen: expected {value!r} on {list(snap.screen.lines)}")
            elif name == "no_screen" and value in snap.screen.text:
                problems.append(f"no_screen: {value!r} is on {list(snap.screen.lines)}")
            elif name == "softkeys":
                shown = [s for s in snap.softkeys if s]
                if [v for v in value if v] != shown:
                    problems.append(f"softkeys: expected {value}, got {shown}")
            elif name in ("event", "no_event"):
                for pattern in value:
                    seen, shown = happened(since, pattern), describe_pattern(pattern)
                    if name == "event" and not seen:
                        problems.append(f"event: expected {shown} since the last expect, none happened")
                    if name == "no_event" and seen:
                        problems.append(f"no_event: {shown} happened since the last expect")
            elif name == "admin_password" and snap.admin_password != str(value):
                problems.append(f"admin_password: expected {value!r}, got {snap.admin_password!r}")
            elif name == "led":
                for led, state in value.items():
                    got = snap.led(led)
                    if got != state:
                        problems.append(f"led {led}: expected {state!r}, got {got!r}")
            elif name == "config":
                for param, val in value.items():
                    got = snap.setting(param)
                    if got != str(val):
                        problems.append(f"config {param}: expected {val!r}, got {got!r}")
            elif name in CONFIG_EXPECTS:
                problems += config_problems(name, value, snap, phone)
        self._since = phone.events.cursor
        if problems:
            raise AssertionError("; ".join(problems))


_STEPS: dict[str, Callable[[Runner, Step], None]] = {
    "power_on": Runner._power_on,
    "power_off": Runner._power_off,
    "press": Runner._press,
    "release": Runner._release,
    "tap": Runner._taps,
    "hold": Runner._hold,
    "softkey": Runner._softkey,
    "touch": Runner._touch,
    "lift": Runner._lift,
    "wait": Runner._wait,
    "wait_until": Runner._wait_step,
    "expect": Runner._expect_step,
    "server": Runner._server,
    "touch_item": Runner._touch_item,
}


def run_scenario(path: str | Path, catalog: Catalog) -> dict[str, Any]:
    """Load and run one file; a bad file becomes a failed transcript with its one-line error."""
    try:
        scenario = load_scenario(path, catalog)
    except DataError as exc:
        return {
            "scenario": str(path),
            "ok": False,
            "model": None,
            "phase": None,
            "state": None,
            "screen": [],
            "softkeys": [],
            "events": [],
            "failures": [str(exc)],
        }
    return Runner(scenario).run()


def scenario_files(paths: list[str]) -> list[Path]:
    """Files as given; folders contribute their *.yaml files (recursively), sorted."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted(path.rglob("*.yaml")))
        else:
            found.append(path)
    return found
