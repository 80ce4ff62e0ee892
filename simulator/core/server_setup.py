"""The `server:` block of a scenario header, and the mid-scenario changes to it, checked at the door.

```yaml
server:
  address: http://prov.example.com      # optional
  found_by: dhcp_option_66              # static | dhcp_option_66 | dhcp_option_160 | ztp, or a list
  software: "6.4.3"                     # optional: sip.ld holds it; or {FILE: VERSION, ...}
  files:                                # optional; [PHONE_MAC_ADDRESS] in a name is the phone's MAC
    site.cfg: {device.set: "1", device.auth.localAdminPassword: "8675309", device.auth.localAdminPassword.set: "1"}
    "[PHONE_MAC_ADDRESS]-phone.cfg": {lcl.ml.lang: Deutsch}
```

Without a master file among `files`, the server gets a `000000000000.cfg` listing the others in
order (and `sip.ld` when there is software). A file may also be given as the text of a real
configuration file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from simulator.core.cfgfile import MASTER_ATTRIBUTE, CfgError, parse_cfg, write_cfg, write_master
from simulator.core.model import parse_version
from simulator.core.parameters import ParameterCatalog, default_catalog
from simulator.core.provisioning import DEFAULT_APP_FILE, MASTER_FILE, METHODS, Discovery, ProvisioningServer
from simulator.core.validate import Node

DEFAULT_ADDRESS = "http://provisioning.example.com"
MAC_FIELD = "[PHONE_MAC_ADDRESS]"
#: Things a scenario step can do to the server and the network while the scenario runs.
CHANGES = ("remove_file", "put_file", "add_software", "remove_software", "disable_dhcp_option", "clear_ztp")
_FILE_NAME = re.compile(r"^[A-Za-z0-9_.\-\[\]/]+\.cfg$")
_APP_NAME = re.compile(r"^[A-Za-z0-9_.\-/]+$")
_MAC_MASTER = re.compile(r"^(?:[0-9a-fA-F]{12}|\[PHONE_MAC_ADDRESS\])\.cfg$")
_OVERRIDE = re.compile(r"-(?:phone|web)\.cfg$")


@dataclass
class Environment:
    """What the engine holds for one phone: the server, the network it is found on, and the device
    settings the phone must already have (a static address was typed in before the scenario)."""

    server: ProvisioningServer
    discovery: Discovery
    device_settings: dict[str, str] = field(default_factory=dict)
    mac: str = ""


@dataclass(frozen=True)
class ServerSetup:
    address: str
    found_by: tuple[str, ...]
    files: tuple[tuple[str, str], ...]
    software: tuple[tuple[str, str], ...]
    line: int = 0

    def build(self, mac: str) -> Environment:
        """The server and network for the phone with this MAC (12 lower-case hex digits)."""
        server = ProvisioningServer(
            self.address, {name.replace(MAC_FIELD, mac): text for name, text in self.files}, dict(self.software)
        )
        discovery = Discovery()
        discovery.add(server)
        device: dict[str, str] = {}
        for method in self.found_by:
            if method == "static":
                device["device.prov.serverName"] = self.address
            elif method == "ztp":
                discovery.ztp[mac] = self.address
            else:
                discovery.dhcp_options[int(method.removeprefix("dhcp_option_"))] = self.address
        return Environment(server, discovery, device, mac)


def parse_server(node: Node, catalog: ParameterCatalog | None = None) -> ServerSetup:
    """Read a `server:` block; a mistake raises one DataError line naming the field."""
    catalog = catalog or default_catalog()
    node.only("address", "found_by", "software", "files")
    found_node = node.get("found_by")
    found_nodes = found_node.seq() if isinstance(found_node.value, list) else [found_node]
    found_by = tuple(n.choice(METHODS) for n in found_nodes)
    if len(set(found_by)) != len(found_by):
        raise found_node.fail("expected each method once")
    software = _software(node.get("software", {}))
    files = [(name, _file(name, f, catalog)) for name, f in node.get("files", {}).items()]
    if not any(_MAC_MASTER.match(name) or name == MASTER_FILE for name, _ in files):
        listed = [name for name, _ in files if not _OVERRIDE.search(name)]
        app = DEFAULT_APP_FILE if DEFAULT_APP_FILE in software else next(iter(software), "")
        master = {"APP_FILE_PATH": app, "CONFIG_FILES": ", ".join(listed)}
        files.insert(0, (MASTER_FILE, write_master(master)))
    return ServerSetup(
        address=node.get("address", DEFAULT_ADDRESS).str(),
        found_by=found_by,
        files=tuple(files),
        software=tuple(software.items()),
        line=node.line,
    )


def _software(node: Node) -> dict[str, str]:
    if isinstance(node.value, dict):
        return {_app_name(name, n): _version(n) for name, n in node.items()}
    return {DEFAULT_APP_FILE: _version(node)}


def _version(node: Node) -> str:
    if isinstance(node.value, float):
        raise node.fail(f'expected a quoted version such as "6.4.3", got {node.value!r}')
    text = node.str()
    if parse_version(text) is None:
        raise node.fail(f'expected a version such as "6.4.3", got {text!r}')
    return text


def _file_name(name: str, node: Node) -> str:
    if not _FILE_NAME.match(name):
        raise node.fail("expected a file name such as site.cfg (letters, digits, . - _ /)")
    return name


def _app_name(name: str, node: Node) -> str:
    if not _APP_NAME.match(name):
        raise node.fail("expected an application file name such as sip.ld (letters, digits, . - _ /)")
    return name


def _file(name: str, node: Node, catalog: ParameterCatalog) -> str:
    """The file's text as the server holds it, checked the way a phone would read it."""
    _file_name(name, node)
    master = bool(_MAC_MASTER.match(name)) or name == MASTER_FILE
    if isinstance(node.value, str):
        try:
            params = parse_cfg(node.value, name)
        except CfgError as exc:
            where = f" (line {exc.line} of the file)" if exc.line else ""
            raise node.fail(f"expected a configuration file a phone can read: {exc.problem}{where}") from None
        if not master:
            for param, value in params.items():
                if problem := catalog.problem(param, value):
                    raise node.fail(f"{param}: {problem}")
        return node.value
    params = {param: _value(n) for param, n in node.items()}
    for param, n in node.items():
        problem = _master_problem(param) if master else catalog.problem(param, params[param])
        if problem:
            raise n.fail(problem)
    return write_master(params) if master else write_cfg(params)


