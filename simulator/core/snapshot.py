"""One frozen view of a phone's state, for everything that reads rather than acts.

The scenario runner checks expectations against it, the window draws from it and writes it to the
state file; none of them reach into the phone's own fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulator.core.config import LAYERS, Config
from simulator.core.events import fast_init
from simulator.core.screens import Screen


def config_view(config: Config) -> tuple[tuple[str, str, str], ...]:
    """Every parameter any layer sets, with its effective value and the layer it comes from, sorted.
    The factory rows are sorted once per catalog; only what the layers above hold is merged in."""
    above: dict[str, tuple[str, str, str]] = {}
    for layer in LAYERS[:-1]:  # every layer but `factory`, the top one first
        for param, value in config.layers[layer].items():
            above.setdefault(param, (param, value, layer))
    base = config.catalog.factory_rows()
    if not above:
        return base
    rows = [row for row in base if row[0] not in above]
    rows += above.values()
    rows.sort()
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class Snapshot:
    model: str
    software: str
    mac: str
    t_ms: int
    phase: str
    state: str
    stage: str | None
    screen: Screen
    leds: tuple[tuple[str, str], ...]  # (LED id, state), in the model's order
    held: tuple[str, ...]  # keys down, sorted
    touches: tuple[tuple[float, float], ...]
    input_mode: str
    admin_password: str
    config: tuple[tuple[str, str, str], ...]  # (parameter, effective value, layer)
    events: int  # the event log's cursor when the snapshot was taken

    @property
    def t(self) -> float:
        return self.t_ms / 1000

    @property
    def softkeys(self) -> tuple[str | None, ...]:
        return self.screen.softkeys

    def led(self, led_id: str) -> str | None:
        return dict(self.leds).get(led_id)

    def setting(self, param: str) -> str | None:
        """The effective value of a configuration parameter, None when no layer sets it."""
        for name, value, _ in self.config:
            if name == param:
                return value
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "software": self.software,
            "mac": self.mac,
            "t": self.t,
            "phase": self.phase,
            "state": self.state,
            "stage": self.stage,
            "screen": list(self.screen.lines),
            "softkeys": list(self.screen.softkeys),
            "leds": dict(self.leds),
            "held": list(self.held),
            "touches": [list(p) for p in self.touches],
            "input_mode": self.input_mode,
            "config": [{"param": p, "value": v, "layer": layer} for p, v, layer in self.config],
            "events": self.events,
        }


Snapshot.__init__ = fast_init(Snapshot)  # type: ignore[method-assign]  # taken at every expectation
