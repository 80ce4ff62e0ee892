"""The one YAML door for model and scenario files: safe, line-aware, strict about YAML 1.1 traps.

Mappings remember the line of each key so that a semantic error can say `file:line: field: expected`.
Only `true`/`false` are booleans (a key or LED called `on`, `off`, `yes` or `no` stays a string),
integers are plain decimals (`0123` and `12:34` stay strings) and duplicate keys are rejected.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class DataError(Exception):
    """One clear line about a bad data file: `path:line: field: what was expected`."""

    def __init__(self, path: str | Path, line: int | None, field: str, expected: str) -> None:
        self.path = _shown(path)
        self.line = line
        self.field = field
        self.expected = expected
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {field}: {expected}" if field else f"{where}: {expected}")


def _shown(path: str | Path) -> str:
    """Paths relative to the working folder when they are inside it: shorter, clickable lines."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class YDict(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    path: str = ""
    key_lines: dict[Any, int]
    key_paths: dict[Any, str]

    def line_of(self, key: Any) -> int:
        return getattr(self, "key_lines", {}).get(key, self.line)

    def path_of(self, key: Any) -> str:
        return getattr(self, "key_paths", {}).get(key, self.path)


class YList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    path: str = ""
    item_lines: list[int]
    item_paths: list[str]

    def line_of(self, index: int) -> int:
        lines = getattr(self, "item_lines", [])
        return lines[index] if index < len(lines) else self.line

    def path_of(self, index: int) -> str:
        paths = getattr(self, "item_paths", [])
        return paths[index] if index < len(paths) else self.path


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    pass


def _strict_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    kept = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    extra = [
        (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
        (_INT, re.compile(r"^-?(?:0|[1-9][0-9]*)$"), "-0123456789"),
        (_FLOAT, re.compile(r"^-?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), "-.0123456789"),
    ]
    for tag, rx, firsts in extra:
        for ch in firsts:
            kept.setdefault(ch, []).append((tag, rx))
    return kept


_Loader.yaml_implicit_resolvers = _strict_resolvers()


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> YDict:
    loader.flatten_mapping(node)
    data = YDict()
    data.line = node.start_mark.line + 1
    data.path = loader.name
    data.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int | float | bool) or key is None:
            raise DataError(loader.name, line, "", "a mapping key must be a plain word or number")
        if key in data:
            raise DataError(loader.name, line, str(key), "each key only once (duplicate key)")
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = line
    return data


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> YList:
    data = YList(loader.construct_object(child, deep=True) for child in node.value)
    data.line = node.start_mark.line + 1
    data.path = loader.name
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    return data


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def load_text(text: str, path: str | Path) -> Any:
    loader = _Loader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        hint = ""
        if any(w in problem for w in ("alias", "anchor", "alphabetic or numeric")):
            hint = " (quote '*' and '&' as '\"*\"')"
        raise DataError(path, line, "", f"valid YAML: {problem}{hint}") from None
    except yaml.YAMLError as exc:
        raise DataError(path, None, "", f"valid YAML: {exc}") from None
    finally:
        loader.dispose()


def load_file(path: str | Path) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(path, None, "", f"a readable file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise DataError(path, None, "", "a UTF-8 text file") from None
    return load_text(text, path)
