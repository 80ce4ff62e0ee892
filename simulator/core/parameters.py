"""The parameter catalog (`config/parameters.yaml`): names, factory values and what each reset clears.

Data, not code, so a trainer can add a parameter with its source; validated at the door, one line per
error, like the model files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from simulator.core.model import CONFIDENCE
from simulator.core.validate import Node
from simulator.core.yamlio import DataError, load_file

PARAMETERS_FILE = Path(__file__).resolve().parents[2] / "config" / "parameters.yaml"

#: Configuration layers, highest precedence first (see config.py for where the order comes from).
LAYERS = ("device", "local", "web", "provisioning", "factory")
KINDS = ("device", "application")
TYPES = ("text", "integer", "choice")
GROUPS = (
    "auth",
    "network",
    "provisioning",
    "language",
    "display",
    "lines",
    "menus",
    "boot",
    "security",
    "web",
)
#: The resets the engine calls by id; the file must describe each, and no other.
RESET_IDS = ("reset_local", "reset_web", "reset_device", "reset_network", "format_file_system", "factory_reset")
OVERRIDE_KINDS = ("phone", "web")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*$")
#: Device settings the catalog does not list still belong to a group, by their prefix.
_PREFIX_GROUPS = (
    ("device.net.", "network"),
    ("device.dhcp.", "network"),
    ("device.dns.", "network"),
    ("device.sntp.", "network"),
    ("device.prov.", "provisioning"),
    ("device.auth.", "auth"),
)


def valid_name(name: str) -> bool:
    """A name a configuration file can carry (an XML attribute): letters, digits, `_`, `-`, dots."""
    return bool(_NAME.match(name))


def is_set_flag(name: str) -> bool:
    """`device.set` and `<device setting>.set`: in a file, they let it change the phone's device settings."""
    return name.endswith(".set")


def kind_of_name(name: str) -> str:
    """The device.* family is held in flash (device.cfg); everything else is an application parameter."""
    return "device" if name.startswith("device.") else "application"


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    group: str
    default: str | None
    type: str
    description: str
    source: str
    confidence: str
    kind_source: str
    kind_confidence: str
    values: Mapping[str, str] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None

    def problem(self, value: str) -> str | None:
        """Why `value` is not one this parameter takes, or None. Empty means "not set" and always passes."""
        if value == "" or self.type == "text":
            return None
        if self.type == "choice":
            if value not in self.values:
                return f"expected one of {', '.join(self.values)}, got {value!r}"
            return None
        if not re.fullmatch(r"-?[0-9]+", value):
            return f"expected a whole number, got {value!r}"
        number = int(value)
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            return f"expected a whole number from {self.minimum} to {self.maximum}, got {value}"
        return None


@dataclass(frozen=True)
class ResetSpec:
    """One "Reset to Defaults" option: exactly what it clears, with its evidence."""

    id: str
    label: str
    layers: tuple[str, ...]
    groups: tuple[str, ...]
    server_file: str | None
    application: bool
    says: str
    source: str
    confidence: str


@dataclass(frozen=True)
class ParameterCatalog:
    parameters: Mapping[str, Parameter]
    resets: Mapping[str, ResetSpec]
    path: str = ""

    def __contains__(self, name: object) -> bool:
        return name in self.parameters

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self.parameters.values())

    def get(self, name: str) -> Parameter | None:
        return self.parameters.get(name)

    def defaults(self) -> Mapping[str, str]:
        """Factory values the sources give; a parameter with `default: ~` has none here. One read-only
        mapping shared by every phone's factory layer, which nothing changes: a phone is cheap to make."""
        made = self.__dict__.get("_defaults")
        if made is None:
            made = MappingProxyType({p.name: p.default for p in self if p.default is not None})
            object.__setattr__(self, "_defaults", made)
        return made

    def factory_rows(self) -> tuple[tuple[str, str, str], ...]:
        """(parameter, value, "factory") for every default, sorted: the base of every configuration view."""
        made = self.__dict__.get("_factory_rows")
        if made is None:
            made = tuple((name, value, "factory") for name, value in sorted(self.defaults().items()))
            object.__setattr__(self, "_factory_rows", made)
        return made

    def kind(self, name: str) -> str:
        param = self.parameters.get(name)
        return param.kind if param else kind_of_name(name)

    def group(self, name: str) -> str | None:
        param = self.parameters.get(name)
        if param:
            return param.group
        return next((group for prefix, group in _PREFIX_GROUPS if name.startswith(prefix)), None)

    def problem(self, name: str, value: str) -> str | None:
        """Why a value cannot be given to `name`; parameters the catalog does not list take any text."""
        if not valid_name(name):
            return "expected a parameter name such as device.net.vlanId (letters, digits, dots)"
        if is_set_flag(name):
            return None if value in ("0", "1") else f'expected "0" or "1" for a .set flag, got {value!r}'
        param = self.parameters.get(name)
        return param.problem(value) if param else None


