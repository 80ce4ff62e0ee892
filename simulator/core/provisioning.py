"""A simulated provisioning server, how a phone finds it, and what the phone downloads when it boots.

All in process: a server is a dictionary of files, the network a description the engine asks
"which server does this phone find now?". The story the FAQ tells plays out from these pieces: a
provisioned phone loads its old configuration, old admin password included, straight back after a
factory reset, until its files are removed or the phone no longer finds the server.

Boot, after SIP31-AG (poly-procedures.md 3.1): the master file (`<mac>.cfg`, else
`000000000000.cfg`), the application if it differs from the phone's, then the CONFIG_FILES it lists,
then the phone's own override files (`<mac>-phone.cfg`, `<mac>-web.cfg`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from simulator.core.cfgfile import CfgError, config_file_list, parse_cfg, write_cfg
from simulator.core.config import Config
from simulator.core.parameters import is_set_flag, kind_of_name

MASTER_FILE = "000000000000.cfg"
DEFAULT_APP_FILE = "sip.ld"
#: How a phone can find its server; scenario files use these words (`found_by:`).
METHODS = ("static", "dhcp_option_66", "dhcp_option_160", "ztp")
#: The options the Default boot-server setting reads, in order [inferred: the sources name 66 and 160
#: but not which comes first].
DEFAULT_OPTIONS = (160, 66)
_IP7000 = "poly-procedures-2.md 1.4 (IP7000-IG)"


@dataclass(frozen=True)
class Message:
    """A line the technician sees on the screen while the phone boots, with its evidence."""

    text: str
    source: str = "not in the sources: wording of the simulator"
    confidence: str = "inferred"


class ProvisioningServer:
    """Files per phone (master files, configuration files, override files) and application files."""

    def __init__(
        self,
        address: str,
        files: Mapping[str, str | Mapping[str, str]] | None = None,
        software: Mapping[str, str] | None = None,
    ) -> None:
        self.address = address
        self.files: dict[str, str] = {}
        #: Application file name (APP_FILE_PATH) -> the software version it holds.
        self.software: dict[str, str] = dict(software or {})
        #: Override files the phones wrote, in order: what a technician finds changed on the server.
        self.written: list[str] = []
        for name, content in (files or {}).items():
            self.put(name, content)

    def __repr__(self) -> str:
        return f"ProvisioningServer({self.address!r}, files={sorted(self.files)}, software={self.software})"

    def put(self, name: str, content: str | Mapping[str, str]) -> None:
        """Add or replace a file; a mapping is written in the phones' own form."""
        self.files[name] = content if isinstance(content, str) else write_cfg(content)

    def remove(self, name: str) -> bool:
        return self.files.pop(name, None) is not None

    def has(self, name: str) -> bool:
        return name in self.files

    def read(self, name: str) -> dict[str, str] | None:
        """The file's parameters; None when absent; CfgError when a phone could not read it."""
        return parse_cfg(self.files[name], name) if name in self.files else None

    def add_software(self, version: str, path: str = DEFAULT_APP_FILE) -> None:
        self.software[path] = version

    def remove_software(self, path: str = DEFAULT_APP_FILE) -> bool:
        return self.software.pop(path, None) is not None

    # -- per phone -----------------------------------------------------------------------------
    def master_for(self, mac: str) -> str | None:
        return next((name for name in (f"{mac}.cfg", MASTER_FILE) if name in self.files), None)

    def _master_params(self, mac: str) -> dict[str, str]:
        """The master file's attributes; empty when there is none or a phone could not read it."""
        master = self.master_for(mac)
        try:
            return parse_cfg(self.files[master], master) if master else {}
        except CfgError:
            return {}

    def override_name(self, mac: str, kind: str) -> str:
        """`<mac>-phone.cfg` / `<mac>-web.cfg`, in the master file's OVERRIDES_DIRECTORY when it names one."""
        directory = self._master_params(mac).get("OVERRIDES_DIRECTORY", "").strip("/ ")
        name = f"{mac}-{kind}.cfg"
        return f"{directory}/{name}" if directory else name

    def write_override(self, mac: str, kind: str, params: Mapping[str, str]) -> str:
        name = self.override_name(mac, kind)
        what = "changes made in the phone's menus" if kind == "phone" else "changes made on the web interface"
        self.put(name, write_cfg(dict(params), comment=f"Written by phone {mac}: {what}"))
        self.written.append(name)
        return name

    def files_for(self, mac: str) -> list[str]:
        """The files this phone would read, in reading order, present or not: the panel's list."""
        master = self.master_for(mac)
        names = [master] if master else [f"{mac}.cfg", MASTER_FILE]
        listed = config_file_list(self._master_params(mac), mac)
        return [*names, *listed, self.override_name(mac, "phone"), self.override_name(mac, "web")]


