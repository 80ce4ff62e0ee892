"""Attempts that make one mistake each, built from a plan's model data: the grader must name it.

Every case is a scenario a clumsy trainee could have produced in the window; which cases apply
depends on the procedure (a countdown window, a signal to wait for, keys held at power-on, ...).
"""

from __future__ import annotations

from simulator.core import DIALPAD, POWER_KEY, Model, Procedure, keystrokes, mac_as_typed
from simulator.recipes import TIMEOUT_MS, hold_steps, typing_steps, window_steps
from simulator.scenario import Scenario, Step
from simulator.training.plan import Plan
from simulator.training.reference import reference_steps

MAC = "0004f2aa814c"  # "aa": two letters on one key, for the multi-tap case
CHANGED = "8675309"


def _wait(phase: str) -> Step:
    return Step("wait_until", 0, ("phase", phase), TIMEOUT_MS)


def _to_countdown(model: Model, software: str) -> list[Step]:
    if model.cancel_step(software):
        return [
            Step("power_on", 0),
            Step("wait_until", 0, ("softkey", "Cancel"), TIMEOUT_MS),
            Step("softkey", 0, "Cancel"),
        ]
    return [Step("power_on", 0), _wait("countdown")]


def _held(model: Model, proc: Procedure, seconds_ms: int, *, extra: str | None = None, corners=None, fingers=None):
    """Hold the procedure's inputs (changed as asked) for `seconds_ms`, then let go."""
    keys = sorted(k for k in proc.keys if k != POWER_KEY) + ([extra] if extra else [])
    steps = [Step("press", 0, k) for k in keys]
    count = fingers if fingers is not None else proc.fingers
    if count:
        steps.append(Step("touch", 0, tuple(((i + 1) / (count + 1), 0.5) for i in range(count))))
    elif proc.touch:
        steps.append(Step("touch", 0, tuple(sorted(corners if corners is not None else proc.touch))))
    steps.append(Step("wait", 0, None, seconds_ms))
    steps += [Step("release", 0, k) for k in keys]
    if count or proc.touch:
        steps.append(Step("lift", 0))
    return steps


def _spare_key(model: Model) -> str | None:
    used = {k for p in model.procedures for k in p.keys}
    return next((k for k in DIALPAD if k in model.key_ids and k not in used), None)


def _after_hold(model: Model, proc: Procedure, password: str) -> list[Step]:
    if proc.action != "reset_prompt":
        return []
    return [*typing_steps(model, password), Step("softkey", 0, "OK"), Step("softkey", 0, "Yes")]


