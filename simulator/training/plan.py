"""A goal on one model and software as milestones: what marks each in the event log, what to do to reach
it, what the phone shows, and why. Stages, lessons, guided hints and the grader all read the same plan.

Stage ids are a public contract (`phonesim grade --json`, the progress store, reports):
power_on, cancel_offered, cancel, countdown, window, first_step, combo_held, signal, released, prompt,
password_accepted, confirmed, menu, menu_password, item, reset, reboot, logs_uploaded, idle.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from simulator.core import POWER_KEY, Event, Model, Procedure
from simulator.training.goals import OUTCOMES, REBOOTING, Route, full_reset, goal_routes, menu_softkey, route

STAGE_IDS = (
    "power_on", "cancel_offered", "cancel", "countdown", "window", "first_step", "combo_held", "signal",
    "released", "prompt", "password_accepted", "confirmed", "menu", "menu_password", "item", "reset", "reboot",
    "logs_uploaded", "idle",
)  # fmt: skip
FAQ = "poly-reset-faq.txt"


@dataclass(frozen=True)
class Milestone:
    """A point an attempt reaches; its stage runs from here to the next milestone reached."""

    id: str
    kind: str  # the event kind that marks it
    fields: tuple[tuple[str, Any], ...] = ()  # and the fields that event must have
    do: str = ""  # what the trainee does to get here ("" when the phone gets there by itself)
    shows: str = ""  # what the phone shows once here
    keys: tuple[str, ...] = ()  # keys to press or hold (highlighted in guided mode)
    touch: tuple[str, ...] = ()  # corners to touch
    fingers: int = 0
    hold_seconds: float = 0.0
    why: str = ""  # the source and how sure it is

    def marks(self, event: Event) -> bool:
        if event.kind != self.kind:
            return False
        for name, value in self.fields:  # noqa: SIM110  # a loop, not all(): the grader asks this of most events
            if getattr(event, name) != value:
                return False
        return True


@dataclass(frozen=True)
class Plan:
    model: Model
    software: str
    goal: str
    route: Route
    milestones: tuple[Milestone, ...]
    outcome: tuple[str, str] | None = None  # (event kind, action) of the goal's result, where it has one
    back_to_idle: bool = False  # the goal restarts the phone: passed once it is back at the idle screen
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def procedure(self) -> Procedure | None:
        return self.route.procedure

    def stage_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.milestones)


def _why(proc: Procedure) -> str:
    return f"{proc.source} [{proc.confidence}]"


def _keys_text(model: Model, keys: tuple[str, ...]) -> str:
    labels = []
    for key in keys:
        found = model.key(key)
        labels.append(found.label if found is not None and found.label and len(key) > 1 else key)
    return " + ".join(labels)


def _inputs_text(model: Model, proc: Procedure) -> str:
    parts = []
    keys = [k for k in proc.ordered_keys if k != POWER_KEY]
    if keys:
        parts.append(_keys_text(model, tuple(keys)))
    if proc.touch:
        parts.append("the four corners of the screen" if len(proc.touch) == 4 else " + ".join(sorted(proc.touch)))
    if proc.fingers:
        parts.append(f"{proc.fingers} fingers anywhere on the screen")
    return " and ".join(parts)


def _hold(model: Model, proc: Procedure, do: str, shows: str) -> Milestone:
    keys = tuple(sorted(k for k in proc.keys if k != POWER_KEY))
    return Milestone(
        "combo_held",
        "combo_held",
        (("procedure", proc.id), ("window_open", True)),
        do=do,
        shows=shows,
        keys=keys,
        touch=tuple(sorted(proc.touch)),
        fingers=proc.fingers,
        hold_seconds=proc.hold_ms / 1000,
        why=_why(proc),
    )


def _window(model: Model, software: str, proc: Procedure) -> list[Milestone]:
    """From power on to the moment the combination may begin."""
    if proc.at_power_on:
        what = _inputs_text(model, proc)
        power = "press the power button" if POWER_KEY in model.key_ids else "connect power"
        return [
            Milestone(
                "power_on",
                "power_on",
                do=f"With the phone off, hold {what}, and {power} while you keep holding.",
                shows="The phone starts.",
                keys=tuple(sorted(k for k in proc.keys if k != POWER_KEY)),
                touch=tuple(sorted(proc.touch)),
                why=_why(proc),
            )
        ]
    out = [Milestone("power_on", "power_on", do="Connect power.", shows=_first_screen(model, software))]
    if proc.requires is not None:
        first = next(p for p in model.procedures if p.id == proc.requires)
        out += _window(model, software, first)[1:]
        out.append(_hold(model, first, f"Hold {_inputs_text(model, first)} for {first.hold_ms / 1000:g} s.", ""))
        signal = _signal_words(model, first)
        out.append(
            Milestone(
                "first_step",
                "combo",
                (("procedure", first.id),),
                do="Keep holding" + (f" until {signal}" if signal else "") + ", then let go.",
                shows=signal,
                why=_why(first),
            )
        )
        if proc.stage is not None and proc.stage != first.stage:  # the same screen: its window is open already
            out.append(_stage_window(model, proc))
        return out
    if proc.phase == "countdown":
        if model.cancel_step(software):
            out.append(
                Milestone(
                    "cancel_offered",
                    "stage",
                    (("stage", "starting"),),
                    do="Wait for the phone to offer Cancel.",
                    shows="Starting application, press Cancel to interrupt.",
                    why=f"{FAQ} (UC Software 3.3.0 and later)",
                )
            )
            out.append(
                Milestone(
                    "cancel",
                    "countdown_started",
                    do="Press Cancel now (never Setup): it stops the application from loading.",
                    shows="The Updater counts down: Seconds to Autoload.",
                    keys=_softkey_with(model, "starting", "cancel"),
                    why=FAQ,
                )
            )
        else:
            out.append(
                Milestone(
                    "countdown",
                    "countdown_started",
                    do="Wait for the BootROM countdown (before UC Software 3.3.0 there is no Cancel step).",
                    shows="The BootROM counts down.",
                    why=FAQ,
                )
            )
    elif proc.phase == "running":
        out.append(_running(model, software))
    elif proc.stage is not None:
        out.append(_stage_window(model, proc))
    return out


def _first_screen(model: Model, software: str) -> str:
    stages = model.boot.stages
    return (_shown(model, stages[0].screen, software) if stages else "") or "It starts."


def _running(model: Model, software: str) -> Milestone:
    """Wait until the application runs (a device without a display: for how long it takes)."""
    if model.display.kind != "none":
        return Milestone("window", "application_started", do="Wait for the idle screen.",
                         shows=_shown(model, "idle", software) or "The idle screen.")  # fmt: skip
    seconds = sum(s.ms for s in model.boot.stages + model.boot.load) / 1000
    return Milestone("window", "application_started", do=f"Wait about {seconds:g} s until it has started.")


def _shown(model: Model, screen: str, software: str = "") -> str:
    """A screen's text as the phone shows it (placeholders filled in where they do not change)."""
    if model.display.kind == "none":
        return ""
    values = defaultdict(str, name=model.name, brand=model.brand, software=software or model.software.default)
    return " | ".join(line.format_map(values) for line in model.screens[screen].lines if line.format_map(values))