class Settings(Protocol):
    """What discovery reads: a Config, or any mapping of effective values."""

    def get(self, param: str) -> str | None: ...


@dataclass(frozen=True)
class Found:
    """The server a phone found: by which method, at which address, and who answers there."""

    method: str
    address: str
    server: ProvisioningServer | None

    @property
    def how(self) -> str:
        if self.method == "ztp":
            return "zero-touch provisioning"
        if self.method.startswith("dhcp_option_"):
            return f"DHCP option {self.method.removeprefix('dhcp_option_')}"
        return "static address"


@dataclass
class Discovery:
    """The network a phone boots on: which servers answer, what DHCP offers, what ZTP knows.

    Order [inferred; the sources say only that a phone is provisioned "by a local server/ZTP/LENS
    and/or a DHCP option"]: Boot Server Static -> device.prov.serverName; otherwise the DHCP option(s)
    the Boot Server setting reads, then the stored server name, then ZTP when it is enabled.
    """

    servers: dict[str, ProvisioningServer] = field(default_factory=dict)
    dhcp: bool = True
    dhcp_options: dict[int, str] = field(default_factory=dict)
    #: MAC -> server address the zero-touch provisioning service redirects that phone to.
    ztp: dict[str, str] = field(default_factory=dict)
    #: The address a DHCP server hands out (the Status screen shows it).
    lease: str = "192.168.1.50"

    def add(self, server: ProvisioningServer) -> None:
        self.servers[server.address] = server

    def find(self, settings: Settings, mac: str) -> Found | None:
        """The server this phone finds now, given its device settings; None when it finds none."""
        mode = settings.get("device.dhcp.bootSrvUseOpt") or "0"
        static = settings.get("device.prov.serverName") or ""
        if mode == "2":
            return self._found("static", static) if static else None
        if self.dhcp and settings.get("device.dhcp.enabled") != "0":
            custom = settings.get("device.dhcp.bootSrvOpt") or ""
            options = [int(custom)] if mode in ("1", "3") and custom.isdigit() else []
            if mode in ("0", "3"):
                options += DEFAULT_OPTIONS
            for option in options:
                if self.dhcp_options.get(option):
                    return self._found(f"dhcp_option_{option}", self.dhcp_options[option])
        if static:
            return self._found("static", static)
        if settings.get("device.prov.ztpEnabled") == "1" and mac in self.ztp:
            return self._found("ztp", self.ztp[mac])
        return None

    def ip_address(self, settings: Settings) -> str:
        if self.dhcp and settings.get("device.dhcp.enabled") != "0":
            return self.lease
        return settings.get("device.net.ipAddress") or ""

    def _found(self, method: str, address: str) -> Found:
        return Found(method, address, self.servers.get(address))

    # -- what scenarios change mid-way ---------------------------------------------------------
    def disable_dhcp_option(self, number: int | None = None) -> list[int]:
        """Stop DHCP offering one option (or all); returns those that were offered."""
        gone = [n for n in list(self.dhcp_options) if number is None or n == number]
        for n in gone:
            del self.dhcp_options[n]
        return gone

    def clear_ztp(self, mac: str | None = None) -> list[str]:
        gone = [m for m in list(self.ztp) if mac is None or m == mac]
        for m in gone:
            del self.ztp[m]
        return gone


@dataclass(frozen=True)
class BootPlan:
    """What a phone downloads on this boot, and what it shows while doing so.

    `provisioning`, `local` and `web` are whole layers to install, or None to keep what the phone
    holds (no server, or the server has no such file). `device` are device settings a file overwrites
    in flash: only with `device.set="1"` and `<name>.set="1"` [the device.cfg template's flags,
    poly-procedures-2.md 5; their effect is read from the names].
    """

    mac: str
    found: Found | None
    software: str | None = None
    stays_in_updater: bool = False
    master: str | None = None
    files: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    provisioning: dict[str, str] | None = None
    device: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)
    local: dict[str, str] | None = None
    web: dict[str, str] | None = None
    #: Where `local` and `web` came from (`<mac>-phone.cfg`, `<mac>-web.cfg`, in OVERRIDES_DIRECTORY).
    override_files: tuple[str, str] = ("", "")
    messages: tuple[Message, ...] = ()


