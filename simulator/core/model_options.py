"""Options: where the sources disagree, the model file names the readings and a scenario picks one."""

from __future__ import annotations

import copy
from typing import Any

from simulator.core.model import CONFIDENCE, Option
from simulator.core.validate import Node
from simulator.core.yamlio import YList, shown


def read_option(node: Node, root: Node) -> Option:
    """One field (`path`), or several at once (`variants`: per named choice, path -> value)."""
    node.only("id", "path", "choices", "variants", "source", "confidence", "notes")
    choice_nodes = node.get("choices").seq()
    if len(choice_nodes) < 2:
        raise node.get("choices").fail("expected at least two choices")
    choices = tuple(plain(c.value) for c in choice_nodes)
    variants: dict[str, dict[str, Any]] = {}
    if node.has("variants"):
        if node.has("path"):
            raise node.get("path").fail("expected either path: or variants:, not both")
        default = choice_nodes[0].str()
        for name, changes in node.get("variants").items():
            if name not in choices or name == default:
                raise changes.fail(f"expected a choice other than the default {shown(default)}")
            for dotted, _ in changes.items():
                locate(root, dotted, changes, create=True)
            variants[name] = {k: plain(v) for k, v in changes.mapping().items()}
        path = ""
    else:
        path = node.get("path").str()
        container, key = locate(root, path, node)
        default = plain(container[key])  # among the choices: see check_defaults
    return Option(
        id=node.get("id").str(),
        path=path,
        default=default,
        choices=choices,
        variants=variants,
        source=node.get("source").str(),
        confidence=node.get("confidence").choice(CONFIDENCE),
        notes=node.get("notes", "").value or "",
    )


def plain(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(plain(v) for v in value)
    return value


def locate(root: Node, dotted: str, option: Node, create: bool = False) -> tuple[Any, Any]:
    """The container and key/index a dotted option path points at (list items by their id)."""
    container: Any = root.value
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(container, dict) and (part in container or (create and last)):
            key: Any = part
        elif isinstance(container, list) and any(isinstance(x, dict) and x.get("id") == part for x in container):
            key = next(j for j, x in enumerate(container) if isinstance(x, dict) and x.get("id") == part)
        else:
            raise option.fail(f"expected a path to an existing field, {shown('.'.join(parts[: i + 1]))} is not there")
        if i == len(parts) - 1:
            return container, key
        container = container[key]
    raise option.fail("expected a non-empty path")


def apply_options(
    root: Node, model_options: tuple[Option, ...], chosen: dict[str, Any]
) -> tuple[Node, dict[str, object]]:
    """The data with the chosen readings in place, and every option's value (the default where none is chosen).

    The data is copied before a choice changes it: the catalog keeps the merged data for later loads.
    """
    by_id = {o.id: o for o in model_options}
    for name in chosen:
        if name not in by_id:
            raise LookupError(f"unknown option {shown(name)}; this model has {', '.join(by_id) or 'no options'}")
    if chosen:
        root = Node(copy.deepcopy(root.value), root.path)
    result: dict[str, object] = {}
    for option in model_options:
        value = plain(chosen.get(option.id, option.default))
        if option.id in chosen and value not in option.choices:
            raise LookupError(
                f"option {option.id} cannot be {shown(value)}; choices: {', '.join(map(repr, option.choices))}"
            )
        changes = option.variants.get(value, {}) if option.variants else {option.path: value}
        if option.id in chosen:
            for dotted, new in changes.items():
                container, key = locate(root, dotted, root, create=True)
                container[key] = YList(new) if isinstance(new, tuple) else new
        result[option.id] = value
    return root, result


def check_defaults(nodes: list[Node], model_options: tuple[Option, ...]) -> None:
    """Each option's default is the model's own value: checked after the fields, so that a countdown of -3
    is reported as out of range at its own line rather than as missing from an option's choices."""
    for node, option in zip(nodes, model_options, strict=True):
        if option.default not in option.choices:
            raise node.get("choices").fail(
                f"expected the model's current value {shown(option.default)} among the choices"
            )