def _parameter(name: str, node: Node) -> Parameter:
    node.only(
        "kind",
        "group",
        "default",
        "type",
        "values",
        "min",
        "max",
        "description",
        "source",
        "confidence",
        "kind_source",
        "kind_confidence",
    )
    if not valid_name(name) or is_set_flag(name):
        raise node.fail("expected a parameter name such as device.net.vlanId (letters, digits, dots; no .set flag)")
    kind = node.get("kind").choice(KINDS)
    if kind != kind_of_name(name):
        raise node.get("kind").fail(f"expected {kind_of_name(name)}: device settings are exactly the device.* names")
    kind_type = node.get("type").choice(TYPES)
    values: dict[str, str] = {}
    if kind_type == "choice":
        raw_keys = list(node.get("values").mapping())
        for raw, (value, label) in zip(raw_keys, node.get("values").items(), strict=True):
            if not isinstance(raw, str):
                raise label.fail(f'expected the value quoted ("{value}"): configuration values are text')
            values[value] = label.str()
        if not values:
            raise node.get("values").fail("expected at least one value")
    elif node.has("values"):
        raise node.get("values").fail("expected values only with type: choice")
    bounds = {}
    for key in ("min", "max"):
        if node.has(key):
            if kind_type != "integer":
                raise node.get(key).fail(f"expected {key} only with type: integer")
            bounds[key] = node.get(key).integer(minimum=-(2**31))
    description = node.get("description").str()
    if "\n" in description.strip():
        raise node.get("description").fail("expected one line")
    default_node = node.get("default")
    default = None if default_node.value is None else default_node.text()
    confidence = node.get("confidence").choice(CONFIDENCE)
    param = Parameter(
        name=name,
        kind=kind,
        group=node.get("group").choice(GROUPS),
        default=default,
        type=kind_type,
        description=description.strip(),
        source=node.get("source").str().strip(),
        confidence=confidence,
        kind_source=node.get("kind_source", node.get("source").value).str().strip(),
        kind_confidence=node.get("kind_confidence", confidence).choice(CONFIDENCE),
        values=values,
        minimum=bounds.get("min"),
        maximum=bounds.get("max"),
    )
    if default is not None and (problem := param.problem(default)):
        raise default_node.fail(problem)
    return param


def _reset(reset_id: str, node: Node) -> ResetSpec:
    node.only("label", "layers", "groups", "server_file", "application", "says", "source", "confidence")
    layers = tuple(n.choice(LAYERS[:-1]) for n in node.get("layers").seq())
    if not layers:
        raise node.get("layers").fail("expected at least one layer")
    groups = tuple(n.choice(GROUPS) for n in node.get("groups", []).seq())
    if groups and layers != ("device",):
        raise node.get("groups").fail("expected groups only with layers: [device] (they select device settings)")
    server_file = node.get("server_file", None)
    return ResetSpec(
        id=reset_id,
        label=node.get("label").str(),
        layers=layers,
        groups=groups,
        server_file=None if server_file.value is None else server_file.choice(OVERRIDE_KINDS),
        application=node.get("application", False).boolean(),
        says=node.get("says").str(),
        source=node.get("source").str().strip(),
        confidence=node.get("confidence").choice(CONFIDENCE),
    )


def load_parameters(path: str | Path = PARAMETERS_FILE) -> ParameterCatalog:
    """Read and check the catalog; a bad file raises one DataError line."""
    root = Node(load_file(path), path)
    root.only("parameters", "resets")
    params = {name: _parameter(name, node) for name, node in root.get("parameters").items()}
    if not params:
        raise root.get("parameters").fail("expected at least one parameter")
    reset_nodes = dict(root.get("resets").items())
    for reset_id in reset_nodes:
        if reset_id not in RESET_IDS:
            raise reset_nodes[reset_id].fail(f"expected a reset id: {', '.join(RESET_IDS)}")
    for reset_id in RESET_IDS:
        if reset_id not in reset_nodes:
            raise DataError(path, root.get("resets").line, f"resets.{reset_id}", "is required")
    resets = {reset_id: _reset(reset_id, reset_nodes[reset_id]) for reset_id in RESET_IDS}
    return ParameterCatalog(params, resets, str(path))


@cache
def default_catalog() -> ParameterCatalog:
    """The shipped catalog, read once per process (a Config is made per phone)."""
    return load_parameters()
