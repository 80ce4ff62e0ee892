"""Scenarios: scripted key presses against the engine, with expectations; the headless contract.

A scenario file names a model and lists steps. Running it yields a transcript (the JSON of
`phonesim run --json`). Bad files fail at the door with one DataError line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.core.catalog import Catalog
from simulator.core.config import LAYERS
from simulator.core.events import EVENT_KINDS
from simulator.core.keys import MODE
from simulator.core.model import CORNERS, LED_STATES, PHASES, Model
from simulator.core.phone import Phone, check_software, normalise_mac
from simulator.core.validate import MAX_FINGERS, Node
from simulator.core.yamlio import DataError, load_file

TAP_DOWN_MS = 100  # a tap holds the key 0.1 s, then waits 0.1 s with it up
TAP_UP_MS = 100
DEFAULT_TIMEOUT_S = 120
EXPECT_FIELDS = (
    "phase", "state", "stage", "screen", "softkeys", "event", "no_event", "admin_password", "led", "config",
)  # fmt: skip
WAIT_FIELDS = ("phase", "stage", "screen", "softkey", "event", "led")
STEP_KINDS = (
    "power_on", "power_off", "press", "release", "tap", "hold", "softkey", "wait", "wait_until", "expect",
    "touch", "fingers", "lift",
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
    provisioning: dict[str, str] | None = None
    description: str = ""


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


def _step(node: Node, model: Model) -> Step:
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
    if kind in ("touch", "fingers") and not model.display.touch:
        raise body.fail(f"expected a model with a touch screen; {model.name} has none")
    if kind == "touch":
        return Step(kind, node.line, tuple(_point(n) for n in body.seq()))
    if kind == "fingers":
        count = body.integer(minimum=1, maximum=MAX_FINGERS)
        return Step("touch", node.line, tuple(((i + 1) / (count + 1), 0.5) for i in range(count)))
    if kind == "lift":
        return Step(kind, node.line)
    if kind == "wait":
        return Step(kind, node.line, None, body.seconds_ms())
    if kind == "wait_until":
        body.only(*WAIT_FIELDS)
        conds = dict(body.mapping())
        if len(conds) != 1:
            raise body.fail(f"expected one condition: {', '.join(WAIT_FIELDS)}")
        name, value = next(iter(conds.items()))
        _check_value(body.get(name), name)
        return Step(kind, node.line, (name, value), node.get("timeout", DEFAULT_TIMEOUT_S).seconds_ms(minimum=0.01))
    body.only(*EXPECT_FIELDS)
    for name, value in body.items():
        _check_value(value, name)
    return Step(kind, node.line, dict(body.mapping()))


def _point(node: Node) -> str | tuple[float, float]:
    if isinstance(node.value, str):
        return node.choice(CORNERS)
    x, y = node.numbers(2, "a corner name or [x, y] from 0 to 1")
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise node.fail(f"expected x and y from 0 to 1, got [{x:g}, {y:g}]")
    return (x, y)


def _check_value(node: Node, name: str) -> None:
    if name == "phase":
        node.choice(PHASES)
    elif name in ("event", "no_event"):
        for item in node.seq() if isinstance(node.value, list) else [node]:
            item.choice(EVENT_KINDS)
    elif name == "softkeys":
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
    else:
        node.str()


def load_scenario(path: str | Path, catalog: Catalog) -> Scenario:
    data = load_file(path)
    if data is None:
        raise DataError(path, None, "", "expected a scenario (model: ..., steps: ...), the file is empty")
    root = Node(data, path)
    root.only("model", "software", "mac", "admin_password", "options", "config", "provisioning", "steps", "description")
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
    provisioning = {p: _scalar(v) for p, v in root.get("provisioning", {}).items()} or None
    steps = tuple(_step(n, model) for n in root.get("steps").seq())
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
        provisioning=provisioning,
        description=root.get("description", "").text(),
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
        provisioning=scenario.provisioning,
    )


class Runner:
    """Plays one scenario's steps against a phone and collects failures."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.phone = make_phone(scenario)
        self.failures: list[str] = []
        self._since = 0  # index of the first event not yet covered by an `expect: {event: ...}`

    def run(self) -> dict[str, Any]:
        for number, step in enumerate(self.scenario.steps, start=1):
            try:
                self._do(step)
            except (StepFailed, ValueError) as exc:
                self.failures.append(f"step {number} (line {step.line}, {step.kind}): {exc}")
                break
            except AssertionError as exc:
                self.failures.append(f"step {number} (line {step.line}, expect): {exc}")
        return self.transcript()

    def transcript(self) -> dict[str, Any]:
        phone = self.phone
        return {
            "scenario": self.scenario.path,
            "ok": not self.failures,
            "model": self.scenario.model.id,
            "phase": phone.phase,
            "state": phone.state,
            "screen": list(phone.screen.lines),
            "softkeys": list(phone.screen.softkeys),
            "events": [e.to_dict() for e in phone.events],
            "failures": list(self.failures),
        }

    # -- steps -----------------------------------------------------------------------------------
    def _do(self, step: Step) -> None:
        phone = self.phone
        kind = step.kind
        if kind == "power_on":
            phone.power_on()
        elif kind == "power_off":
            phone.power_off()
        elif kind == "press":
            phone.press(step.arg)
        elif kind == "release":
            phone.release(step.arg)
        elif kind == "tap":
            for key in step.arg:
                self._tap(key)
        elif kind == "hold":
            keys = [phone.resolve_key(k) for k in step.arg]
            for key in keys:
                phone.press(key)
            phone.advance_ms(step.seconds_ms)
            for key in keys:
                phone.release(key)
        elif kind == "softkey":
            key = phone.softkey_for(step.arg)
            if key is None:
                shown = ", ".join(s for s in phone.screen.softkeys if s) or "none"
                raise StepFailed(f"no softkey labelled {step.arg!r} is showing (showing: {shown})")
            self._tap(key)
        elif kind == "touch":
            phone.touch(step.arg)
        elif kind == "lift":
            phone.lift()
        elif kind == "wait":
            phone.advance_ms(step.seconds_ms)
        elif kind == "wait_until":
            self._wait_until(*step.arg, step.seconds_ms)
        else:
            self._expect(step.arg)

    def _tap(self, key: str) -> None:
        key = self.phone.resolve_key(key)
        self.phone.press(key)
        self.phone.advance_ms(TAP_DOWN_MS)
        self.phone.release(key)
        self.phone.advance_ms(TAP_UP_MS)

    def _condition(self, name: str, value: Any, start: int) -> Callable[[], bool]:
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
        kinds = set(value) if isinstance(value, list) else {value}
        return lambda: any(e.kind in kinds for e in phone.events[start:])

    def _wait_until(self, name: str, value: Any, timeout_ms: int) -> None:
        phone = self.phone
        done = self._condition(name, value, len(phone.events))
        deadline = phone.now_ms + timeout_ms
        while not done():
            due = phone.next_due_ms()
            if due is None or due > deadline:
                phone.advance_ms(deadline - phone.now_ms)
                if done():
                    return
                raise StepFailed(
                    f"{name} {value!r} not reached within {timeout_ms / 1000:g} s "
                    f"(phase {phone.phase}, screen {' | '.join(phone.screen.lines) or 'blank'})"
                )
            phone.advance_ms(max(0, due - phone.now_ms))

    def _expect(self, wanted: dict[str, Any]) -> None:
        phone = self.phone
        problems: list[str] = []
        since = phone.events[self._since :]
        for name, value in wanted.items():
            if name == "phase" and phone.phase != value:
                problems.append(f"phase: expected {value!r}, got {phone.phase!r}")
            elif name == "state" and phone.state != value:
                problems.append(f"state: expected {value!r}, got {phone.state!r}")
            elif name == "stage" and phone.stage != value:
                problems.append(f"stage: expected {value!r}, got {phone.stage!r}")
            elif name == "screen" and value not in phone.screen.text:
                problems.append(f"screen: expected {value!r} on {list(phone.screen.lines)}")
            elif name == "softkeys":
                shown = [s for s in phone.screen.softkeys if s]
                if [v for v in value if v] != shown:
                    problems.append(f"softkeys: expected {value}, got {shown}")
            elif name in ("event", "no_event"):
                kinds = value if isinstance(value, list) else [value]
                seen = {e.kind for e in since}
                for kind in kinds:
                    if name == "event" and kind not in seen:
                        problems.append(f"event: expected {kind!r} since the last expect, none happened")
                    if name == "no_event" and kind in seen:
                        problems.append(f"no_event: {kind!r} happened since the last expect")
            elif name == "admin_password" and phone.admin_password != str(value):
                problems.append(f"admin_password: expected {value!r}, got {phone.admin_password!r}")
            elif name == "led":
                for led, state in value.items():
                    got = phone.leds.get(led)
                    if got != state:
                        problems.append(f"led {led}: expected {state!r}, got {got!r}")
            elif name == "config":
                for param, val in value.items():
                    got = phone.config.get(param)
                    if got != str(val):
                        problems.append(f"config {param}: expected {val!r}, got {got!r}")
        self._since = len(phone.events)
        if problems:
            raise AssertionError("; ".join(problems))


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
