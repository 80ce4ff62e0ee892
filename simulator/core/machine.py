"""The phase machine: the one place a phone's phase changes, a flat `transitions` Machine.

The phases nest (`password` has `entry` and `incorrect`), but nothing needs the library's nesting:
sub-states are flat states named `phase_sub`, and entering a phase from another one calls the
phase's own `on_enter_<phase>` before the sub-state's. A flat trigger costs about a seventh of a
hierarchical one. One machine serves every phone of the process: phones are its models, passed per
trigger, so creating a phone builds no machine.
"""

from __future__ import annotations

import functools
from typing import Any

from transitions import Machine

#: The phases and their sub-states (`password_entry`, `menu_browse`, ...); the first child is initial.
PHASE_TREE: dict[str, tuple[str, ...]] = {
    "off": (), "boot": (), "countdown": (), "setup": ("password", "incorrect", "network"),
    "password": ("entry", "incorrect"), "confirm": (), "resetting": (), "rebooting": (), "running": (),
    "menu": ("browse", "password", "incorrect", "confirm", "done"),
}  # fmt: skip
#: Every flat state, and the phase each belongs to.
STATE_PHASE: dict[str, str] = {
    (f"{phase}_{child}" if child else phase): phase
    for phase, children in PHASE_TREE.items()
    for child in (children or ("",))
}
_ON = [p for p in PHASE_TREE if p != "off"]

#: Rules in phase terms: a phase as source means any of its states, as destination its first state.
RULES: list[dict[str, Any]] = [
    {"trigger": "power_up", "source": "off", "dest": "boot", "before": "_plan_full_boot"},
    {"trigger": "power_down", "source": _ON, "dest": "off"},
    {"trigger": "cancel", "source": "boot", "dest": "countdown", "conditions": "_cancel_offered"},
    {"trigger": "cancel", "source": "password_entry", "dest": "boot", "before": "_plan_load"},
    {"trigger": "cancel", "source": "password_incorrect", "dest": "password_entry"},
    {"trigger": "cancel", "source": "setup_password", "dest": "countdown"},
    {"trigger": "cancel", "source": "menu_password", "dest": "menu_browse"},
    {"trigger": "bootrom", "source": "boot", "dest": "countdown"},
    {"trigger": "autoload", "source": "countdown", "dest": "boot", "before": "_plan_load"},
    {"trigger": "prompt", "source": ["countdown", "boot"], "dest": "password"},
    {"trigger": "setup", "source": "countdown", "dest": "setup"},
    {"trigger": "ok", "source": "password_entry", "dest": "confirm", "conditions": "_entry_correct"},
    {"trigger": "ok", "source": "password_entry", "dest": "password_incorrect"},
    {"trigger": "ok", "source": "setup_password", "dest": "setup_network", "conditions": "_entry_correct"},
    {"trigger": "ok", "source": "setup_password", "dest": "setup_incorrect"},
    {
        "trigger": "ok",
        "source": "menu_password",
        "dest": "menu_browse",
        "conditions": "_entry_correct",
        "before": "_menu_accepted",
        "after": "_menu_descend",
    },
    {"trigger": "ok", "source": "menu_password", "dest": "menu_incorrect"},
    {"trigger": "expire", "source": "setup_incorrect", "dest": "countdown"},
    {"trigger": "exit", "source": "setup_network", "dest": "countdown"},
    {"trigger": "yes", "source": "confirm", "dest": "resetting"},
    {"trigger": "no", "source": "confirm", "dest": "boot", "before": "_plan_load"},
    {"trigger": "yes", "source": "menu_confirm", "dest": "resetting", "conditions": "_menu_action_reboots"},
    {"trigger": "yes", "source": "menu_confirm", "dest": "menu_done"},
    {"trigger": "no", "source": "menu_confirm", "dest": "menu_browse"},
    {"trigger": "back", "source": ["menu_done", "menu_incorrect"], "dest": "menu_browse"},
    {"trigger": "ask_password", "source": "menu_browse", "dest": "menu_password"},
    {"trigger": "ask_confirm", "source": "menu_browse", "dest": "menu_confirm"},
    {"trigger": "change", "source": "menu_browse", "dest": "menu_done"},
    {"trigger": "close_menu", "source": "menu", "dest": "running"},
    {"trigger": "open_menu", "source": "running", "dest": "menu"},
    {"trigger": "direct_reset", "source": ["boot", "countdown", "running"], "dest": "resetting"},
    {"trigger": "reset_done", "source": "resetting", "dest": "rebooting"},
    {"trigger": "reboot", "source": "running", "dest": "rebooting"},
    {"trigger": "restart", "source": "rebooting", "dest": "boot", "before": "_plan_full_boot"},
    {"trigger": "loaded", "source": "boot", "dest": "running"},
]


def _sources(names: str | list[str]) -> list[str]:
    out: list[str] = []
    for name in [names] if isinstance(names, str) else names:
        out += [s for s, p in STATE_PHASE.items() if p == name] if name in PHASE_TREE else [name]
    return out


def _dest(name: str) -> str:
    children = PHASE_TREE.get(name)
    return f"{name}_{children[0]}" if children else name


def flat_transitions() -> list[dict[str, Any]]:
    return [{**rule, "source": _sources(rule["source"]), "dest": _dest(rule["dest"])} for rule in RULES]


def phase_of(state: str) -> str:
    return STATE_PHASE[state]


@functools.cache
def machine() -> Machine:
    """Built once per process (about 1 ms). States have no callbacks of their own: `Phone.fire` runs the
    phone's `_entered` after every transition that took place, and queues triggers fired meanwhile (each
    named callback would cost the library a lookup per trigger)."""
    return Machine(
        model=None,
        states=list(STATE_PHASE),
        transitions=flat_transitions(),
        initial="off",
        queued=False,
        auto_transitions=False,
        ignore_invalid_triggers=True,
    )
