"""Typed reads from line-aware YAML data; every failure is one DataError naming file, line and field.

Numbers are range-checked here, at the door, so that no time or count in a file can overflow,
hang or silently mean nonsense further in (a countdown of -3 s, a wait of a year, a million fingers).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from simulator.core.yamlio import DataError, YDict, YList, shown

_MISSING = object()
MAX_SECONDS = 86_400  # a day: every time in a model or scenario is far shorter
MAX_NUMBER = 1_000_000  # sizes in millimetres or pixels, frequencies, counts
MAX_FINGERS = 10  # fingers on a touch screen at once


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (an empty value, or an unquoted '#')"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {shown(value)}"


def _origin(data: YDict, key: Any, fallback: str | Path) -> str | Path:
    """The file a value came from: a model inherits fields from the bases it `extends`."""
    return data.path_of(key) if isinstance(data, YDict) and data.path_of(key) else fallback


class Node:
    """A value at a known place in a file: `field` is its dotted path, `line` where it stands."""

    def __init__(self, value: Any, path: str | Path, field: str = "", line: int = 0) -> None:
        self.value = value
        self.path = path
        self.field = field
        self.line = line or getattr(value, "line", 0)

    def fail(self, expected: str) -> DataError:
        return DataError(self.path, self.line, self.field or "(top)", expected)

    def _child_field(self, name: str | int) -> str:
        if isinstance(name, int):
            return f"{self.field}[{name}]"
        return f"{self.field}.{name}" if self.field else str(name)

    # -- containers ----------------------------------------------------------------------------
    def mapping(self) -> YDict:
        if not isinstance(self.value, dict):
            raise self.fail(f"expected a mapping, got {_type_name(self.value)}")
        return self.value

    def has(self, key: str) -> bool:
        return key in self.mapping()

    def get(self, key: str, default: Any = _MISSING) -> Node:
        data = self.mapping()
        if key not in data:
            if default is _MISSING:
                raise DataError(self.path, self.line, self._child_field(key), "is required")
            return Node(default, self.path, self._child_field(key), self.line)
        return Node(data[key], _origin(data, key, self.path), self._child_field(key), data.line_of(key))

    def items(self) -> Iterator[tuple[str, Node]]:
        data = self.mapping()
        for key, value in data.items():
            yield str(key), Node(value, _origin(data, key, self.path), self._child_field(str(key)), data.line_of(key))

    def seq(self) -> list[Node]:
        if not isinstance(self.value, list):
            raise self.fail(f"expected a list, got {_type_name(self.value)}")
        items = self.value
        if not isinstance(items, YList):
            return [Node(v, self.path, self._child_field(i), self.line) for i, v in enumerate(items)]
        return [
            Node(v, items.path_of(i) or self.path, self._child_field(i), items.line_of(i)) for i, v in enumerate(items)
        ]

    def only(self, *allowed: str) -> Node:
        """Reject unknown fields, so a typo is an error rather than a silently ignored setting."""
        data = self.mapping()
        for key in data:
            if key not in allowed:
                raise DataError(
                    _origin(data, key, self.path),
                    data.line_of(key),
                    self._child_field(str(key)),
                    f"unknown field; expected one of {', '.join(allowed)}",
                )
        return self

    # -- scalars -------------------------------------------------------------------------------
    def str(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            hint = " (quote '#' and '*')" if self.value is None else ""
            raise self.fail(f"expected a non-empty text, got {_type_name(self.value)}{hint}")
        return self.value

    def text(self) -> str:
        """Any text, empty allowed (a blank key label)."""
        if not isinstance(self.value, str):
            raise self.fail(f"expected a text, got {_type_name(self.value)}")
        return self.value

    def opt_str(self) -> str | None:
        return None if self.value is None else self.str()

    def boolean(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail(f"expected true or false, got {_type_name(self.value)}")
        return self.value

    def number(self, *, minimum: float = 0.0, maximum: float = MAX_NUMBER, unit: str = "") -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise self.fail(f"expected a number{unit}, got {_type_name(self.value)}")
        if not (math.isfinite(self.value) and minimum <= self.value <= maximum):
            raise self.fail(f"expected a number{unit} from {minimum:g} to {maximum:g}, got {self.value}")
        return float(self.value)

    def seconds_ms(self, *, minimum: float = 0.0, maximum: float = MAX_SECONDS) -> int:
        """Seconds in the file, integer milliseconds inside: converted once, at the door."""
        return round(self.number(minimum=minimum, maximum=maximum, unit=" of seconds") * 1000)

    def integer(self, *, minimum: int = 0, maximum: int = MAX_NUMBER) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail(f"expected a whole number, got {_type_name(self.value)}")
        if not minimum <= self.value <= maximum:
            raise self.fail(f"expected a whole number from {minimum} to {maximum}, got {self.value}")
        return self.value

    def choice(self, choices: tuple[str, ...] | frozenset[str]) -> str:
        value = self.str()
        if value not in choices:
            raise self.fail(f"expected one of {', '.join(sorted(choices))}, got {shown(value)}")
        return value

    def numbers(self, count: int, what: str) -> tuple[float, ...]:
        items = self.value
        if not isinstance(items, list) or len(items) != count:
            raise self.fail(f"expected {what}, got {_type_name(items)}")
        for item in items:
            if isinstance(item, bool) or not isinstance(item, int | float):
                raise self.fail(f"expected {what}, got {_type_name(item)} in it")
            if not (math.isfinite(item) and abs(item) <= MAX_NUMBER):
                raise self.fail(f"expected {what}, each from {-MAX_NUMBER:g} to {MAX_NUMBER:g}, got {item} in it")
        return tuple(float(v) for v in items)

    def strings(self) -> tuple[str, ...]:
        return tuple(node.str() for node in self.seq())
