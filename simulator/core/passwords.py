"""What a prompt accepts: the admin password anywhere, the MAC address at the reset prompt only.

Also the two values a phone is made with that a user types: its MAC address and software version.
"""

from __future__ import annotations

import re

from simulator.core.model import Model, parse_version

_MAC = re.compile(r"^[0-9a-fA-F]{2}([-:]?)(?:[0-9a-fA-F]{2}\1){4}[0-9a-fA-F]{2}$")
DEFAULT_MAC = "0004f2aa814c"


def normalise_mac(text: str) -> str:
    """`00-04-F2-AA-81-4C`, `0004F2AA814C`, `00:04:f2:aa:81:4c` -> `0004f2aa814c`."""
    if not _MAC.match(text.strip()):
        raise ValueError(f"not a MAC address: {text[:40]!r} (expected 12 hex digits, e.g. 00-04-F2-AA-81-4C)")
    return re.sub(r"[-:]", "", text.strip()).lower()


def mac_as_typed(mac: str, case: str) -> str:
    """The MAC as the reset prompt wants it typed (`any` case: lower, the FAQ's reading)."""
    return mac.upper() if case == "upper" else mac.lower()


def accepts(typed: str, *, admin: str, mac: str, mac_case: str, reset_prompt: bool) -> bool:
    """Setup and the Advanced menu want the admin password itself; the reset prompt also takes the MAC."""
    if typed and typed == admin:
        return True
    if not reset_prompt:
        return False
    if mac_case == "any":
        return typed.lower() == mac
    return typed == mac_as_typed(mac, mac_case)


def check_software(model: Model, text: str) -> str:
    """The version as given, if the model runs it; otherwise a ValueError that says why."""
    version = parse_version(str(text))
    if version is None:
        raise ValueError(f"not a software version: {str(text)[:40]!r} (expected e.g. '6.4.3')")
    sw = model.software
    if sw.minimum and version < parse_version(sw.minimum):  # type: ignore[operator]
        raise ValueError(f"{model.name} does not run software {text} (oldest: {sw.minimum})")
    if sw.maximum and version > parse_version(sw.maximum):  # type: ignore[operator]
        raise ValueError(f"{model.name} does not run software {text} (newest: {sw.maximum})")
    return str(text)