def mistake_cases(plan: Plan) -> dict[str, Scenario]:
    """mistake id -> a scenario that makes exactly that mistake (where the plan's route allows it)."""
    model, sw, proc = plan.model, plan.software, plan.procedure
    cases: dict[str, list[Step]] = {"gave_up": [Step("power_on", 0), Step("wait", 0, None, 5000)]}
    admin: dict[str, str] = {}
    if proc is None:
        wrong = reference_steps(plan, "123")
        at = next(i for i, s in enumerate(wrong) if s.kind == "softkey" and s.arg == "OK")
        cases["password_wrong"] = wrong[: at + 1]
        steps = reference_steps(plan, "456")
        cases["reset_declined"] = [*steps[:-3], Step("softkey", 0, "No"), Step("wait", 0, None, 1000)]
        return {k: _scenario(plan, k, v, admin.get(k)) for k, v in cases.items()}
    window = window_steps(model, proc, sw)
    right = _held(model, proc, proc.hold_ms + 200)
    if proc.at_power_on:
        right = hold_steps(model, proc)
    finish = [*_after_hold(model, proc, "456"), _wait("running")]
    if proc.phase == "countdown":
        start = _to_countdown(model, sw)
        cases["setup_pressed"] = [*start, Step("softkey", 0, "Setup"), Step("softkey", 0, "Cancel"), *right, *finish]
        cases["combo_too_early"] = [Step("power_on", 0), *_held(model, proc, proc.hold_ms + 200), _wait("running")]
        cases["combo_too_late"] = [*start, _wait("running"), *_held(model, proc, proc.hold_ms + 200)]
        if model.cancel_step(sw):
            cases["cancel_missed"] = [Step("power_on", 0), _wait("running")]
    elif proc.phase == "running" and not proc.at_power_on:
        cases["combo_too_early"] = [Step("power_on", 0), *_held(model, proc, proc.hold_ms + 200), _wait("running")]
    elif proc.stage is not None and proc.requires is None and not proc.at_power_on:
        cases["combo_too_late"] = [Step("power_on", 0), _wait("running"), *_held(model, proc, proc.hold_ms + 200)]
        if model.boot.stages and model.boot.stages[0].id != proc.stage:
            early = [Step("power_on", 0), *_held(model, proc, proc.hold_ms + 200)]
            cases["combo_too_early"] = [*early, _wait("running")]
    if proc.at_power_on:
        cases["power_order"] = [Step("power_on", 0), Step("wait", 0, None, 1000)]
        cases["power_order"] += [*_held(model, proc, proc.hold_ms + 200), _wait("running")]
    elif proc.release or proc.signal_leds or proc.signal_screen:
        cases["let_go_before_signal"] = window + _held(model, proc, proc.hold_ms // 2) + [_wait("running")]
    elif proc.hold_ms > 1000:
        cases["released_early"] = window + _held(model, proc, proc.hold_ms - 800) + [Step("wait", 0, None, 1000)]
    spare = _spare_key(model)
    if not proc.at_power_on and proc.requires is None:
        if len(proc.keys - {POWER_KEY}) >= 2 and spare:
            cases["wrong_keys"] = window + _held(model, proc, proc.hold_ms + 200, extra=spare)
        elif len(proc.touch) == 4:
            cases["wrong_keys"] = window + _held(model, proc, proc.hold_ms + 200, corners=sorted(proc.touch)[:3])
        elif proc.fingers > 1:
            cases["wrong_keys"] = window + _held(model, proc, proc.hold_ms + 200, fingers=proc.fingers - 1)
    others = [
        p for p in model.procedures if p is not proc and p.keys and p.id != proc.requires and p.requires != proc.id
    ]
    if others and not proc.at_power_on and proc.requires is None:
        other = others[0]
        cases["wrong_combination"] = window + _held(model, other, other.hold_ms + 200) + [Step("wait", 0, None, 500)]
    if proc.action == "reset_prompt":
        prompt = window + right
        typed = mac_as_typed(MAC, model.text_entry.mac_case)
        cases["password_wrong"] = prompt + typing_steps(model, "123") + [Step("softkey", 0, "OK")]
        cases["reset_declined"] = (
            prompt + typing_steps(model, "456") + [Step("softkey", 0, "OK"), Step("softkey", 0, "No")]
        )
        cases["reset_declined"].append(Step("wait", 0, None, 1000))
        if model.text_entry.mac_case != "any":
            wrong = typed.upper() if typed.islower() else typed.lower()
            cases["password_case"] = prompt + typing_steps(model, wrong) + [Step("softkey", 0, "OK")]
            admin["password_case"] = CHANGED
        te = model.text_entry
        letters = {k.id: k.letters for k in model.keys if k.letters}
        hurried = [s for s in keystrokes(typed, te.cycle, letters, te.commit_ms) if not isinstance(s, int)]
        cases["multitap_too_fast"] = prompt + [Step("tap", 0, (k,)) for k in hurried] + [Step("softkey", 0, "OK")]
        admin["multitap_too_fast"] = CHANGED
    return {k: _scenario(plan, k, v, admin.get(k)) for k, v in cases.items()}


def _scenario(plan: Plan, mistake: str, steps: list[Step], admin: str | None) -> Scenario:
    return Scenario(
        path=f"<{plan.model.id}: {plan.goal}, {mistake}>",
        model=plan.model,
        steps=tuple(steps),
        software=plan.software,
        mac=MAC,
        admin_password=admin,
        goal=plan.goal,
    )
