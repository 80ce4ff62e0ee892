"""The configuration side of scenarios: the `server:` header, the `server:` step that changes the server
mid-scenario, and the expectations on settings and server files.

```yaml
server: {found_by: dhcp_option_66, files: {site.cfg: {...}}}     # header (server_setup.parse_server)
steps:
  - server: {remove_file: site.cfg}                               # a step (parse_server_change)
  - expect: {setting: {lcl.ml.lang: Deutsch}, setting_source: {lcl.ml.lang: local},
             unset: [up.backlight.onIntensity], server_file: {"[PHONE_MAC_ADDRESS]-phone.cfg": present}}
```
"""

from __future__ import annotations

from typing import Any

from simulator.core import LAYERS, Node, Phone, Snapshot, default_catalog, parse_server_change

#: Expectations on the configuration and the server (besides `config`, the older name of `setting`).
CONFIG_EXPECTS = ("setting", "setting_source", "unset", "server_file")
FILE_STATES = ("present", "absent")
MAC_FIELD = "[PHONE_MAC_ADDRESS]"
OLD_PROVISIONING = (
    "the provisioning: header was replaced by the server: block, e.g. server: {found_by: dhcp_option_66, "
    'files: {site.cfg: {device.set: "1", PARAM: VALUE, PARAM.set: "1"}}} (see README, The server: block)'
)


def _text(node: Node) -> str:
    if isinstance(node.value, bool) or not isinstance(node.value, str | int | float):
        raise node.fail(f"expected a text or a number, got {type(node.value).__name__}")
    return str(node.value)


def _param(name: str, node: Node) -> str:
    problem = default_catalog().problem(name, "")
    if problem:
        raise node.fail(problem)
    return name


def check_config_expect(node: Node, name: str) -> Any:
    """The expectation's value as the runner uses it; a bad one fails at the door with one line."""
    catalog = default_catalog()
    if name == "setting":
        out = {}
        for param, value in node.items():
            text = _text(value)
            if problem := catalog.problem(_param(param, value), text):
                raise value.fail(f"{param}: {problem}")
            out[param] = text
        return out
    if name == "setting_source":
        return {_param(param, value): value.choice(LAYERS) for param, value in node.items()}
    if name == "unset":
        items = node.seq() if isinstance(node.value, list) else [node]
        return tuple(_param(item.str(), item) for item in items)
    files = {}
    for file_name, value in node.items():
        if not file_name.strip():
            raise value.fail("expected a file name such as site.cfg")
        files[file_name] = value.choice(FILE_STATES)
    return files


def parse_server_step(node: Node, has_server: bool) -> Any:
    """`server: {remove_file: NAME}` and the other changes of server_setup.CHANGES."""
    if not has_server:
        raise node.fail("expected a server: block in the header: the step changes that server")
    return parse_server_change(node)


def _row(snap: Snapshot, param: str) -> tuple[str | None, str | None]:
    for name, value, layer in snap.config:
        if name == param:
            return value, layer
    return None, ("factory" if param in default_catalog() else None)


def config_problems(name: str, wanted: Any, snap: Snapshot, phone: Phone) -> list[str]:
    """What does not hold of one configuration expectation, one phrase each."""
    problems = []
    if name == "setting":
        for param, value in wanted.items():
            got = _row(snap, param)[0]
            if got != value:
                problems.append(f"setting {param}: expected {value!r}, got {got!r}")
    elif name == "setting_source":
        for param, layer in wanted.items():
            got = _row(snap, param)[1]
            if got != layer:
                problems.append(f"setting_source {param}: expected {layer!r}, got {got!r}")
    elif name == "unset":
        for param in wanted:
            value, layer = _row(snap, param)
            if layer not in ("factory", None):
                problems.append(f"unset {param}: the {layer} layer holds {value!r}")
    elif name == "server_file":
        server = phone.server
        for file_name, state in wanted.items():
            real = file_name.replace(MAC_FIELD, phone.mac)
            got = "present" if server is not None and server.has(real) else "absent"
            if got != state:
                problems.append(f"server_file {real}: expected {state}, got {got}")
    return problems