def plan_boot(
    found: Found | None, mac: str, software: str | None, *, supported: Callable[[str], bool] | None = None
) -> BootPlan:
    """Pure: the server found, the phone's MAC and its software (None after Format File System)."""
    messages = [Message("Waiting for network to initialize", _IP7000, "single-source")]
    server = found.server if found else None
    if found is None:
        messages.append(Message("No provisioning server found: the phone keeps the configuration it holds"))
    else:
        messages.append(Message(f"Provisioning server {found.address} ({found.how})"))
        if server is None:
            messages.append(Message(f"Provisioning server {found.address} does not answer"))
    master_name = server.master_for(mac) if server else None
    master: dict[str, str] | None = None
    if server is not None:
        try:
            master = server.read(master_name) if master_name else None
        except CfgError as exc:
            messages.append(Message(f"Cannot read {exc.name} ({exc.problem})"))
        if master is None and master_name is None:
            messages.append(Message(f"Neither {mac}.cfg nor {MASTER_FILE} is on the provisioning server"))
    new_software = None
    if server is not None and master is not None:
        new_software = _software_to_fetch(server, master, software, supported, messages)
    stays = software is None and new_software is None
    if stays:
        messages.append(Message("No application to load: the phone needs a provisioning server that has one"))
    if server is None or master is None:
        return BootPlan(mac, found, new_software, stays, master_name, messages=tuple(messages))
    return _with_files(server, master_name or MASTER_FILE, master, mac, found, new_software, stays, messages)


def _software_to_fetch(
    server: ProvisioningServer,
    master: Mapping[str, str],
    software: str | None,
    supported: Callable[[str], bool] | None,
    messages: list[Message],
) -> str | None:
    """The version to download: the one APP_FILE_PATH names, when it differs from the phone's
    [SIP31-AG: "Downloads the application if it differs from the copy in flash"]."""
    app = master.get("APP_FILE_PATH", "").strip()
    version = server.software.get(app) if app else None
    if version is None or version == software:
        return None
    if supported is not None and not supported(version):
        messages.append(Message(f"{app} holds UC Software {version}, which this phone cannot run"))
        return None
    messages += [Message(text, _IP7000, "single-source") for text in _DOWNLOAD]
    return version


_DOWNLOAD = ("Downloading new application", "Checking new application", "Saving new application")


def _with_files(
    server: ProvisioningServer,
    master_name: str,
    master: Mapping[str, str],
    mac: str,
    found: Found | None,
    new_software: str | None,
    stays: bool,
    messages: list[Message],
) -> BootPlan:
    merged: dict[str, str] = {}
    sources: dict[str, str] = {}
    read, missing = [], []
    for name in config_file_list(master, mac):
        try:
            params = server.read(name)
        except CfgError as exc:
            messages.append(Message(f"Cannot read {name} ({exc.problem})"))
            continue
        if params is None:
            missing.append(name)
            messages.append(Message(f"{name} not found on the provisioning server"))
            continue
        read.append(name)
        for param, value in params.items():  # the file listed first wins [inferred]
            if param not in merged:
                merged[param], sources[param] = value, name
    device, ignored, provisioning = {}, [], {}
    for param, value in merged.items():
        if is_set_flag(param):
            continue
        if kind_of_name(param) != "device":
            provisioning[param] = value
        elif merged.get("device.set") == "1" and merged.get(f"{param}.set") == "1":
            device[param] = value
        else:
            ignored.append(param)
    overrides: dict[str, dict[str, str] | None] = {}
    for kind in ("phone", "web"):
        name = server.override_name(mac, kind)
        try:
            overrides[kind] = server.read(name)
        except CfgError as exc:
            messages.append(Message(f"Cannot read {name} ({exc.problem})"))
            overrides[kind] = None
    if read or any(v is not None for v in overrides.values()):
        messages.append(Message("Updating configuration"))
    return BootPlan(
        mac=mac,
        found=found,
        software=new_software,
        stays_in_updater=stays,
        master=master_name,
        files=tuple(read),
        missing=tuple(missing),
        provisioning=provisioning,
        device=device,
        ignored=tuple(ignored),
        sources=sources,
        local=overrides["phone"],
        web=overrides["web"],
        override_files=(server.override_name(mac, "phone"), server.override_name(mac, "web")),
        messages=tuple(messages),
    )


def apply_boot(config: Config, plan: BootPlan) -> None:
    """Install what the plan downloaded; every change reaches the config's listener."""
    server = plan.found.server if plan.found else None
    if server is not None:
        config.attach(server, plan.mac)
    else:
        config.detach()
    if plan.provisioning is not None:
        config.replace("provisioning", plan.provisioning, plan.sources)
    for param, value in plan.device.items():
        config.set("device", param, value, origin=plan.sources.get(param))
    for layer, params, name in zip(("local", "web"), (plan.local, plan.web), plan.override_files, strict=True):
        if params is not None:
            config.replace(layer, params, dict.fromkeys(params, name))
