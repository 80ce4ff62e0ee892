"""The phone models of a folder (`models/*.yaml`) by id or name, each built once into a frozen Model.

A bad file fails with one DataError line; a model is either fully built or not at all. Files whose
name starts with `_` are shared bases, not models. The parts: model_bases (reading files, merging
`extends:`), model_build (the frozen Model) with model_face, model_screens, model_boot,
model_procedures and model_options (one part of a model file each).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from simulator.core.model import Model
from simulator.core.model_bases import ModelFiles, cached
from simulator.core.model_build import build_model
from simulator.core.model_screens import REQUIRED_SCREENS
from simulator.core.yamlio import DataError, YDict, cut, shown

__all__ = ["MODELS_DIR", "REQUIRED_SCREENS", "Catalog", "build_model", "normalise_name"]

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"


def normalise_name(name: str) -> str:
    """Ignore case, spaces, hyphens and underscores: "VVX 410" == "vvx-410"."""
    return re.sub(r"[\s\-_]+", "", name).lower()


class Catalog:
    """One folder of model files, read as a snapshot: each file is parsed once, each file's bases are
    merged once and each model is built once per choice of options (errors too). Make a new Catalog
    to see files edited since."""

    def __init__(self, directory: Path | str = MODELS_DIR) -> None:
        self.directory = Path(directory)
        self.files = ModelFiles(self.directory)
        self._ids: list[str] | None = None
        self._names: dict[str, str] | None = None
        self._built: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}  # -> Model or DataError

    # -- finding models ------------------------------------------------------------------------
    def ids(self) -> list[str]:
        if self._ids is None:
            self._ids = sorted(p.stem for p in self.directory.glob("*.yaml") if not p.stem.startswith("_"))
        return list(self._ids)

    def path(self, model_id: str) -> Path:
        return self.files.path(model_id)

    def _name_index(self) -> dict[str, str]:
        if self._names is None:
            names: dict[str, str] = {}
            for model_id in self.ids():
                names[normalise_name(model_id)] = model_id
                for alias in self._declared_names(model_id):
                    names.setdefault(normalise_name(alias), model_id)
            self._names = names
        return self._names

    def _declared_names(self, model_id: str) -> list[str]:
        """A model's name and aliases; a file that does not load is found by its id only."""
        try:
            raw = self.raw(model_id)
        except DataError:
            return []
        found = [raw.get("name"), *(raw.get("aliases") or [])]
        return [n for n in found if isinstance(n, str)]

    def resolve(self, name: str) -> str:
        """A model id from its id or display name; unknown names list the close matches."""
        index = self._name_index()
        key = normalise_name(name)
        if key in index:
            return index[key]
        close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6) if len(key) < 100 else []
        suggestions = list(dict.fromkeys(index[c] for c in close))  # best match first, each model once
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "; see `phonesim list`"
        raise LookupError(f"unknown model {shown(name)}{hint}")

    # -- loading -------------------------------------------------------------------------------
    def read(self, path: Path | str) -> Any:
        """Any file's parsed data, read once (validate tells models from scenarios by it)."""
        return self.files.parsed(Path(path))

    def raw(self, model_id: str) -> YDict:
        """The model's data with every `extends:` base merged in (bases first); shared: do not change it."""
        return self.files.merged(model_id)

    def load(self, name: str, options: Mapping[str, Any] | None = None) -> Model:
        model_id = self.resolve(name)
        chosen = tuple(sorted((k, repr(v)) for k, v in (options or {}).items()))
        cache_key = (model_id, chosen)
        return cached(self._built, cache_key, lambda: self._build(model_id, dict(options or {})))

    def _build(self, model_id: str, options: dict[str, Any]) -> Model:
        path = self.path(model_id)
        try:
            return build_model(self.raw(model_id), path, options)
        except (RecursionError, ValueError, OverflowError, TypeError) as exc:
            # The door's limits leave no way to these; should one be found, it is still one line.
            raise DataError(path, None, "", f"a model file this loader can read ({cut(str(exc))})") from None
