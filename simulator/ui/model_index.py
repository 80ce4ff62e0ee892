"""The model picker's list: every model file, named and filtered as the person types.

Building a model takes about 15 ms, so names are read a few per frame after the window is up rather
than all before the first frame; until then a model is listed by its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.core import Catalog, DataError, normalise_name


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    detail: str  # family and display, e.g. "vvx · colour touch"
    search: tuple[str, ...]  # normalised id, name and aliases
    error: str | None = None  # the file's one-line problem, when it does not load


class ModelIndex:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.entries = [Entry(i, i, "", (normalise_name(i),)) for i in catalog.ids()]
        self._pending = list(range(len(self.entries)))
        self._matched: tuple[str, int, list[Entry]] | None = None  # the panel asks every frame

    @property
    def complete(self) -> bool:
        return not self._pending

    def load_some(self, count: int = 2) -> bool:
        """Read the names of up to `count` more models; True when something changed."""
        changed = False
        for _ in range(min(count, len(self._pending))):
            i = self._pending.pop(0)
            model_id = self.entries[i].id
            try:
                m = self.catalog.load(model_id)
            except (DataError, LookupError, ValueError) as exc:
                self.entries[i] = Entry(model_id, model_id, "does not load", self.entries[i].search, str(exc))
            else:
                kind = "no display" if m.display.kind == "none" else m.display.kind + (" touch" * m.display.touch)
                names = (m.id, m.name, *m.aliases)
                self.entries[i] = Entry(m.id, m.name, f"{m.family} · {kind}", tuple(normalise_name(n) for n in names))
            changed = True
        return changed

    def matching(self, query: str) -> list[Entry]:
        """Entries whose id, name or an alias contains the query (ignoring case, spaces and hyphens)."""
        if self._matched is None or self._matched[:2] != (query, len(self._pending)):
            wanted = normalise_name(query)
            found = [e for e in self.entries if not wanted or any(wanted in s for s in e.search)]
            found.sort(key=lambda e: e.name.lower())  # by the name people know, once the names are read
            self._matched = (query, len(self._pending), found)
        return self._matched[2]
