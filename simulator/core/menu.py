"""Where the user is in the on-screen menu tree (Settings > Advanced > ... > Reset to Defaults).

Plain code: moving the cursor is bookkeeping, not a phase change; the Phone asks the machine only
when a password or a confirmation is needed, or the menu closes.
"""

from __future__ import annotations

from typing import Any

from simulator.core.model import MenuItem, Version, parse_version

MENU_CURSOR = "> "  # marks the highlighted item in the screen text; other items start with two spaces


class Menu:
    def __init__(self, root: tuple[MenuItem, ...], software: Version) -> None:
        self.root = root
        self.software = software
        self.path: list[MenuItem] = []
        self.cursor = 0
        self.target: MenuItem | None = None  # the item chosen last: opened, or asked about

    def reset(self) -> None:
        self.path = []
        self.cursor = 0

    def items(self) -> list[MenuItem]:
        """The items shown here; those needing newer software are hidden (Reset To Factory: 4.0.0)."""
        items = self.path[-1].items if self.path else self.root
        return [i for i in items if i.software_from is None or self.software >= parse_version(i.software_from)]  # type: ignore[operator]

    @property
    def title(self) -> str:
        return self.path[-1].label if self.path else "Menu"

    def first_shown(self, rows: int) -> int:
        """The index of the top item in view when `rows` fit: scrolled so the cursor stays on screen."""
        rows = max(1, rows)
        return max(0, min(self.cursor - rows + 1, len(self.items()) - rows))

    def lines(self, rows: int, values: dict[str, Any]) -> list[str]:
        """The visible rows, scrolled so the cursor stays on screen; `>` marks the cursor."""
        items = self.items()
        rows = max(1, rows)
        first = self.first_shown(rows)
        return [
            (MENU_CURSOR if i == self.cursor else "  ") + item.label.format_map(values)
            for i, item in enumerate(items)
            if first <= i < first + rows
        ]

    def key(self, key: str) -> str | None:
        """Move with a key; returns what the phone must do next: ask_password, ask_confirm, change or close."""
        items = self.items()
        if key in ("up", "down") and items:
            self.cursor = (self.cursor + (-1 if key == "up" else 1)) % len(items)
        elif key in ("select", "right") and items:
            item = items[self.cursor]
            self.target = item
            if item.items and item.password:
                return "ask_password"
            if item.items:
                self.descend()
            elif item.action == "set":
                return "change"
            elif item.action and item.action != "info":
                return "ask_confirm"
        elif key in ("back", "left"):
            if not self.path:
                return "close"
            parent = self.path.pop()
            siblings = self.items()
            self.cursor = siblings.index(parent) if parent in siblings else 0
        return None

    def descend(self) -> None:
        if self.target is not None and self.target.items:
            self.path.append(self.target)
            self.cursor = 0
