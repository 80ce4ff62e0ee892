"""The reference way of reaching a goal: scenario steps built from the plan's route and the model data.

A lesson's reference inputs pass with score 100; the demo performs them; a practice run is compared
against them. Timing is as a careful technician would do it (a little longer than each minimum).
"""

from __future__ import annotations

from simulator.core import Node, ServerSetup, load_text, mac_as_typed, normalise_mac, parse_server
from simulator.recipes import TIMEOUT_MS, hold_steps, typing_steps, window_steps
from simulator.scenario import Scenario, Step
from simulator.training.goals import menu_softkey
from simulator.training.grader import DEFAULT_PASSWORD
from simulator.training.plan import Plan

SETTLE_MS = 500  # after a menu reset that does not restart the phone


def _menu_steps(plan: Plan, password: str) -> list[Step]:
    model = plan.model
    softkey = menu_softkey(model)  # a touch device (Trio 8500/8800/C60, CCX): that softkey, then fingers on items
    touch = softkey is not None
    opening = Step("softkey", 0, softkey) if softkey else Step("tap", 0, (model.menu_keys[0],))
    steps = [Step("power_on", 0), Step("wait_until", 0, ("phase", "running"), TIMEOUT_MS), opening]
    # Touch-screen phones without a Select key choose with the menu screen's Select softkey.
    select = Step("tap", 0, ("select",)) if "select" in model.key_ids else Step("softkey", 0, "Select")
    for label, index, asks in plan.route.menu:
        if touch:
            steps.append(Step("touch_item", 0, label))
        else:
            steps += [Step("tap", 0, ("down",))] * index
            steps.append(select)
        if asks:
            typed = [Step("touch_item", 0, c) for c in password] if touch else typing_steps(model, password)
            steps += typed
            steps.append(Step("softkey", 0, "OK"))
    steps.append(Step("softkey", 0, "Yes"))
    return steps


def reference_steps(plan: Plan, password: str) -> list[Step]:
    """From power off to the goal, by the plan's route; `password` is what the prompt is answered with."""
    model, proc = plan.model, plan.procedure
    if proc is None:
        steps = _menu_steps(plan, password)
    else:
        steps = window_steps(model, proc, plan.software) + hold_steps(model, proc)
        if proc.action == "reset_prompt":
            steps += typing_steps(model, password)
            steps += [Step("softkey", 0, "OK"), Step("softkey", 0, "Yes")]
    done = next(m for m in reversed(plan.milestones) if m.id != "idle")  # the result itself
    steps.append(Step("wait_until", 0, ("event", ((done.kind, dict(done.fields)),)), TIMEOUT_MS))
    if plan.back_to_idle:
        steps.append(Step("wait_until", 0, ("phase", "running"), TIMEOUT_MS))
    else:
        steps.append(Step("wait", 0, None, SETTLE_MS))
    return steps


def _server(plan: Plan) -> ServerSetup | None:
    """Format File System erases the application: the phone comes back only from a server that has it."""
    if plan.goal != "format_file_system":
        return None
    text = f'found_by: dhcp_option_66\nsoftware: "{plan.software}"\n'
    return parse_server(Node(load_text(text, "<lesson>"), "<lesson>"))


def reference_scenario(plan: Plan, *, mac: str | None = None, admin_password: str | None = None) -> Scenario:
    """The plan as a scenario; with a changed admin password the reset prompt gets the MAC instead."""
    model = plan.model
    mac = normalise_mac(mac) if mac else None
    password = admin_password or DEFAULT_PASSWORD
    if admin_password and mac and plan.procedure is not None and plan.procedure.action == "reset_prompt":
        password = mac_as_typed(mac, model.text_entry.mac_case)
    return Scenario(
        path=f"<{model.id} {plan.software}: {plan.goal}>",
        server=_server(plan),
        model=model,
        steps=tuple(reference_steps(plan, password)),
        software=plan.software,
        mac=mac,
        admin_password=admin_password,
        goal=plan.goal,
    )
