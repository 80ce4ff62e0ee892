"""Scenario steps that carry out a model's own procedures, built from its data.

Used to show a procedure (`phonesim demo`), to measure the engine on every model, and as the
reference way of doing a reset that practice runs can be compared against.
"""

from __future__ import annotations

from simulator.core import Model, Procedure, keystrokes, mac_as_typed
from simulator.scenario import DEFAULT_TIMEOUT_S, Scenario, Step

TIMEOUT_MS = DEFAULT_TIMEOUT_S * 1000
MARGIN_MS = 200  # hold a little longer than the minimum, as a person would


def reset_procedure(model: Model) -> Procedure:
    """The model's factory reset: the combination that opens the reset prompt, or a direct one."""
    for action in ("reset_prompt", "factory_reset"):
        found = [p for p in model.procedures if p.action == action]
        if found:
            return found[0]
    raise LookupError(f"{model.name} has no factory-reset procedure in the sources")


def window_steps(model: Model, proc: Procedure, software: str | None = None) -> list[Step]:
    """From power off to the moment the procedure may begin (a chained one's first step done)."""
    if proc.requires is not None:
        first = next(p for p in model.procedures if p.id == proc.requires)
        steps = window_steps(model, first, software) + hold_steps(model, first)
        if proc.stage is not None:
            steps.append(Step("wait_until", 0, ("stage", proc.stage), TIMEOUT_MS))
        return steps
    if proc.at_power_on:
        return []
    steps = [Step("power_on", 0)]
    if proc.phase == "countdown" and model.cancel_step(software or model.software.default):
        steps += [Step("wait_until", 0, ("softkey", "Cancel"), TIMEOUT_MS), Step("softkey", 0, "Cancel")]
    elif proc.stage is not None:
        steps.append(Step("wait_until", 0, ("stage", proc.stage), TIMEOUT_MS))
    else:
        steps.append(Step("wait_until", 0, ("phase", proc.phase), TIMEOUT_MS))
    return steps


def hold_steps(model: Model, proc: Procedure) -> list[Step]:
    """Hold the keys and touches long enough, then let go (after the signal, where one is awaited)."""
    keys = sorted(k for k in proc.keys if k != "power_button")
    steps = [Step("press", 0, key) for key in keys]
    if proc.fingers:
        steps.append(Step("touch", 0, tuple(((i + 1) / (proc.fingers + 1), 0.5) for i in range(proc.fingers))))
    elif proc.touch:
        steps.append(Step("touch", 0, tuple(sorted(proc.touch))))
    if proc.at_power_on:
        powers = "power_button" in model.key_ids
        steps.append(Step("tap", 0, ("power_button",)) if powers else Step("power_on", 0))
    steps.append(Step("wait", 0, None, proc.hold_ms + MARGIN_MS))
    steps += [Step("release", 0, key) for key in keys]
    if proc.touch or proc.fingers:
        steps.append(Step("lift", 0))
    return steps


def typing_steps(model: Model, text: str) -> list[Step]:
    """`text` typed through multi-tap: mode switches, taps, the pause between two letters on one key."""
    te = model.text_entry
    letters = {k.id: k.letters for k in model.keys if k.letters}
    return [
        Step("wait", 0, None, item) if isinstance(item, int) else Step("tap", 0, (item,))
        for item in keystrokes(text, te.cycle, letters, te.commit_ms)
    ]


def reset_steps(model: Model, *, password: str, software: str | None = None) -> list[Step]:
    """A whole factory reset: window, combination, password or MAC typed with multi-tap, Yes."""
    proc = reset_procedure(model)
    steps = window_steps(model, proc, software) + hold_steps(model, proc)
    if proc.action == "reset_prompt":
        steps += typing_steps(model, password)
        steps += [Step("softkey", 0, "OK"), Step("softkey", 0, "Yes")]
    steps += [
        Step("wait_until", 0, ("phase", "running"), TIMEOUT_MS),
        Step("expect", 0, {"event": (("factory_reset", {}),), "phase": "running"}),
    ]
    return steps


#: The FAQ's example: the MAC on the label, and an admin password changed so only the MAC opens the prompt.
FAQ_MAC, CHANGED_PASSWORD = "0004f2aa814c", "8675309"


def reset_by_mac(model: Model, mac: str = FAQ_MAC, admin_password: str = CHANGED_PASSWORD) -> Scenario:
    """The FAQ's situation: the admin password was changed, so the MAC address is typed instead."""
    steps = reset_steps(model, password=mac_as_typed(mac, model.text_entry.mac_case))
    return Scenario(
        path=f"<{model.id}: factory reset>", model=model, steps=tuple(steps), mac=mac, admin_password=admin_password
    )