def _stage_window(model: Model, proc: Procedure) -> Milestone:
    stage = next(s for s in model.boot.stages + model.boot.load if s.id == proc.stage)
    shown = _shown(model, stage.screen)
    do = f"Wait for: {shown}." if shown else "Wait until the screen lights up."
    return Milestone("window", "stage", (("stage", proc.stage),), do=do, shows=shown or "The screen lights up.")


def _softkey_with(model: Model, screen: str, action: str) -> tuple[str, ...]:
    for i, soft in enumerate(model.screens[screen].softkeys, start=1):
        if soft is not None and soft.action == action:
            return (f"softkey_{i}",)
    return ()


#: An LED's new state in words ("the MWI light turns red").
_LED_WORDS = {
    "on": "lights up", "red": "turns red", "green": "turns green", "amber": "turns amber", "blue": "turns blue",
    "blinking": "blinks", "blinking_red": "blinks red", "flashing": "flashes", "flashing_red": "flashes red",
    "flashing_multicolour": "flashes in colours", "off": "goes off",
}  # fmt: skip


def _signal_words(model: Model, proc: Procedure) -> str:
    parts = []
    for led, state in proc.signal_leds.items():
        members = [x for x in model.leds if led in (x.id, x.group)]
        label = members[0].label if members and members[0].label else led.replace("_", " ")
        plural = len(members) > 1
        verb = _LED_WORDS.get(state, state.replace("_", " "))
        if plural:
            verb = verb.replace("flashes", "flash").replace("blinks", "blink").replace("turns", "turn")
            verb = verb.replace("lights up", "light up").replace("goes", "go")
        parts.append(f"the {label} light{'s' if plural else ''} {verb}")
    if proc.signal_screen:
        shown = _shown(model, proc.signal_screen)
        parts.append(f"the screen shows {shown}" if shown else "the screen goes blank")
    return " and ".join(parts)


