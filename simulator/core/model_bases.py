"""Model files and their bases (`extends:`): each file read once, each file's bases merged once.

A base is named, never given as a path: `extends: [_vvx, _conflicts]` reads `_vvx.yaml` and
`_conflicts.yaml` of the same folder and nothing outside it. Chains are short and acyclic.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from simulator.core.validate import Node
from simulator.core.yamlio import DataError, YDict, YList, load_file, shown

#: Top-level lists that merge item by item (by `id`) with a base; every other list replaces the base's.
MERGED_LISTS = ("keys", "leds", "procedures", "options")
MAX_BASES_DEEP = 16  # a model and its chain of bases; the deepest today is 4
T = TypeVar("T")
_BASE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


class ModelFiles:
    """The YAML files of one folder; parsed data and merged data are cached, and so are their errors."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._parsed: dict[Path, Any] = {}  # path -> data or DataError
        self._merged: dict[str, Any] = {}  # name -> (data, files in its chain of bases) or DataError

    def path(self, name: str) -> Path:
        return self.directory / f"{name}.yaml"

    def parsed(self, path: Path) -> Any:
        """A file's data as parsed, once."""
        return cached(self._parsed, path, lambda: load_file(path))

    def merged(self, name: str) -> YDict:
        """The file's data with every base merged in (bases first, in the order `extends:` names them)."""
        return self._merged_deep(name, ())[0]

    def _merged_deep(self, name: str, chain: tuple[str, ...]) -> tuple[YDict, int]:
        return cached(self._merged, name, lambda: self._merge_bases(name, chain))

    def _merge_bases(self, name: str, chain: tuple[str, ...]) -> tuple[YDict, int]:
        path = self.path(name)
        data = self.parsed(path)
        node = Node(data, path)
        node.mapping()
        check_ids_once(node)
        merged: Any = YDict()
        deep = 1
        for base, base_node in self._bases(node):
            if base in chain or base == name:
                cycle = " -> ".join((*chain, name, base))
                raise base_node.fail(f"expected no cycle of bases, got {cycle}")
            if len(chain) + 2 > MAX_BASES_DEEP:
                raise base_node.fail(f"expected at most {MAX_BASES_DEEP} files in a chain of bases (extends:)")
            base_data, base_deep = self._merged_deep(base, (*chain, name))
            if base_deep + 1 > MAX_BASES_DEEP:
                raise base_node.fail(f"expected at most {MAX_BASES_DEEP} files in a chain of bases (extends:)")
            deep = max(deep, base_deep + 1)
            merged = merge(merged, base_data)
        merged = merge(merged, data)
        merged.pop("extends", None)
        return merged, deep

    def _bases(self, node: Node) -> list[tuple[str, Node]]:
        if not node.has("extends"):
            return []
        ext = node.get("extends")
        items = [ext] if isinstance(ext.value, str) else ext.seq()
        out = []
        for item in items:
            base = item.str()
            if not _BASE_NAME.fullmatch(base):
                raise item.fail(
                    f"expected the name of a base in {self.directory.name}/ (letters, digits, - and _; "
                    f"no folders or paths), got {shown(base)}"
                )
            if not self.path(base).exists():
                raise item.fail(f"expected the name of a file in {self.directory.name}/, no {base}.yaml")
            out.append((base, item))
        return out


def cached(cache: dict[Any, Any], key: Any, make: Callable[[], T]) -> T:
    """The value made once for `key`; a DataError is kept as well and raised again on every later ask."""
    if key not in cache:
        try:
            cache[key] = make()
        except DataError as exc:
            cache[key] = exc.with_traceback(None)  # keeps no frames (nor the data they hold) alive
    found = cache[key]
    if isinstance(found, DataError):
        raise found.with_traceback(None)
    return found


def check_ids_once(root: Node) -> None:
    """Two items with one id in the same file would be merged into one without a word: refuse them."""
    for field in MERGED_LISTS:
        if not root.has(field) or not isinstance(root.mapping()[field], list):
            continue
        first: dict[Any, int] = {}
        for item in root.get(field).seq():
            if not isinstance(item.value, dict) or not isinstance(item.value.get("id"), str | int):
                continue
            id_node = item.get("id")
            if id_node.value in first:
                raise id_node.fail(
                    f"expected each id once in a file, {shown(id_node.value)} is also at line {first[id_node.value]}"
                )
            first[id_node.value] = id_node.line


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value)


def merge(base: Any, over: Any, field: str = "") -> Any:
    """Mappings merge key by key; the MERGED_LISTS merge by id (`remove: true` drops an item).

    Neither input is changed, so merged data can be cached and shared.
    """
    if isinstance(base, dict) and isinstance(over, dict):
        out = YDict()
        out.line, out.path = getattr(over, "line", 0), getattr(over, "path", "")
        out.key_lines, out.key_paths = {}, {}
        for src in (base, over):
            for key, value in src.items():
                nested = key if not field else f"{field}.{key}"
                out[key] = merge(out[key], value, nested) if src is over and key in out else value
                out.key_lines[key] = src.line_of(key) if isinstance(src, YDict) else 0
                out.key_paths[key] = src.path_of(key) if isinstance(src, YDict) else ""
        return out
    if field in MERGED_LISTS and _is_id_list(base) and _is_id_list(over):
        items: list[Any] = list(base)
        lines = [base.line_of(i) for i in range(len(base))]
        paths = [base.path_of(i) for i in range(len(base))]
        for i, item in enumerate(over):
            ids = [x["id"] for x in items]
            if item["id"] in ids:
                at = ids.index(item["id"])
                if item.get("remove") is True:
                    del items[at], lines[at], paths[at]
                    continue
                items[at] = merge(items[at], item, f"{field}[]")
                lines[at], paths[at] = over.line_of(i), over.path_of(i)
            elif item.get("remove") is not True:
                items.append(item)
                lines.append(over.line_of(i))
                paths.append(over.path_of(i))
        out_list = YList(items)
        out_list.line, out_list.path = over.line, over.path
        out_list.item_lines, out_list.item_paths = lines, paths
        return out_list
    return over
