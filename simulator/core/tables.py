"""What a phone derives from its model once per model, not once per phone: a phone is cheap to make.

Each model's tables are built on first use and kept with the model (models are immutable).
"""

from __future__ import annotations

from simulator.core.keys import softkey_index
from simulator.core.model import Model, Procedure
from simulator.core.screens import Template


class Tables:
    __slots__ = ("key_ids", "led_cache", "letters", "model", "order", "softkey_at", "templates")

    def __init__(self, model: Model) -> None:
        self.model = model
        self.key_ids = frozenset(model.key_ids)
        self.softkey_at = {k: i for k in model.key_ids if (i := softkey_index(k)) is not None}
        self.letters = {k.id: k.letters for k in model.keys if k.letters}
        # A second step whose first is done comes before a first step with the same keys (CCX 400).
        self.order: tuple[Procedure, ...] = tuple(sorted(model.procedures, key=lambda p: p.requires is None))
        shows = model.display.kind != "none"  # a device with no display shows no softkeys
        self.templates = {name: Template(name, spec, shows) for name, spec in model.screens.items()}
        self.led_cache: dict[tuple[str, str | None, bool], dict[str, str]] = {}  # LED states per screen seen


_TABLES: dict[int, Tables] = {}


def tables(model: Model) -> Tables:
    found = _TABLES.get(id(model))
    if found is None or found.model is not model:
        found = _TABLES[id(model)] = Tables(model)
    return found
