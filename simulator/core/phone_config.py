"""What a phone does with its configuration: log every change, reset exactly a reset's layers, and
find its provisioning server and download from it on every boot.

Mixed into Phone, like phases.py. The layers and resets are config.py's (data in
config/parameters.yaml); the server, discovery and boot plan are provisioning.py's. The boot shows
the plan's messages as stages of their own (`provisioning`) before the application loads, taking
their time from the first load stage so a boot lasts as long as before; without an application and
without a server that has one (after Format File System) it stops in the Updater (`updater`).
"""

from __future__ import annotations

import functools
import textwrap
from typing import TYPE_CHECKING

from simulator.core.config import Config
from simulator.core.events import ConfigChanged, ConfigLoaded, ConfigReset, DeviceReset, FactoryReset
from simulator.core.model import Boot, Stage, parse_version
from simulator.core.provisioning import BootPlan, Discovery, ProvisioningServer, apply_boot, plan_boot
from simulator.core.server_setup import Environment
from simulator.core.snapshot import config_view

if TYPE_CHECKING:
    from simulator.core.phone import Phone

#: The event each reset logs (the others log `config_reset`).
_RESET_EVENTS: dict[str, type[FactoryReset | DeviceReset]] = {
    "factory_reset": FactoryReset,
    "reset_device": DeviceReset,
}
#: Menu actions whose reset has another id in config/parameters.yaml (the grader's goal names the action).
_RESET_IDS = {"network_reset": "reset_network"}
RESET_ACTIONS = frozenset(
    {"factory_reset", "reset_device", "reset_local", "reset_web", "format_file_system", "network_reset"}
)
#: Characters per line of a boot message: a long one is wrapped rather than shrunk to fit one line.
MESSAGE_WIDTH = 28
#: The least of the first load stage the provisioning messages leave ("Loading application").
_MIN_LOAD_MS = 1000


@functools.lru_cache(maxsize=64)
def _serverless_plan(mac: str, software: str | None) -> BootPlan:
    return plan_boot(None, mac, software)


#: The network of a phone given no server: nothing answers (never changed: server steps need a server).
_NO_NETWORK = Discovery()
_STAGES: dict[tuple[int, int, bool], tuple[Boot, tuple[Stage, ...]]] = {}


def _stages(boot: Boot, messages: int, stays: bool) -> tuple[Stage, ...]:
    """The provisioning messages' stages, then the load stages, the first shortened by their time;
    made once per model's boot (kept by its id, with the boot itself so the id stays its own)."""
    found = _STAGES.get((id(boot), messages, stays))
    if found is None or found[0] is not boot:
        if len(_STAGES) >= 512:
            _STAGES.clear()
        found = _STAGES[(id(boot), messages, stays)] = (boot, _make_stages(boot, messages, stays))
    return found[1]


def _make_stages(boot: Boot, messages: int, stays: bool) -> tuple[Stage, ...]:
    step = boot.message_ms
    stages = tuple(Stage("provisioning", step, "provisioning") for _ in range(messages))
    if stays:
        return (*stages, Stage("updater", 0, "updater"))
    first, *rest = boot.load
    return (*stages, Stage(first.id, max(_MIN_LOAD_MS, first.ms - step * messages), first.screen), *rest)


@functools.lru_cache(maxsize=256)
def _wrapped(text: str) -> str:
    """A boot message in lines of MESSAGE_WIDTH characters (the same few messages again and again)."""
    return "\n".join(textwrap.wrap(text, MESSAGE_WIDTH, break_long_words=False, break_on_hyphens=False)) or text


