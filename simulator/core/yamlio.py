"""The one YAML door for model and scenario files: safe, line-aware, strict, bounded.

Mappings remember the line of each key so that a semantic error can say `file:line: field: expected`.
Only `true`/`false` are booleans (a key or LED called `on`, `off`, `yes` or `no` stays a string),
integers are plain decimals (`0123` and `12:34` stay strings) and duplicate keys are rejected.
Nothing a file says can hang or crash a reader: files are regular and small, nesting is shallow,
aliases cannot multiply a file ("billion laughs"), and numbers are finite with a bounded length.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"

MAX_FILE_BYTES = 1_000_000  # the largest model is about 7 KB
MAX_DEPTH = 40  # levels of nested mappings and lists; models use about 6
MAX_VALUES = 100_000  # values in a file with every alias counted as a copy; models hold about 2,000
MAX_DIGITS = 15  # digits in a number: more cannot be a time, count or size
MAX_SHOWN = 60  # characters of a value quoted in a message


def cut(text: str, limit: int = MAX_SHOWN) -> str:
    """Text as a message quotes it: on one line and cut, so that a whole file is never echoed."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(value: Any) -> str:
    """A value's repr as a message quotes it, cut to MAX_SHOWN characters."""
    return cut(repr(value))


class DataError(Exception):
    """One clear line about a bad data file: `path:line: field: what was expected`."""

    def __init__(self, path: str | Path, line: int | None, field: str, expected: str) -> None:
        self.path = _shown_path(path)
        self.line = line
        self.field = cut(field, 120)
        self.expected = cut(expected, 400)
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {self.field}: {self.expected}" if field else f"{where}: {self.expected}")


def _shown_path(path: str | Path) -> str:
    """Paths relative to the working folder when they are inside it: shorter, clickable lines."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
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
    """Remembers the dotted field being built, so a bad number is reported at its field."""

    fields: list[str | int]

    def field(self) -> str:
        out = ""
        for part in getattr(self, "fields", []):
            out = f"{out}[{part}]" if isinstance(part, int) else f"{out}.{part}" if out else str(part)
        return out

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Values a tag cannot make (`!!int abc`) fail as one line at their field, not as a traceback."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise _value_error(self, node, f"a value YAML can read ({cut(str(exc))})") from None


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
            raise DataError(loader.name, line, loader.field(), "a mapping key must be a plain word or number")
        loader.fields.append(str(key))
        if key in data:
            raise DataError(loader.name, line, loader.field(), "each key only once (duplicate key)")
        data[key] = loader.construct_object(value_node, deep=True)
        loader.fields.pop()
        data.key_lines[key] = line
    return data


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> YList:
    data = YList()
    for i, child in enumerate(node.value):
        loader.fields.append(i)
        data.append(loader.construct_object(child, deep=True))
        loader.fields.pop()
    data.line = node.start_mark.line + 1
    data.path = loader.name
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    return data


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    digits = sum(ch.isalnum() for ch in node.value)
    if digits > MAX_DIGITS:
        raise _value_error(loader, node, f"a number of at most {MAX_DIGITS} digits, got {digits} digits")
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    value = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise _value_error(loader, node, f"a finite number, got {cut(node.value)}")
    return value


def _value_error(loader: _Loader, node: yaml.Node, expected: str) -> DataError:
    return DataError(loader.name, node.start_mark.line + 1, loader.field() or "(top)", f"expected {expected}")


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor(_INT, _construct_int)
_Loader.add_constructor(_FLOAT, _construct_float)

_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _check_shape(text: str, path: str | Path) -> None:
    """Depth and alias expansion from the event stream, before anything is built from it.

    libyaml's event parser keeps its own stack (no recursion), so this pass is safe on any input;
    composing nodes recurses in C and would crash the process on a file nested 50,000 levels deep.
    """
    sizes: dict[str, int] = {}  # anchor -> values it stands for, once its node is complete
    stack: list[list[Any]] = [[0, None]]  # [values so far, anchor] per open collection
    for event in yaml.parse(text, Loader=_BASE):
        line = event.start_mark.line + 1
        if isinstance(event, _OPEN):
            stack.append([1, event.anchor])
            if len(stack) - 1 > MAX_DEPTH:
                raise DataError(path, line, "", f"expected mappings and lists nested at most {MAX_DEPTH} levels deep")
            continue
        if isinstance(event, _CLOSE):
            count, anchor = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            count, anchor = 1, event.anchor
        elif isinstance(event, yaml.AliasEvent):
            if any(event.anchor == item[1] for item in stack):
                raise DataError(
                    path, line, "", f"expected no alias *{event.anchor} inside its own anchor &{event.anchor}"
                )
            count, anchor = sizes.get(event.anchor, 1), None
        else:
            continue
        if anchor is not None:
            sizes[anchor] = count
        stack[-1][0] += count
        if stack[-1][0] > MAX_VALUES:
            raise DataError(
                path,
                line,
                "",
                f"expected at most {MAX_VALUES:,} values, every alias counted as a copy (an alias bomb?)",
            )


def load_text(text: str, path: str | Path) -> Any:
    try:
        _check_shape(text, path)
        loader = _Loader(text)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path) from None
    loader.name = str(path)
    loader.fields = []
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path) from None
    except RecursionError:  # cannot happen within MAX_DEPTH; one line rather than a traceback if it does
        raise DataError(path, None, "", f"expected mappings and lists nested at most {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.YAMLError, path: str | Path) -> DataError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return DataError(path, None, "", f"valid YAML: {exc}")
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or exc.context or "invalid YAML"
    hint = ""
    if any(w in problem for w in ("alias", "anchor", "alphabetic or numeric")):
        hint = " (quote '*' and '&' as '\"*\"')"
    return DataError(path, line, "", f"valid YAML: {problem}{hint}")


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def read_text(path: str | Path) -> str:
    """A data file's text: a regular file, at most MAX_FILE_BYTES, UTF-8; otherwise one DataError line.

    The file is opened without blocking and checked before it is read, so a FIFO or a device
    given by mistake is refused at once instead of waiting forever for a writer.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DataError(path, None, "", _open_problem(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "something that is not a regular file")
            raise DataError(path, None, "", f"expected a YAML file, got {kind}")
        data = _read_at_most(fd, MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataError(path, None, "", _open_problem(exc)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise DataError(path, None, "", f"expected a file of at most {MAX_FILE_BYTES / 1e6:g} MB, this one is larger")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            path, line, "", f"the file must be UTF-8 text: byte 0x{data[exc.start]:02x} at column {column} is not UTF-8"
        ) from None


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _open_problem(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "the file does not exist"
    if exc.errno == errno.EISDIR:
        return "expected a YAML file, got a folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "the file cannot be read (permission denied)"
    return f"a readable file ({exc.strerror or exc})"


def load_file(path: str | Path) -> Any:
    return load_text(read_text(path), path)
