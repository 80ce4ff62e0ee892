"""Loads, merges (`extends:`), validates and names the phone models in `models/*.yaml`.

A bad file fails with one DataError line; a model is either fully built or not at all.
Files whose name starts with `_` are shared bases, not models.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from simulator.core import keys as keyids
from simulator.core.model import (
    CONFIDENCE,
    CORNERS,
    DISPLAY_KINDS,
    KEY_SIDES,
    LED_STATES,
    PHASES,
    PROCEDURE_ACTIONS,
    SOFTKEY_ACTIONS,
    Boot,
    Display,
    Key,
    Led,
    MenuItem,
    Model,
    Option,
    Procedure,
    Rect,
    ResetMessage,
    ScreenSpec,
    Softkey,
    Software,
    Stage,
    TextEntrySpec,
    Tone,
    parse_version,
)
from simulator.core.multitap import MODES
from simulator.core.validate import Node
from simulator.core.yamlio import DataError, YDict, YList, load_file

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"

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
SCREEN_FIELDS = frozenset({"name", "brand", "software", "seconds", "masked", "mode", "mac", "message", "title", "item"})
MENU_ACTIONS = ("reset_local", "reset_web", "reset_device", "format_file_system", "factory_reset", "info")
_FORMATTER = string.Formatter()
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def normalise_name(name: str) -> str:
    """Ignore case, spaces, hyphens and underscores: "VVX 410" == "vvx-410"."""
    return re.sub(r"[\s\-_]+", "", name).lower()


class Catalog:
    def __init__(self, directory: Path | str = MODELS_DIR) -> None:
        self.directory = Path(directory)
        self._names: dict[str, str] | None = None
        self._cache: dict[tuple[str, tuple[tuple[str, str], ...]], Model] = {}

    # -- finding models ------------------------------------------------------------------------
    def ids(self) -> list[str]:
        return sorted(p.stem for p in self.directory.glob("*.yaml") if not p.stem.startswith("_"))

    def path(self, model_id: str) -> Path:
        return self.directory / f"{model_id}.yaml"

    def _name_index(self) -> dict[str, str]:
        if self._names is None:
            names: dict[str, str] = {}
            for model_id in self.ids():
                names[normalise_name(model_id)] = model_id
                for alias in self._declared_names(model_id):
                    names.setdefault(normalise_name(alias), model_id)
            self._names = names
        return self._names

    def _declared_names(self, model_id: str) -> list[str]:
        try:
            raw = self.raw(model_id)
        except DataError:
            return []
        found = [raw.get("name"), *(raw.get("aliases") or [])]
        return [n for n in found if isinstance(n, str)]

    def resolve(self, name: str) -> str:
        """A model id from its id or display name; unknown names list the close matches."""
        index = self._name_index()
        key = normalise_name(name)
        if key in index:
            return index[key]
        close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
        suggestions = list(dict.fromkeys(index[c] for c in close))  # best match first, each model once
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "; see `phonesim list`"
        raise LookupError(f"unknown model {name!r}{hint}")

    # -- loading -------------------------------------------------------------------------------
    def raw(self, model_id: str) -> YDict:
        """The model's data with every `extends:` base merged in (bases first)."""
        return self._raw(self.path(model_id), ())

    def _raw(self, path: Path, chain: tuple[Path, ...]) -> YDict:
        if path in chain:
            raise DataError(path, None, "extends", "no cycle of bases (" + " -> ".join(p.stem for p in chain) + ")")
        data = load_file(path)
        node = Node(data, path)
        node.mapping()
        merged: Any = YDict()
        if "extends" in data:
            ext = node.get("extends")
            bases = [ext.str()] if isinstance(ext.value, str) else list(ext.strings())
            for base in bases:
                base_path = self.directory / f"{base}.yaml"
                if not base_path.exists():
                    raise ext.fail(f"expected the name of a file in {self.directory.name}/, no {base}.yaml")
                merged = _merge(merged, self._raw(base_path, (*chain, path)))
        merged = _merge(merged, data)
        merged.pop("extends", None)
        return merged

    def load(self, name: str, options: Mapping[str, Any] | None = None) -> Model:
        model_id = self.resolve(name)
        chosen = tuple(sorted((k, repr(v)) for k, v in (options or {}).items()))
        cache_key = (model_id, chosen)
        if cache_key not in self._cache:
            path = self.path(model_id)
            self._cache[cache_key] = build_model(self.raw(model_id), path, dict(options or {}))
        return self._cache[cache_key]


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value)


