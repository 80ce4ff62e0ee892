"""Configuration layers, to show what a reset really clears and why a provisioned phone comes back.

Layers, highest precedence first (`LAYERS`); the effective value of a parameter is the one in the
first layer that holds it, and `effective()` says which layer that was:

1. `device`: device settings in flash (the device.* family: network, VLAN, CDP/LLDP, provisioning
   server, passwords). They sit above the files because the phone needs them before it can fetch any
   file, and a file changes them only by overwriting flash (`device.set`, see provisioning.py)
   [inferred from the device.cfg template, poly-procedures-2.md 5].
2. `local`: changes made in the phone's own menus (`<mac>-phone.cfg`), and
3. `web`: changes made on its web interface (`<mac>-web.cfg`). Both win over the server's files
   [poly-reset-faq.txt: "it takes precedence over the configuration files"]; local above web is
   inferred (the sources do not rank the two).
4. `provisioning`: the configuration files downloaded from the provisioning server (kept in the
   phone's file system, so they also apply while the server cannot be reached).
5. `factory`: the factory defaults of `config/parameters.yaml`.

Every change to any layer is reported to an optional listener as (layer, param, old, new); the
engine logs them as `config_changed`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

from simulator.core.model import parse_version
from simulator.core.parameters import LAYERS, ParameterCatalog, ResetSpec, default_catalog

__all__ = [
    "ADMIN_PASSWORD",
    "FACTORY_DEFAULTS",
    "LAYERS",
    "RESETS",
    "USER_PASSWORD",
    "Change",
    "Config",
    "ResetResult",
    "Setting",
    "web_file_supported",
]

ADMIN_PASSWORD = "device.auth.localAdminPassword"
USER_PASSWORD = "device.auth.localUserPassword"
#: From this version on, web changes get their own file, `<mac>-web.cfg`; before it they went into
#: `<mac>-phone.cfg` with the menu changes [single-source: WITHUC-FILES, "since > UCS 3.3.0"].
WEB_FILE_FROM = "3.3.0"
#: Where a layer's values come from, for the panel's table.
_LAYER_ORIGIN = {
    "device": "flash",
    "local": "phone menu",
    "web": "web interface",
    "provisioning": "server file",
    "factory": "factory default",
}

T = TypeVar("T")
Listener = Callable[[str, str, str | None, str | None], None]


class OverrideStore(Protocol):
    """Where the phone writes its override files: the provisioning server it booted from."""

    def write_override(self, mac: str, kind: str, params: Mapping[str, str]) -> str:
        """Store `<mac>-<kind>.cfg` holding `params`; returns the file name written."""
        ...


class _Lazy(Mapping[str, T]):
    """A module-level table read from the catalog on first use, so that importing never reads a file."""

    def __init__(self, read: Callable[[], Mapping[str, T]]) -> None:
        self._read = read

    def __getitem__(self, key: str) -> T:
        return self._read()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


#: Parameter -> factory value, for those the sources give one (`config/parameters.yaml`).
FACTORY_DEFAULTS: Mapping[str, str] = _Lazy(lambda: default_catalog().defaults())
#: Reset id -> what it clears (`config/parameters.yaml` `resets:`), for the engine's menus.
RESETS: Mapping[str, ResetSpec] = _Lazy(lambda: default_catalog().resets)


@dataclass(frozen=True)
class Setting:
    """One row of the configuration view: what the phone uses now and where it came from."""

    param: str
    value: str | None
    layer: str | None
    origin: str
    kind: str
    default: str | None
    description: str


@dataclass(frozen=True)
class Change:
    """A change made on the phone or its web page, and the override file written for it (if any)."""

    layer: str
    param: str
    old: str | None
    new: str
    written: str | None


@dataclass(frozen=True)
class ResetResult:
    """What one reset removed: the engine logs it and, with `application`, removes the software."""

    kind: str
    label: str
    #: Layers that held something it removed, like `Config.clear` returns (the event's `cleared`).
    cleared: list[str]
    #: Layer -> the parameters it removed there.
    removed: dict[str, tuple[str, ...]]
    #: Override files it emptied on the provisioning server.
    server_files: tuple[str, ...]
    #: The phone's software is gone too (Format File System): it must download it again.
    application: bool


def web_file_supported(software: str) -> bool:
    """Whether this software writes web changes to `<mac>-web.cfg` (else into `<mac>-phone.cfg`)."""
    version, since = parse_version(software), parse_version(WEB_FILE_FROM)
    return version is None or since is None or version >= since


class Config:
    def __init__(self, listener: Listener | None = None, catalog: ParameterCatalog | None = None) -> None:
        self.catalog = catalog or default_catalog()
        self.layers: dict[str, dict[str, str]] = {name: {} for name in LAYERS}
        self.layers["factory"] = self.catalog.defaults()  # type: ignore[assignment]  # shared and read-only
        self.listener = listener
        #: (layer, param) -> the server file a value came from (provisioning, and device settings
        #: a file overwrote).
        self.origins: dict[tuple[str, str], str] = {}
        self.store: OverrideStore | None = None
        self.mac: str | None = None

    # -- reading -------------------------------------------------------------------------------
    def get(self, param: str) -> str | None:
        return self.effective(param)[0]

    def effective(self, param: str) -> tuple[str | None, str | None]:
        """(value, layer it came from); (None, "factory") for a catalogued parameter without a known
        factory value, (None, None) for a name nothing knows."""
        for name in LAYERS:
            if param in self.layers[name]:
                return self.layers[name][param], name
        return None, ("factory" if param in self.catalog else None)

    def values(self, param: str) -> dict[str, str]:
        """Every layer holding `param`, highest first: what a reset of the top one would reveal."""
        return {name: self.layers[name][param] for name in LAYERS if param in self.layers[name]}

    def origin(self, param: str) -> str:
        value, layer = self.effective(param)
        if layer is None:
            return "not set"
        if value is None:
            return "built-in (no source gives the factory value)"
        return self.origins.get((layer, param), _LAYER_ORIGIN[layer])

    def table(self) -> list[Setting]:
        """Every catalogued parameter, then any other name a layer holds: the panel's view."""
        names = list(self.catalog.parameters)
        extra = sorted({p for name in LAYERS for p in self.layers[name]} - set(names))
        rows = []
        for param in names + extra:
            value, layer = self.effective(param)
            spec = self.catalog.get(param)
            rows.append(
                Setting(
                    param=param,
                    value=value,
                    layer=layer,
                    origin=self.origin(param),
                    kind=self.catalog.kind(param),
                    default=spec.default if spec else None,
                    description=spec.description if spec else "",
                )
            )
        return rows

    @property
    def admin_password(self) -> str:
        return self.get(ADMIN_PASSWORD) or ""

    # -- writing -------------------------------------------------------------------------------
    def set(self, layer: str, param: str, value: str, origin: str | None = None) -> None:
        if layer not in LAYERS or layer == "factory":
            raise ValueError(f"unknown configuration layer {layer!r}; one of {', '.join(LAYERS[:-1])}")
        old = self.layers[layer].get(param)
        self.layers[layer][param] = value
        if origin is None:
            self.origins.pop((layer, param), None)
        else:
            self.origins[(layer, param)] = origin
        if old != value:
            self._report(layer, param, old, value)

    def unset(self, layer: str, param: str) -> bool:
        if layer not in LAYERS or layer == "factory":
            raise ValueError(f"unknown configuration layer {layer!r}; one of {', '.join(LAYERS[:-1])}")
        if param not in self.layers[layer]:
            return False
        old = self.layers[layer].pop(param)
        self.origins.pop((layer, param), None)
        self._report(layer, param, old, None)
        return True

    def replace(self, layer: str, params: Mapping[str, str], origins: Mapping[str, str] | None = None) -> None:
        """A whole layer at once (a download), reporting only what differs."""
        for param in [p for p in self.layers[layer] if p not in params]:
            self.unset(layer, param)
        for param, value in params.items():
            self.set(layer, param, value, (origins or {}).get(param))

    def clear(self, *layers: str) -> list[str]:
        """Empty the named layers; returns those that held anything (for the event log)."""
        for name in layers:
            if name not in LAYERS or name == "factory":
                raise ValueError(f"cannot clear {name!r}; one of {', '.join(LAYERS[:-1])}")
        cleared = [name for name in layers if self.layers[name]]
        for name in layers:
            for param in list(self.layers[name]):
                self.unset(name, param)
        return cleared

    # -- changes a person makes ----------------------------------------------------------------
    def attach(self, store: OverrideStore, mac: str) -> None:
        """The phone booted from this server: its menu and web changes are written back there."""
        self.store, self.mac = store, mac

    def detach(self) -> None:
        self.store, self.mac = None, None

    def menu_change(self, param: str, value: str) -> Change:
        """A setting changed in the phone's menus: device settings go to flash, the rest to the local
        layer, written to the server as `<mac>-phone.cfg` when the phone has one."""
        return self._change("local", param, value)

    def web_change(self, param: str, value: str, *, web_file: bool = True) -> Change:
        """A setting changed on the web page; `web_file=False` (software before 3.3.0, see
        `web_file_supported`) puts it with the menu changes in `<mac>-phone.cfg`."""
        return self._change("web" if web_file else "local", param, value)

    def _change(self, layer: str, param: str, value: str) -> Change:
        problem = self.catalog.problem(param, value)
        if problem:
            raise ValueError(f"{param}: {problem}")
        if self.catalog.kind(param) == "device":
            layer = "device"
        old = self.layers[layer].get(param)
        self.set(layer, param, value)
        written = None
        if layer != "device" and self.store is not None and self.mac:
            written = self.store.write_override(self.mac, "phone" if layer == "local" else "web", self.layers[layer])
            self.origins.update(dict.fromkeys(((layer, p) for p in self.layers[layer]), written))
        return Change(layer, param, old, value, written)

    # -- resets --------------------------------------------------------------------------------
    def reset(self, kind: str) -> ResetResult:
        """One "Reset to Defaults" option (ids in `RESETS`): clears exactly its layers."""
        if kind not in self.catalog.resets:
            raise ValueError(f"unknown reset {kind!r}; one of {', '.join(self.catalog.resets)}")
        spec = self.catalog.resets[kind]
        removed: dict[str, tuple[str, ...]] = {}
        for layer in spec.layers:
            params = [p for p in self.layers[layer] if not spec.groups or self.catalog.group(p) in spec.groups]
            for param in params:
                self.unset(layer, param)
            if params:
                removed[layer] = tuple(params)
        files: tuple[str, ...] = ()
        if spec.server_file and self.store is not None and self.mac:
            files = (self.store.write_override(self.mac, spec.server_file, {}),)
        return ResetResult(kind, spec.label, list(removed), removed, files, spec.application)

    def _report(self, layer: str, param: str, old: str | None, new: str | None) -> None:
        if self.listener is not None:
            self.listener(layer, param, old, new)