def _combination(model: Model, software: str, proc: Procedure) -> list[Milestone]:
    what = _inputs_text(model, proc)
    seconds = f"{proc.hold_ms / 1000:g} s"
    signal = _signal_words(model, proc)
    window = "during the countdown" if proc.phase == "countdown" else ""
    if proc.at_power_on:
        do = f"Keep holding {what} for {seconds}" + (f", until {signal}." if signal else ".")
    else:
        together = " together" if len(proc.keys - {POWER_KEY}) + len(proc.touch) + proc.fingers > 1 else ""
        until = f", until {signal}." if signal else "."
        do = f"Press and hold {what}{together} {window}".rstrip() + f", for {seconds}{until}"
    out = [_hold(model, proc, do, "")]
    if signal:
        out.append(
            Milestone(
                "signal",
                "combo",
                (("procedure", proc.id),),
                do=f"Keep holding until {signal}." if proc.release else "",
                shows=signal,
                why=_why(proc),
            )
        )
    if proc.release:
        out.append(
            Milestone(
                "released",
                "phase",
                (("phase", "resetting"),) if proc.action == "factory_reset" else (("phase", "password"),),
                do="Let go now." if signal else f"Keep holding for {seconds}, then let go.",
                shows="The reset begins." if proc.action == "factory_reset" else "",
                why=_why(proc),
            )
        )
    return out


def _prompt(model: Model) -> list[Milestone]:
    te = model.text_entry
    case = {"lower": "in lower case", "upper": "in upper case", "any": "in either case"}[te.mac_case]
    mode = _keys_text(model, (te.mode_key,)) if te.mode_key else f"the {'/'.join(te.labels.values())} softkey"
    return [
        Milestone(
            "prompt",
            "password_prompt",
            do="Keep holding until the password prompt appears, then let go.",
            shows="Enter admin password or MAC address.",
            why=FAQ,
        ),
        Milestone(
            "password_accepted",
            "password_accepted",
            (("prompt", "reset"),),
            do=(
                "Type the admin password (456 unless it was changed) or, if it was changed, the MAC address from "
                f"the label {case}: digits in 123 mode, letters with multi-tap after switching with {mode}; wait a "
                "second between two letters on one key. Then OK."
            ),
            shows="Reset to factory defaults? Yes / No",
            why=f"{FAQ}; the MAC's letter case: poly-procedures.md 5 (option mac_case)",
        ),
        Milestone(
            "confirmed",
            "phase",
            (("phase", "resetting"),),
            do="Press Yes.",
            shows="Resetting configuration, please wait.",
            keys=_softkey_with(model, "confirm_factory", "yes"),
            why=FAQ,
        ),
    ]


