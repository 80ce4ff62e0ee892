"""The XML-ish configuration files phones read and write: every `param="value"` attribute is a setting.

A phone does not care which element a parameter sits in (`<device device.set="1"/>`, `<lcl .../>`),
so the parser flattens the document into one ordered mapping, and the writer groups parameters by
their first name segment the way the UC Software templates do. Master files (`000000000000.cfg`)
use the same form with upper-case attributes: APP_FILE_PATH, CONFIG_FILES, OVERRIDES_DIRECTORY.
Forms: UCS-TEMPLATES (poly-procedures-2.md), master-config.cfg of the same repository.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from itertools import groupby
from xml.sax.saxutils import quoteattr

from simulator.core.parameters import valid_name

XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
#: Characters XML 1.0 can carry at all; anything else cannot be written to a file the phone reads.
_XML_CHARS = re.compile("^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")
#: Written as character references so a parser hands them back unchanged (attribute normalisation).
_ENTITIES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
#: Master files carry upper-case attributes (APP_FILE_PATH, CONFIG_FILES, OVERRIDES_DIRECTORY, ...).
MASTER_ATTRIBUTE = re.compile(r"^[A-Z][A-Z0-9_]*$")


class CfgError(ValueError):
    """A configuration file the phone cannot read: `name: line N: problem`."""

    def __init__(self, name: str, line: int | None, problem: str) -> None:
        self.name = name
        self.line = line
        self.problem = problem
        super().__init__(f"{name}: line {line}: {problem}" if line else f"{name}: {problem}")


def writable(value: str) -> bool:
    return bool(_XML_CHARS.match(value))


def parse_cfg(text: str, name: str = "configuration file") -> dict[str, str]:
    """Every attribute of every element, in document order; the first occurrence of a name wins."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise CfgError(name, line, f"not a well-formed configuration file ({_problem(exc)})") from None
    params: dict[str, str] = {}
    for element in root.iter():
        for attr, value in element.attrib.items():
            if ":" in attr or attr.startswith("{"):  # xmlns:xsi and friends are no settings
                continue
            params.setdefault(attr, value)
    return params


def _problem(exc: ET.ParseError) -> str:
    return str(exc).split(":")[0]


def write_cfg(params: Mapping[str, str], comment: str | None = None) -> str:
    """A file the parser reads back to exactly `params`; refuses names and values a phone could not read."""
    for name, value in params.items():
        _check(name, value)
    lines = [XML_HEADER]
    if comment:
        lines.append(f"<!-- {comment.replace('--', '- -')} -->")
    lines.append("<polycomConfig>")
    for head, group in groupby(params.items(), key=lambda item: item[0].split(".")[0]):
        attrs = " ".join(f"{name}={_quote(value)}" for name, value in group)
        lines.append(f"  <{head} {attrs}/>")
    lines.append("</polycomConfig>")
    return "\n".join(lines) + "\n"


def write_master(attrs: Mapping[str, str]) -> str:
    """A master configuration file (`000000000000.cfg` or `<mac>.cfg`): APP_FILE_PATH, CONFIG_FILES, ..."""
    for name, value in attrs.items():
        if not MASTER_ATTRIBUTE.match(name) or not isinstance(value, str) or not writable(value):
            raise ValueError(f"cannot write {name}={value!r} in a master configuration file")
    body = "".join(f"\n  {name}={_quote(value)}" for name, value in attrs.items())
    return f'<?xml version="1.0" standalone="yes"?>\n<APPLICATION{body}/>\n'


def config_file_list(master: Mapping[str, str], mac: str) -> list[str]:
    """CONFIG_FILES of a master file, in order, with `[PHONE_MAC_ADDRESS]` filled in."""
    listed = master.get("CONFIG_FILES", "").replace("[PHONE_MAC_ADDRESS]", mac)
    return [name.strip() for name in listed.split(",") if name.strip()]


def _check(name: str, value: str) -> None:
    if not valid_name(name):
        raise ValueError(f"cannot write {name!r} as a configuration parameter (letters, digits, dots)")
    if not isinstance(value, str) or not writable(value):
        raise ValueError(f"cannot write {name}={value!r}: not text a configuration file can hold")


def _quote(value: str) -> str:
    return quoteattr(value, _ENTITIES)
