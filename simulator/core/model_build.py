"""Merged model data -> the frozen Model: every field read once, cross-checked, or one DataError line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.core.model import CONFIDENCE, Model, Rect, ResetMessage
from simulator.core.model_boot import check_default_in_range, read_boot, read_software
from simulator.core.model_face import check_inside_body, check_unique, read_colour, read_display, read_keys, read_led
from simulator.core.model_options import apply_options, check_defaults, read_option
from simulator.core.model_procedures import read_procedure
from simulator.core.model_screens import REQUIRED_SCREENS, read_menu_item, read_screen, read_text_entry, read_tone
from simulator.core.validate import Node
from simulator.core.yamlio import YDict, shown

TOP_FIELDS = (
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
    """The frozen Model, or one DataError at the first bad field (LookupError for an unknown option)."""
    root = Node(data, path)
    root.only(*TOP_FIELDS)
    option_nodes = root.get("options", []).seq()
    model_options = tuple(read_option(n, root) for n in option_nodes)
    root, chosen = apply_options(root, model_options, options)
    model_id = root.get("id").str()
    if model_id != path.stem:
        raise root.get("id").fail(f"expected the file name {shown(path.stem)}, got {shown(model_id)}")
    keys = read_keys(root)
    key_ids = {k.id for k in keys}
    softkeys = sum(1 for k in key_ids if k.startswith("softkey_"))
    leds = tuple(read_led(n) for n in root.get("leds", []).seq())
    check_unique(root.get("leds", []), [led.id for led in leds], "LED id")
    led_ids = {led.id for led in leds} | {led.group for led in leds if led.group}
    display = read_display(root.get("display"))
    # A device with no display shows no softkeys: the shared screens' labels are not checked.
    shown_softkeys = softkeys if display.kind != "none" else 99
    screens = {name: read_screen(node, shown_softkeys, led_ids) for name, node in root.get("screens").items()}
    for name in REQUIRED_SCREENS:
        if name not in screens:
            raise root.get("screens").fail(f"expected a screen named {shown(name)} (in the model or a base)")
    boot = read_boot(root.get("boot"), screens)
    text_entry = read_text_entry(root.get("text_entry"), key_ids)
    software = read_software(root.get("software"))
    proc_nodes = root.get("procedures").seq()
    procedures = tuple(read_procedure(n, key_ids, boot, display, screens, led_ids) for n in proc_nodes)
    check_unique(root.get("procedures"), [p.id for p in procedures], "procedure id")
    for node, proc in zip(proc_nodes, procedures, strict=True):
        if proc.requires is not None and proc.requires not in {p.id for p in procedures if p is not proc}:
            raise node.get("requires").fail(f"expected the id of another procedure, got {shown(proc.requires)}")
    menu_node = root.get("menu", {"keys": [], "items": []}).only("keys", "items")
    menu_keys = menu_node.get("keys", []).strings()
    for i, key in enumerate(menu_keys):
        if key not in key_ids:
            raise menu_node.get("keys").seq()[i].fail(f"expected a key of this model, got {shown(key)}")
    body = root.get("body").only("width", "height", "colour")
    width, height = body.get("width").number(minimum=1), body.get("height").number(minimum=1)
    check_inside_body(root, width, height, keys, leds, display)
    check_default_in_range(root.get("software"), software)
    layout = root.get("layout", {}).only("source", "confidence")
    check_defaults(option_nodes, model_options)
    return Model(
        id=model_id,
        name=root.get("name").str(),
        aliases=root.get("aliases", []).strings(),
        family=root.get("family").str(),
        brand=root.get("brand", "Poly").str(),
        source=root.get("source").str(),
        confidence=root.get("confidence").choice(CONFIDENCE),
        path=str(path),
        body=Rect(0.0, 0.0, width, height),
        body_colour=read_colour(body.get("colour", "#2e3136")),
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
        menu=tuple(read_menu_item(n) for n in menu_node.get("items", []).seq()),
        menu_keys=menu_keys,
        options=model_options,
        tones={name: read_tone(n) for name, n in root.get("tones").items()},
        layout_source=layout.get("source", "inferred from the reference sheet 8.2").str(),
        layout_confidence=layout.get("confidence", "inferred").choice(CONFIDENCE),
        chosen=chosen,
    )