#: Top-level lists that merge item by item (by `id`) with a base; every other list replaces the base's.
MERGED_LISTS = ("keys", "leds", "procedures", "options")


def _merge(base: Any, over: Any, field: str = "") -> Any:
    """Mappings merge key by key; the MERGED_LISTS merge by id (`remove: true` drops an item)."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = YDict()
        out.line, out.path = getattr(over, "line", 0), getattr(over, "path", "")
        out.key_lines, out.key_paths = {}, {}
        for src in (base, over):
            for key, value in src.items():
                nested = key if not field else f"{field}.{key}"
                out[key] = _merge(out[key], value, nested) if src is over and key in out else value
                out.key_lines[key] = src.line_of(key) if isinstance(src, YDict) else 0
                out.key_paths[key] = src.path_of(key) if isinstance(src, YDict) else ""
        return out
    if field in MERGED_LISTS and _is_id_list(base) and _is_id_list(over):
        items: list[Any] = list(base)
        lines = [base.line_of(i) for i in range(len(base))]
        paths = [base.path_of(i) for i in range(len(base))]
        for i, item in enumerate(over):
            ids = [x["id"] for x in items]
            if item["id"] in ids:
                at = ids.index(item["id"])
                if item.get("remove") is True:
                    del items[at], lines[at], paths[at]
                    continue
                items[at] = _merge(items[at], item, f"{field}[]")
                lines[at], paths[at] = over.line_of(i), over.path_of(i)
            elif item.get("remove") is not True:
                items.append(item)
                lines.append(over.line_of(i))
                paths.append(over.path_of(i))
        out_list = YList(items)
        out_list.line, out_list.path = over.line, over.path
        out_list.item_lines, out_list.item_paths = lines, paths
        return out_list
    return over


# -- building the frozen model --------------------------------------------------------------------

_TOP_FIELDS = (
    "id",
    "name",
    "aliases",
    "family",
    "brand",
    "source",
    "confidence",
    "body",
    "display",
    "keys",
    "key_grids",
    "leds",
    "layout",
    "software",
    "boot",
    "text_entry",
    "screens",
    "procedures",
    "reset",
    "menu",
    "options",
    "tones",
)


def build_model(data: YDict, path: Path, options: dict[str, Any]) -> Model:
    root = Node(data, path)
    root.only(*_TOP_FIELDS)
    model_options = tuple(_option(n, root) for n in root.get("options", []).seq())
    chosen = _apply_options(root, model_options, options)
    model_id = root.get("id").str()
    if model_id != path.stem:
        raise root.get("id").fail(f"expected the file name {path.stem!r}, got {model_id!r}")
    keys = _keys(root)
    key_ids = {k.id for k in keys}
    softkeys = sum(1 for k in key_ids if k.startswith("softkey_"))
    leds = tuple(_led(n) for n in root.get("leds", []).seq())
    _unique(root.get("leds", []), [led.id for led in leds], "LED id")
    led_ids = {led.id for led in leds} | {led.group for led in leds if led.group}
    display = _display(root.get("display"))
    # A device with no display shows no softkeys: the shared screens' labels are not checked.
    shown_softkeys = softkeys if display.kind != "none" else 99
    screens = {name: _screen(node, shown_softkeys, led_ids) for name, node in root.get("screens").items()}
    for name in REQUIRED_SCREENS:
        if name not in screens:
            raise root.get("screens").fail(f"expected a screen named {name!r} (in the model or a base)")
    boot = _boot(root.get("boot"), screens)
    text_entry = _text_entry(root.get("text_entry"), key_ids)
    software = _software(root.get("software"))
    proc_nodes = root.get("procedures").seq()
    procedures = tuple(_procedure(n, key_ids, boot, display, screens, led_ids) for n in proc_nodes)
    _unique(root.get("procedures"), [p.id for p in procedures], "procedure id")
    for node, proc in zip(proc_nodes, procedures, strict=True):
        if proc.requires is not None and proc.requires not in {p.id for p in procedures if p is not proc}:
            raise node.get("requires").fail(f"expected the id of another procedure, got {proc.requires!r}")
    menu_node = root.get("menu", {"keys": [], "items": []}).only("keys", "items")
    menu_keys = menu_node.get("keys", []).strings()
    for i, key in enumerate(menu_keys):
        if key not in key_ids:
            raise menu_node.get("keys").seq()[i].fail(f"expected a key of this model, got {key!r}")
    body = root.get("body").only("width", "height", "colour")
    _inside_body(root, body.get("width").number(minimum=1), body.get("height").number(minimum=1), keys, leds, display)
    _default_in_range(root.get("software"), software)
    layout = root.get("layout", {}).only("source", "confidence")
    return Model(
        id=model_id,
        name=root.get("name").str(),
        aliases=root.get("aliases", []).strings(),
        family=root.get("family").str(),
        brand=root.get("brand", "Poly").str(),
        source=root.get("source").str(),
        confidence=root.get("confidence").choice(CONFIDENCE),
        path=str(path),
        body=Rect(0.0, 0.0, body.get("width").number(minimum=1), body.get("height").number(minimum=1)),
        body_colour=_colour(body.get("colour", "#2e3136")),
        display=display,
        keys=keys,
        leds=leds,
        software=software,
        boot=boot,
        text_entry=text_entry,
        screens=screens,
        procedures=procedures,
        reset_messages=tuple(
            ResetMessage(n.get("text").str(), n.get("seconds").seconds_ms(minimum=0.1))
            for n in root.get("reset").only("messages", "source", "confidence").get("messages").seq()
        ),
        menu=tuple(_menu_item(n) for n in menu_node.get("items", []).seq()),
        menu_keys=menu_keys,
        options=model_options,
        tones={name: _tone(n) for name, n in root.get("tones").items()},
        layout_source=layout.get("source", "inferred from the reference sheet 8.2").str(),
        layout_confidence=layout.get("confidence", "inferred").choice(CONFIDENCE),
        chosen=chosen,
    )


def _inside_body(root: Node, width: float, height: float, keys, leds, display: Display) -> None:
    """Everything drawn must lie on the phone's face (a layout typo otherwise draws off the body)."""
    things = [("keys", k.id, k.bounds) for k in keys] + [("leds", led.id, led.bounds) for led in leds]
    things.append(("display", "display", display.bounds))
    for field_name, thing_id, b in things:
        if b.x < 0 or b.y < 0 or b.x + b.w > width + 0.01 or b.y + b.h > height + 0.01:
            node = root.get(field_name)
            if field_name != "display":
                node = next(n for n in node.seq() if n.get("id").value == thing_id)
            raise node.fail(f"expected {thing_id!r} inside the body ({width:g} x {height:g} mm), got {b}")


