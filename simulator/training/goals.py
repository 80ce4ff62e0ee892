"""Which goals a model offers on a software version, and how each is reached: a procedure or a menu route.

Goals come from the model data alone: a new model file brings its goals (and so its lessons).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.core import MenuItem, Model, Procedure, parse_version
from simulator.training.grade import GOALS

#: Menu actions (model files) and the goal each one reaches.
MENU_GOALS = {
    "reset_local": "reset_local",
    "reset_web": "reset_web",
    "reset_device": "reset_device_settings",
    "format_file_system": "format_file_system",
    "factory_reset": "factory_reset",
    "network_reset": "network_reset",
}
#: What a goal's outcome event is: its kind and action (see the README's event kinds).
OUTCOMES = {
    "factory_reset": ("factory_reset", "factory_reset"),
    "device_reset": ("device_reset", "reset_device"),
    "reset_local": ("config_reset", "reset_local"),
    "reset_web": ("config_reset", "reset_web"),
    "reset_device_settings": ("device_reset", "reset_device"),
    "format_file_system": ("config_reset", "format_file_system"),
    "network_reset": ("config_reset", "network_reset"),
}
#: Goals after which the phone restarts: passed only once it is back at the idle screen.
REBOOTING = ("factory_reset", "device_reset", "format_file_system", "reboot")


@dataclass(frozen=True)
class Route:
    """How a goal is reached on one model and software: a key or touch procedure, or a menu path."""

    goal: str
    procedure: Procedure | None = None
    menu: tuple[tuple[str, int, bool], ...] = ()  # (label, cursor position, asks for the password) per level

    @property
    def by_menu(self) -> bool:
        return self.procedure is None


def full_reset(model: Model, software: str) -> bool:
    """UC Software 4.0.0 and later: the combination resets to factory; before it, device settings only."""
    return parse_version(software) >= parse_version(model.software.full_reset_from)  # type: ignore[operator]


def procedure_goal(model: Model, software: str, proc: Procedure) -> str | None:
    if proc.action == "reset_prompt":
        return "factory_reset" if full_reset(model, software) else "device_reset"
    if proc.action in ("factory_reset", "reboot", "upload_logs"):
        return proc.action
    return None  # `arm`: the first step of another procedure


def menu_softkey(model: Model) -> str | None:
    """The label of the idle screen's softkey that opens the menu ("Settings"), on a device with no Menu key."""
    idle = model.screens.get("idle")
    if model.menu_keys or idle is None:
        return None
    return next((s.label for s in idle.softkeys if s and s.action == "menu"), None)


def touch_menu(model: Model) -> bool:
    """A touch device with no Menu key opens its menu with a softkey of the idle screen."""
    return menu_softkey(model) is not None


def menu_routes(model: Model, software: str) -> dict[str, Route]:
    """Menu goals, where a key (or a touch softkey) opens the menu: the path to each reset item."""
    if not model.menu_keys and not touch_menu(model):
        return {}
    version = parse_version(software)
    found: dict[str, Route] = {}

    def visible(items: tuple[MenuItem, ...]) -> list[MenuItem]:
        return [i for i in items if i.software_from is None or version >= parse_version(i.software_from)]  # type: ignore[operator]

    def walk(items: tuple[MenuItem, ...], path: tuple[tuple[str, int, bool], ...]) -> None:
        for index, item in enumerate(visible(items)):
            step = (*path, (item.label, index, item.password))
            if item.items:
                walk(item.items, step)
            elif item.action in MENU_GOALS and MENU_GOALS[item.action] not in found:
                found[MENU_GOALS[item.action]] = Route(MENU_GOALS[item.action], menu=step)

    walk(model.menu, ())
    return found


def all_routes(model: Model, software: str) -> dict[str, list[Route]]:
    """Every goal the model offers on this software, with every route to it (procedures before the menu)."""
    out: dict[str, list[Route]] = {}
    for proc in model.procedures:
        goal = procedure_goal(model, software, proc)
        if goal is not None:
            out.setdefault(goal, []).append(Route(goal, procedure=proc))
    for goal, found in menu_routes(model, software).items():
        out.setdefault(goal, []).append(found)
    return {goal: out[goal] for goal in GOALS if goal in out}


def routes(model: Model, software: str) -> dict[str, Route]:
    """Every goal the model offers on this software, by its preferred route."""
    return {goal: found[0] for goal, found in all_routes(model, software).items()}


def goal_routes(model: Model, software: str, goal: str) -> list[Route]:
    """The routes to `goal`; a LookupError that names the goals this model has when it has not this one."""
    if goal not in GOALS:
        raise LookupError(f"unknown goal {goal!r}; goals: {', '.join(GOALS)}")
    found = all_routes(model, software)
    if goal not in found:
        raise LookupError(f"{model.name} on {software} has no {goal}; it has {', '.join(found) or 'no goals'}")
    return found[goal]


def route(model: Model, software: str, goal: str) -> Route:
    return goal_routes(model, software, goal)[0]


def default_goal(model: Model, software: str) -> str:
    """factory_reset; before UC Software 4.0.0, whose combination resets device settings only, device_reset."""
    found = all_routes(model, software)
    for goal in ("factory_reset", "device_reset"):
        if goal in found:
            return goal
    return next(iter(found), "factory_reset")
