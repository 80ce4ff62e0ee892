"""Scenarios: scripted key presses against the engine, with expectations; the headless contract.

The runner plays a scenario (read by `simulator.scenario_file`, whose names this module passes on)
and yields a transcript (the JSON of `phonesim run --json`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from simulator.core import DEFAULT_MAC, Catalog, DataError, Phone, normalise_mac
from simulator.scenario_config import CONFIG_EXPECTS, config_problems
from simulator.scenario_file import (
    DEFAULT_TIMEOUT_S,
    EXPECT_FIELDS,
    STEP_KINDS,
    TAP_DOWN_MS,
    TAP_UP_MS,
    WAIT_FIELDS,
    Scenario,
    Step,
    StepFailed,
    describe_pattern,
    happened,
    load_scenario,
    matches,
)

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "EXPECT_FIELDS",
    "STEP_KINDS",
    "TAP_DOWN_MS",
    "TAP_UP_MS",
    "WAIT_FIELDS",
    "Runner",
    "Scenario",
    "Step",
    "StepFailed",
    "describe_pattern",
    "happened",
    "load_scenario",
    "make_phone",
    "matches",
    "run_scenario",
    "scenario_files",
]


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
                    seen = happened(since, pattern)
                    if name == "event" and not seen:
                        problems.append(
                            f"event: expected {describe_pattern(pattern)} since the last expect, none happened"
                        )
                    if name == "no_event" and seen:
                        problems.append(f"no_event: {describe_pattern(pattern)} happened since the last expect")
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