def _outcome(goal: str, kind: str, action: str) -> list[Milestone]:
    out = [Milestone("reset", kind, (("action", action),), shows="The configuration is cleared.")]
    if goal in REBOOTING:
        out.append(Milestone("idle", "application_started", shows="The phone restarts and shows the idle screen."))
    return out


def _menu(model: Model, plan_route: Route) -> list[Milestone]:
    path = " > ".join(label for label, _, _ in plan_route.menu)
    softkey = menu_softkey(model)  # a touch device: its Settings softkey, then a finger on each item
    touch = softkey is not None
    opening = f"Touch {softkey}" if touch else f"Press {_keys_text(model, (model.menu_keys[0],))}"
    walk, walk_keys = ("touching each item", ()) if touch else ("with the arrows and Select", ("up", "down", "select"))
    out = [
        Milestone("power_on", "power_on", do="Connect power.", shows=_first_screen(model, "")),
        _running(model, ""),
        Milestone("menu", "phase", (("phase", "menu"),), do=f"{opening} to open the menu.", keys=model.menu_keys[:1]),
    ]
    if any(asks for _, _, asks in plan_route.menu):
        out.append(
            Milestone(
                "menu_password",
                "phase",
                (("state", "menu_password"),),
                do=f"Go to {path} {walk}; the Advanced menu asks for the admin password.",
                keys=walk_keys,
                why=FAQ,
            )
        )
        out.append(
            Milestone(
                "password_accepted",
                "password_accepted",
                (("prompt", "menu"),),
                do="Type the admin password (the MAC is not accepted here), then OK.",
                why=FAQ,
            )
        )
    out.append(
        Milestone(
            "item",
            "phase",
            (("state", "menu_confirm"),),
            do=f"{'Touch' if touch else 'Select'} {plan_route.menu[-1][0]}.",
            shows="A confirmation.",
            keys=() if touch else ("down", "select"),
            why=FAQ,
        )
    )
    out.append(Milestone("confirmed", "key_down", (("label", "Yes"),), do="Press Yes.", why=FAQ))
    return out


def build_plan(model: Model, software: str, goal: str, via: Route | None = None) -> Plan:
    """The goal's milestones on this model and software, by its preferred route unless `via` is given;
    a LookupError when the model has no such goal."""
    found = via or route(model, software, goal)
    proc = found.procedure
    outcome = OUTCOMES.get(goal)
    if proc is None:
        milestones = _menu(model, found)
    else:
        milestones = _window(model, software, proc) + _combination(model, software, proc)
        if proc.action == "reset_prompt":
            milestones += _prompt(model)
    if outcome is not None:
        if proc is not None and proc.action == "reset_prompt" and not full_reset(model, software):
            outcome = OUTCOMES["device_reset"]
        milestones += _outcome(goal, *outcome)
    elif goal == "reboot":
        milestones += [
            Milestone("reboot", "reboot", shows="The confirmation tone; the phone restarts."),
            Milestone("idle", "application_started", shows="The idle screen again."),
        ]
    elif goal == "upload_logs":
        milestones.append(Milestone("logs_uploaded", "logs_uploaded", shows="The confirmation tone."))
    return Plan(model, software, goal, found, tuple(milestones), outcome, goal in REBOOTING)


_PLANS: dict[tuple[int, str, str], tuple[Model, list[Plan]]] = {}


def build_plans(model: Model, software: str, goal: str) -> list[Plan]:
    """One plan per route to the goal (a combination, the menu): an attempt is graded by the one it took.
    Made once per model, software and goal (models are immutable)."""
    key = (id(model), software, goal)
    found = _PLANS.get(key)
    if found is None or found[0] is not model:
        found = _PLANS[key] = (
            model,
            [build_plan(model, software, goal, via) for via in goal_routes(model, software, goal)],
        )
    return found[1]
