"""A model's procedures: what to hold, in which window, for how long, and what follows."""

from __future__ import annotations

from collections.abc import Mapping

from simulator.core.model import (
    CONFIDENCE,
    CORNERS,
    LED_STATES,
    PHASES,
    PROCEDURE_ACTIONS,
    Boot,
    Display,
    Procedure,
    ScreenSpec,
)
from simulator.core.model_face import read_key_id
from simulator.core.validate import MAX_FINGERS, Node
from simulator.core.yamlio import shown


def read_procedure(
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
        key = read_key_id(item)
        if key not in key_ids:
            raise item.fail(f"expected a key of this model, got {shown(key)}")
        proc_keys.append(key)
    touch = frozenset(n.choice(CORNERS) for n in node.get("touch", []).seq())
    fingers = node.get("fingers", 0).integer(minimum=0, maximum=MAX_FINGERS)
    if (touch or fingers) and not display.touch:
        raise node.fail("expected touch: or fingers: only on a model whose display has touch: true")
    if touch and fingers:
        raise node.get("fingers").fail("expected either touch: (corners) or fingers: (anywhere), not both")
    if not (proc_keys or touch or fingers):
        raise node.fail("expected keys:, touch: or fingers: (what to hold)")
    stage = node.get("stage", None).opt_str()
    stage_ids = {s.id for s in boot.stages + boot.load}
    if stage is not None and stage not in stage_ids:
        raise node.get("stage").fail(f"expected a boot stage id ({', '.join(sorted(stage_ids))}), got {shown(stage)}")
    signal = node.get("signal", {}).only("leds", "screen", "seconds")
    signal_leds = {}
    for led_id, state in signal.get("leds", {}).items():
        if led_id not in led_ids:
            raise state.fail(f"expected an LED of this model ({', '.join(sorted(led_ids)) or 'none'})")
        signal_leds[led_id] = state.choice(LED_STATES)
    signal_screen = signal.get("screen", None).opt_str()
    if signal_screen is not None and signal_screen not in screens:
        raise signal.get("screen").fail(f"expected a screen defined under screens:, got {shown(signal_screen)}")
    at_power_on = node.get("at_power_on", False).boolean()
    phase = node.get("phase").choice(PHASES)
    if at_power_on and phase != "boot":
        raise node.get("phase").fail("expected boot for a combination held while power is connected")
    return Procedure(
        id=node.get("id").str(),
        action=node.get("action").choice(PROCEDURE_ACTIONS),
        keys=frozenset(proc_keys),
        key_order=tuple(proc_keys),
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
