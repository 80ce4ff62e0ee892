"""What a model shows and how text is typed into it: screens, placeholders, the menu, text entry, tones."""

from __future__ import annotations

import string

from simulator.core.model import LED_STATES, SOFTKEY_ACTIONS, MenuItem, ScreenSpec, Softkey, TextEntrySpec, Tone
from simulator.core.model_boot import read_version
from simulator.core.multitap import MODES
from simulator.core.parameters import default_catalog
from simulator.core.validate import Node
from simulator.core.yamlio import shown

#: Screens the engine shows by name; a model (or its bases) must define each.
REQUIRED_SCREENS = (
    "off",
    "starting",
    "countdown",
    "bootrom_countdown",
    "idle",
    "password",
    "password_incorrect",
    "confirm_factory",
    "confirm_device",
    "resetting",
    "rebooting",
    "setup_password",
    "setup_incorrect",
    "setup_network",
    "menu",
    "menu_password",
    "menu_incorrect",
    "menu_confirm",
    "menu_done",
)
#: Placeholders a screen line may use, filled in by the engine.
SCREEN_FIELDS = frozenset(
    {"name", "brand", "software", "seconds", "masked", "mode", "mac", "message", "title", "item", "ip"}
)
MENU_ACTIONS = (
    "reset_local", "reset_web", "reset_device", "format_file_system", "factory_reset", "network_reset", "info", "set",
)  # fmt: skip
_FORMATTER = string.Formatter()


def read_screen(node: Node, softkeys: int, led_ids: set[str]) -> ScreenSpec:
    node.only("lines", "softkeys", "leds", "backlight")
    lines = node.get("lines", []).seq()
    for line in lines:
        read_text_with_fields(line)
    labels: list[Softkey | None] = []
    soft_nodes = node.get("softkeys", []).seq()
    if len(soft_nodes) > softkeys:
        raise node.get("softkeys").fail(f"expected at most {softkeys} softkeys (the model has {softkeys})")
    for soft in soft_nodes:
        if soft.value is None:
            labels.append(None)
        elif isinstance(soft.value, dict):
            soft.only("label", "action")
            labels.append(Softkey(read_text_with_fields(soft.get("label")), soft.get("action").choice(SOFTKEY_ACTIONS)))
        else:
            label = read_text_with_fields(soft)
            action = "mode" if label == "{mode}" else label.lower().replace(" ", "_")
            if action not in SOFTKEY_ACTIONS:
                raise soft.fail(
                    f"expected a softkey whose action is one of {', '.join(SOFTKEY_ACTIONS)}, "
                    f"or {{label: ..., action: ...}}, got {shown(label)}"
                )
            labels.append(Softkey(label, action))
    leds = {}
    for led_id, state in node.get("leds", {}).items():
        if led_id not in led_ids:
            raise state.fail(f"expected an LED of this model ({', '.join(sorted(led_ids)) or 'none'})")
        leds[led_id] = state.choice(LED_STATES)
    return ScreenSpec(
        lines=tuple(line.value for line in lines),
        softkeys=tuple(labels),
        leds=leds,
        backlight=node.get("backlight", True).boolean(),
    )


def read_text_with_fields(node: Node) -> str:
    """Text that may hold {placeholders} the engine fills in; a stray brace or unknown name is an error."""
    text = node.str()
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in _FORMATTER.parse(text) if name is not None]
    except ValueError as exc:
        raise node.fail(f"expected text with {{placeholders}} (write {{{{ and }}}} for braces): {exc}") from None
    for name, spec, conv in fields:
        if name not in SCREEN_FIELDS or spec or conv:
            raise node.fail(f"expected plain placeholders among {{{', '.join(sorted(SCREEN_FIELDS))}}}, got {{{name}}}")
    return text


def read_menu_item(node: Node) -> MenuItem:
    node.only("label", "items", "action", "password", "software_from", "done", "set")
    action = node.get("action", "set" if node.has("set") else None)
    software_from = node.get("software_from", None)
    items = tuple(read_menu_item(n) for n in node.get("items", []).seq())
    if action.value is None and not items:
        raise node.fail("expected items: or an action:")
    sets = _menu_sets(node.get("set", {}))
    if (action.value == "set") != bool(sets):
        raise node.fail("expected set: {PARAM: VALUE, ...} exactly with action: set")
    return MenuItem(
        label=read_text_with_fields(node.get("label")),
        items=items,
        action=None if action.value is None else action.choice(MENU_ACTIONS),
        password=node.get("password", False).boolean(),
        software_from=None if software_from.value is None else read_version(software_from),
        done=node.get("done", "Done.").str(),
        sets=sets,
    )


def _menu_sets(node: Node) -> tuple[tuple[str, str], ...]:
    """The local changes a settings item makes, checked against the parameter catalog."""
    catalog = default_catalog()
    out = []
    for param, value in node.items():
        if not isinstance(value.value, str):
            raise value.fail(f"expected the value quoted (configuration values are text), got {value.value!r}")
        if problem := catalog.problem(param, value.value):
            raise value.fail(f"{param}: {problem}")
        out.append((param, value.value))
    return tuple(out)


def read_text_entry(node: Node, key_ids: set[str]) -> TextEntrySpec:
    node.only("cycle", "labels", "commit_seconds", "mode_key", "delete_key", "mac_case", "source", "confidence")
    cycle = tuple(n.choice(MODES) for n in node.get("cycle").seq())
    if len(set(cycle)) != len(cycle) or "numeric" not in cycle:
        raise node.get("cycle").fail("expected distinct modes including numeric")
    labels = {mode: n.str() for mode, n in node.get("labels").items()}
    for mode in cycle:
        if mode not in labels:
            raise node.get("labels").fail(f"expected a label for the {mode} mode")
    refs = {}
    for field in ("mode_key", "delete_key"):
        value = node.get(field, None)
        if value.value is not None and value.str() not in key_ids:
            raise value.fail(f"expected a key of this model or null, got {shown(value.value)}")
        refs[field] = value.value
    return TextEntrySpec(
        cycle=cycle,
        labels=labels,
        commit_ms=node.get("commit_seconds").seconds_ms(minimum=0.1),
        mode_key=refs["mode_key"],
        delete_key=refs["delete_key"],
        mac_case=node.get("mac_case").choice(("lower", "upper", "any")),
    )


def read_tone(node: Node) -> Tone:
    node.only("frequency", "seconds")
    return Tone(node.get("frequency").number(minimum=20, maximum=20_000), node.get("seconds").seconds_ms(minimum=0.01))