def _master_problem(name: str) -> str | None:
    if MASTER_ATTRIBUTE.match(name):
        return None
    return "expected a master file attribute such as CONFIG_FILES or APP_FILE_PATH"


def _value(node: Node) -> str:
    if isinstance(node.value, int) and not isinstance(node.value, bool):
        return str(node.value)
    if isinstance(node.value, float | bool):
        raise node.fail(f"expected a quoted value (configuration values are text), got {node.value!r}")
    return node.text()


# -- changes while a scenario runs ----------------------------------------------------------------


@dataclass(frozen=True)
class ServerChange:
    """One step's change to the server or the network; `apply` says what it did, for the log."""

    action: str
    name: str = ""
    text: str = ""
    number: int | None = None

    def apply(self, env: Environment) -> str:
        name = self.name.replace(MAC_FIELD, env.mac)
        if self.action == "remove_file":
            return f"removed {name}" if env.server.remove(name) else f"{name} was not on the server"
        if self.action == "put_file":
            env.server.put(name, self.text)
            return f"wrote {name}"
        if self.action == "add_software":
            env.server.add_software(self.text, name)
            return f"{name} now holds UC Software {self.text}"
        if self.action == "remove_software":
            return f"removed {name}" if env.server.remove_software(name) else f"{name} was not on the server"
        if self.action == "disable_dhcp_option":
            gone = env.discovery.disable_dhcp_option(self.number)
            offered = ", ".join(map(str, gone))
            return f"DHCP no longer offers option {offered}" if gone else "DHCP offered no such option"
        gone = env.discovery.clear_ztp(env.mac)
        return "ZTP no longer knows this phone" if gone else "ZTP did not know this phone"


def parse_server_change(node: Node, catalog: ParameterCatalog | None = None) -> ServerChange:
    """One of `{remove_file: NAME}`, `{put_file: {NAME: FILE}}`, `{add_software: VERSION | {FILE: VERSION}}`,
    `{remove_software: FILE}`, `{disable_dhcp_option: 66 | 160 | all}`, `{clear_ztp: true}`."""
    node.only(*CHANGES)
    if len(node.mapping()) != 1:
        raise node.fail(f"expected one change: {', '.join(CHANGES)}")
    action, arg = next(node.items())
    if action == "remove_file":
        return ServerChange(action, _file_name(arg.str(), arg))
    if action == "remove_software":
        return ServerChange(action, _app_name(arg.str(), arg))
    if action == "put_file":
        files = list(arg.items())
        if len(files) != 1:
            raise arg.fail("expected one file: {NAME: {PARAM: VALUE, ...}}")
        name, file_node = files[0]
        return ServerChange(action, name, _file(name, file_node, catalog or default_catalog()))
    if action == "add_software":
        software = _software(arg)
        if len(software) != 1:
            raise arg.fail("expected one version, or one {FILE: VERSION}")
        ((path, version),) = software.items()
        return ServerChange(action, path, version)
    if action == "disable_dhcp_option":
        if arg.value == "all":
            return ServerChange(action)
        number = arg.integer(minimum=1) if isinstance(arg.value, int) else None
        if number not in (66, 160):
            raise arg.fail(f"expected 66, 160 or all, got {arg.value!r}")
        return ServerChange(action, number=number)
    if arg.value is not True:
        raise arg.fail("expected true")
    return ServerChange(action)