class ConfigBehaviour:
    """The phone's configuration and its provisioning server; reads and writes the phone's own fields."""

    def _set_up_config(
        self: Phone,
        layers: dict[str, dict[str, str]] | None,
        admin_password: str | None,
        environment: Environment | None,
    ) -> None:
        self.config = Config()
        self.environment = environment
        self.discovery = environment.discovery if environment is not None else _NO_NETWORK
        for param, value in (environment.device_settings if environment is not None else {}).items():
            self.config.set("device", param, value)
        for layer, params in (layers or {}).items():
            for param, value in params.items():
                self.config.set(layer, param, str(value))
        if admin_password is not None:
            self.config.set("device", "device.auth.localAdminPassword", str(admin_password))
        self.application = True  # the application is in the file system (Format File System erases it)
        self.boot_plan: BootPlan | None = None  # the last boot's downloads, for the panel
        self._messages: list[str] = []
        self._rows: tuple[tuple[str, str, str], ...] | None = None  # the snapshot's view, until a change
        # From here on every change is an event: what the phone was given is where it starts.
        self.config.listener = self._config_changed

    def _config_changed(self: Phone, layer: str, param: str, old: str | None, new: str | None) -> None:
        self._rows = None
        self.log(ConfigChanged(self.now_ms, layer, param, old, new))

    def config_rows(self: Phone) -> tuple[tuple[str, str, str], ...]:
        """(parameter, effective value, layer) of every parameter a layer sets: kept until a change."""
        if self._rows is None:
            self._rows = config_view(self.config)
        return self._rows

    @property
    def server(self: Phone) -> ProvisioningServer | None:
        """The scenario's provisioning server, for the configuration card and `server_file` checks."""
        return self.environment.server if self.environment is not None else None

    @property
    def ip_address(self: Phone) -> str:
        return self.discovery.ip_address(self.config)

    # -- resets ------------------------------------------------------------------------------------
    def apply_reset(self: Phone, action: str) -> None:
        """Clear exactly the layers of this reset (config/parameters.yaml) and log what it cleared."""
        result = self.config.reset(_RESET_IDS.get(action, action))
        if result.application:
            self.application = False
        self.logs.clear()
        event = _RESET_EVENTS.get(action, ConfigReset)
        self.log(event(self.now_ms, action, tuple(result.cleared)))

    def menu_set(self: Phone, sets: tuple[tuple[str, str], ...]) -> None:
        """A settings page's choice: local changes, written back to the server the phone booted from."""
        for param, value in sets:
            self.config.menu_change(param, value)

    # -- boot: find the server, download, show it --------------------------------------------------
    def _load_stages(self: Phone) -> list[Stage]:
        """The provisioning messages of this boot, then the model's load stages (or the Updater)."""
        # Without a network of servers only a static address typed into the phone is found (one that
        # does not answer); the common case, no server at all, asks nothing more.
        if self.environment is None and not self.config.get("device.prov.serverName"):
            found = None
        else:
            found = self.discovery.find(self.config, self.mac)
        software = self.software if self.application else None
        if found is None:  # the same few lines on every boot of a phone without a server
            plan = _serverless_plan(self.mac, software)
        else:
            plan = plan_boot(found, self.mac, software, supported=self._runs)
        self.boot_plan = plan
        if self.model.display.kind == "none":  # nothing to read the messages on: straight to the download
            self._install()
            return list(_stages(self.model.boot, 0, plan.stays_in_updater))
        self._messages = [m.text for m in plan.messages]
        return list(_stages(self.model.boot, len(plan.messages), plan.stays_in_updater))

    def _runs(self: Phone, version: str) -> bool:
        sw = self.model.software
        parsed = parse_version(version)
        return parsed is not None and not (
            (sw.minimum and parsed < parse_version(sw.minimum))  # type: ignore[operator]
            or (sw.maximum and parsed > parse_version(sw.maximum))  # type: ignore[operator]
        )

    def _show_stage(self: Phone, stage: Stage) -> None:
        """A boot stage begins: a provisioning message takes its text; the last one installs the plan."""
        previous = self.boot_stage
        if stage.id == "provisioning":
            text = self._messages.pop(0) if self._messages else ""
            self.message = _wrapped(text)
        elif previous is not None and previous.id == "provisioning":
            self._install()

    def _install(self: Phone) -> None:
        plan = self.boot_plan
        if plan is None:
            return
        if plan.software is not None:
            self._install_software(plan.software)
        apply_boot(self.config, plan)
        if plan.found is not None and plan.provisioning is not None:
            params = {*plan.provisioning, *plan.device, *(plan.local or {}), *(plan.web or {})}
            self.log(ConfigLoaded(self.now_ms, f"{plan.found.address} ({plan.found.how})", tuple(sorted(params))))

    def _install_software(self: Phone, version: str) -> None:
        self.software = version
        self.application = True
        self.logs.append(f"Downloaded UC Software {version}")
        model = self.model
        self.updater = model.runs_updater(version)
        self._cancel_step = model.cancel_step(version)
        self._full_reset = parse_version(version) >= parse_version(model.software.full_reset_from)  # type: ignore[operator]
        self.menu.software = parse_version(version)  # type: ignore[assignment]