def _default_in_range(node: Node, software: Software) -> None:
    default = parse_version(software.default)
    if software.minimum and default < parse_version(software.minimum):  # type: ignore[operator]
        raise node.get("default").fail(f"expected a default no older than min {software.minimum}")
    if software.maximum and default > parse_version(software.maximum):  # type: ignore[operator]
        raise node.get("default").fail(f"expected a default no newer than max {software.maximum}")


def _unique(node: Node, ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    items = node.seq()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            raise items[i].fail(f"expected each {what} once, {item_id!r} is repeated")
        seen.add(item_id)


def _colour(node: Node) -> str:
    value = node.str()
    if not _COLOUR.match(value):
        raise node.fail(f"expected a colour like '#2e3136', got {value!r}")
    return value


def _rect(node: Node) -> Rect:
    x, y, w, h = node.numbers(4, "[x, y, width, height] in millimetres")
    if w <= 0 or h <= 0:
        raise node.fail("expected a positive width and height")
    return Rect(x, y, w, h)


def _keys(root: Node) -> tuple[Key, ...]:
    placed: dict[str, Rect] = {}
    for grid in root.get("key_grids", []).seq():
        grid.only("at", "size", "gap", "rows")
        x0, y0 = grid.get("at").numbers(2, "[x, y]")
        w, h = grid.get("size").numbers(2, "[width, height]")
        gx, gy = grid.get("gap").numbers(2, "[horizontal gap, vertical gap]")
        for r, row in enumerate(grid.get("rows").seq()):
            for c, cell in enumerate(row.seq()):
                if cell.value is None:
                    continue
                placed[cell.str()] = Rect(x0 + c * (w + gx), y0 + r * (h + gy), w, h)
    out: list[Key] = []
    key_nodes = root.get("keys").seq()
    for node in key_nodes:
        node.only("id", "label", "letters", "bounds", "shape", "side")
        key_id = _key_id(node.get("id"))
        if node.has("bounds"):
            bounds = _rect(node.get("bounds"))
        elif key_id in placed:
            bounds = placed[key_id]
        else:
            raise node.fail(f"expected bounds for key {key_id!r} (or the key in a key_grids row)")
        out.append(
            Key(
                id=key_id,
                label=node.get("label", key_id).text(),
                letters=node.get("letters", "").text(),
                bounds=bounds,
                shape=node.get("shape", "rect").choice(("rect", "round")),
                side=node.get("side", "face").choice(KEY_SIDES),
            )
        )
    _unique(root.get("keys"), [k.id for k in out], "key id")
    unknown = sorted(set(placed) - {k.id for k in out})
    if unknown:
        raise root.get("key_grids").fail(f"expected only keys listed under keys:, not {', '.join(unknown)}")
    return tuple(out)


def _key_id(node: Node) -> str:
    value = node.str()
    if not keyids.is_key_id(value):
        raise node.fail(f"expected a key id (see README: key ids), got {value!r}")
    return value


def _led(node: Node) -> Led:
    node.only("id", "label", "colours", "bounds", "group")
    return Led(
        id=node.get("id").str(),
        label=node.get("label", "").text(),
        colours=node.get("colours", ["red"]).strings(),
        bounds=_rect(node.get("bounds")),
        group=node.get("group", None).opt_str(),
    )


def _display(node: Node) -> Display:
    node.only("kind", "pixels", "bounds", "touch", "text_lines", "source", "confidence")
    w, h = node.get("pixels").numbers(2, "[width, height] in pixels")
    return Display(
        kind=node.get("kind").choice(DISPLAY_KINDS),
        pixels=(int(w), int(h)),
        bounds=_rect(node.get("bounds")),
        touch=node.get("touch", False).boolean(),
        text_lines=node.get("text_lines", 4).integer(minimum=2),
    )


def _screen(node: Node, softkeys: int, led_ids: set[str]) -> ScreenSpec:
    node.only("lines", "softkeys", "leds", "backlight")
    lines = node.get("lines", []).seq()
    for line in lines:
        _text_with_fields(line)
    labels: list[Softkey | None] = []
    soft_nodes = node.get("softkeys", []).seq()
    if len(soft_nodes) > softkeys:
        raise node.get("softkeys").fail(f"expected at most {softkeys} softkeys (the model has {softkeys})")
    for soft in soft_nodes:
        if soft.value is None:
            labels.append(None)
        elif isinstance(soft.value, dict):
            soft.only("label", "action")
            labels.append(Softkey(_text_with_fields(soft.get("label")), soft.get("action").choice(SOFTKEY_ACTIONS)))
        else:
            label = _text_with_fields(soft)
            action = "mode" if label == "{mode}" else label.lower().replace(" ", "_")
            if action not in SOFTKEY_ACTIONS:
                raise soft.fail(
                    f"expected a softkey whose action is one of {', '.join(SOFTKEY_ACTIONS)}, "
                    f"or {{label: ..., action: ...}}, got {label!r}"
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


def _text_with_fields(node: Node) -> str:
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


def _stages(node: Node, screens: Mapping[str, ScreenSpec]) -> tuple[Stage, ...]:
    out = []
    for item in node.seq():
        item.only("id", "seconds", "screen")
        screen = item.get("screen").str()
        if screen not in screens:
            raise item.get("screen").fail(f"expected a screen defined under screens:, got {screen!r}")
        out.append(Stage(item.get("id").str(), item.get("seconds").seconds_ms(minimum=0.1), screen))
    return tuple(out)


def _boot(node: Node, screens: Mapping[str, ScreenSpec]) -> Boot:
    node.only(
        "stages",
        "starting_seconds",
        "countdown_seconds",
        "bootrom_countdown_seconds",
        "load",
        "shutdown_seconds",
        "incorrect_seconds",
        "countdown",
        "source",
        "confidence",
    )
    node.get("source").str()
    node.get("confidence").choice(CONFIDENCE)
    return Boot(
        stages=_stages(node.get("stages"), screens),
        starting_ms=node.get("starting_seconds").seconds_ms(minimum=0.5),
        countdown_s=node.get("countdown_seconds").integer(minimum=1),
        bootrom_countdown_s=node.get("bootrom_countdown_seconds").integer(minimum=1),
        load=_stages(_non_empty(node.get("load")), screens),
        shutdown_ms=node.get("shutdown_seconds").seconds_ms(minimum=0.1),
        incorrect_ms=node.get("incorrect_seconds", 2).seconds_ms(minimum=0.1),
        countdown=node.get("countdown", True).boolean(),
    )


def _non_empty(node: Node) -> Node:
    if not node.seq():
        raise node.fail("expected at least one stage")
    return node


def _version(node: Node) -> str:
    value = node.str() if not isinstance(node.value, int | float) else str(node.value)
    if parse_version(value) is None:
        raise node.fail(f"expected a software version like '6.4.3' (quoted), got {value!r}")
    return value


def _software(node: Node) -> Software:
    node.only("default", "versions", "min", "max", "updater_from", "full_reset_from", "source", "confidence")
    minimum = _version(node.get("min")) if node.has("min") else None
    maximum = _version(node.get("max")) if node.has("max") else None
    return Software(
        default=_version(node.get("default")),
        versions=tuple(_version(n) for n in node.get("versions", []).seq()),
        minimum=minimum,
        maximum=maximum,
        updater_from=_version(node.get("updater_from")),
        full_reset_from=_version(node.get("full_reset_from")),
    )


def _text_entry(node: Node, key_ids: set[str]) -> TextEntrySpec:
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
            raise value.fail(f"expected a key of this model or null, got {value.value!r}")
        refs[field] = value.value
    return TextEntrySpec(
        cycle=cycle,
        labels=labels,
        commit_ms=node.get("commit_seconds").seconds_ms(minimum=0.1),
        mode_key=refs["mode_key"],
        delete_key=refs["delete_key"],
        mac_case=node.get("mac_case").choice(("lower", "upper", "any")),
    )


def _procedure(
    node: Node, key_ids: set[str], boot: Boot, display: Display, screens: Mapping[str, ScreenSpec], led_ids: set[str]
) -> Procedure:
    node.only(
        "id",
        "action",
        "keys",
        "touch",
        "fingers",
        "phase",
        "stage",
        "hold_seconds",
        "at_power_on",
        "release",
        "signal",
        "requires",
        "tone",
        "source",
        "confidence",
        "notes",
    )
    proc_keys = []
    for item in node.get("keys", []).seq():
        key = _key_id(item)
        if key not in key_ids:
            raise item.fail(f"expected a key of this model, got {key!r}")
        proc_keys.append(key)
    touch = frozenset(n.choice(CORNERS) for n in node.get("touch", []).seq())
    fingers = node.get("fingers", 0).integer(minimum=0)
    if (touch or fingers) and not display.touch:
        raise node.fail("expected touch: or fingers: only on a model whose display has touch: true")
    if touch and fingers:
        raise node.get("fingers").fail("expected either touch: (corners) or fingers: (anywhere), not both")
    if not (proc_keys or touch or fingers):
        raise node.fail("expected keys:, touch: or fingers: (what to hold)")
    stage = node.get("stage", None).opt_str()
    stage_ids = {s.id for s in boot.stages + boot.load}
    if stage is not None and stage not in stage_ids:
        raise node.get("stage").fail(f"expected a boot stage id ({', '.join(sorted(stage_ids))}), got {stage!r}")
    signal = node.get("signal", {}).only("leds", "screen", "seconds")
    signal_leds = {}
    for led_id, state in signal.get("leds", {}).items():
        if led_id not in led_ids:
            raise state.fail(f"expected an LED of this model ({', '.join(sorted(led_ids)) or 'none'})")
        signal_leds[led_id] = state.choice(LED_STATES)
    signal_screen = signal.get("screen", None).opt_str()
    if signal_screen is not None and signal_screen not in screens:
        raise signal.get("screen").fail(f"expected a screen defined under screens:, got {signal_screen!r}")
    at_power_on = node.get("at_power_on", False).boolean()
    phase = node.get("phase").choice(PHASES)
    if at_power_on and phase != "boot":
        raise node.get("phase").fail("expected boot for a combination held while power is connected")
    return Procedure(
        id=node.get("id").str(),
        action=node.get("action").choice(PROCEDURE_ACTIONS),
        keys=frozenset(proc_keys),
        phase=phase,
        stage=stage,
        hold_ms=node.get("hold_seconds").seconds_ms(minimum=0.1),
        tone=node.get("tone", None).opt_str(),
        source=node.get("source").str(),
        confidence=node.get("confidence").choice(CONFIDENCE),
        notes=node.get("notes", "").value or "",
        touch=touch,
        fingers=fingers,
        at_power_on=at_power_on,
        release=node.get("release", False).boolean(),
        signal_leds=signal_leds,
        signal_screen=signal_screen,
        signal_ms=signal.get("seconds", 0).seconds_ms(),
        requires=node.get("requires", None).opt_str(),
    )


def _menu_item(node: Node) -> MenuItem:
    node.only("label", "items", "action", "password", "software_from", "done")
    action = node.get("action", None)
    software_from = node.get("software_from", None)
    items = tuple(_menu_item(n) for n in node.get("items", []).seq())
    if action.value is None and not items:
        raise node.fail("expected items: or an action:")
    return MenuItem(
        label=_text_with_fields(node.get("label")),
        items=items,
        action=None if action.value is None else action.choice(MENU_ACTIONS),
        password=node.get("password", False).boolean(),
        software_from=None if software_from.value is None else _version(software_from),
        done=node.get("done", "Done.").str(),
    )


def _tone(node: Node) -> Tone:
    node.only("frequency", "seconds")
    return Tone(node.get("frequency").number(minimum=20), node.get("seconds").seconds_ms(minimum=0.01))


def _option(node: Node, root: Node) -> Option:
    """One field (`path`), or several at once (`variants`: per named choice, path -> value)."""
    node.only("id", "path", "choices", "variants", "source", "confidence", "notes")
    choice_nodes = node.get("choices").seq()
    if len(choice_nodes) < 2:
        raise node.get("choices").fail("expected at least two choices")
    choices = tuple(_plain(c.value) for c in choice_nodes)
    variants: dict[str, dict[str, Any]] = {}
    if node.has("variants"):
        if node.has("path"):
            raise node.get("path").fail("expected either path: or variants:, not both")
        default = choice_nodes[0].str()
        for name, changes in node.get("variants").items():
            if name not in choices or name == default:
                raise changes.fail(f"expected a choice other than the default {default!r}")
            for dotted, _ in changes.items():
                _locate(root, dotted, changes, create=True)
            variants[name] = {k: _plain(v) for k, v in changes.mapping().items()}
        path = ""
    else:
        path = node.get("path").str()
        container, key = _locate(root, path, node)
        default = _plain(container[key])
        if default not in choices:
            raise node.get("choices").fail(f"expected the model's current value {default!r} among the choices")
    return Option(
        id=node.get("id").str(),
        path=path,
        default=default,
        choices=choices,
        variants=variants,
        source=node.get("source").str(),
        confidence=node.get("confidence").choice(CONFIDENCE),
        notes=node.get("notes", "").value or "",
    )


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return value


def _locate(root: Node, dotted: str, option: Node, create: bool = False) -> tuple[Any, Any]:
    """The container and key/index a dotted option path points at (list items by their id)."""
    container: Any = root.value
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(container, dict) and (part in container or (create and last)):
            key: Any = part
        elif isinstance(container, list) and any(isinstance(x, dict) and x.get("id") == part for x in container):
            key = next(j for j, x in enumerate(container) if isinstance(x, dict) and x.get("id") == part)
        else:
            raise option.fail(f"expected a path to an existing field, {'.'.join(parts[: i + 1])!r} is not there")
        if i == len(parts) - 1:
            return container, key
        container = container[key]
    raise option.fail("expected a non-empty path")


def _apply_options(root: Node, model_options: tuple[Option, ...], chosen: dict[str, Any]) -> dict[str, object]:
    """Known conflicts in the sources are options: the seed's reading is the default, others selectable."""
    by_id = {o.id: o for o in model_options}
    for name in chosen:
        if name not in by_id:
            raise LookupError(f"unknown option {name!r}; this model has {', '.join(by_id) or 'no options'}")
    result: dict[str, object] = {}
    for option in model_options:
        value = _plain(chosen.get(option.id, option.default))
        if value not in option.choices:
            raise LookupError(
                f"option {option.id} cannot be {value!r}; choices: {', '.join(map(repr, option.choices))}"
            )
        changes = option.variants.get(value, {}) if option.variants else {option.path: value}
        if option.id in chosen:
            for dotted, new in changes.items():
                container, key = _locate(root, dotted, root, create=True)
                container[key] = YList(new) if isinstance(new, tuple) else new
        result[option.id] = value
    return result
