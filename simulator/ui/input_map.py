"""Mouse, keyboard and touch to the phone's presses, releases, touches and lifts.

Each phone key may be held by several things at once: the mouse, keyboard keys, fingers and a latch.
The phone sees a press when the first of them takes the key and a release when the last lets go, so a
key held by the keyboard and latched by the mouse stays down until both are gone. On a touch screen,
every pointer (and every latched spot) away from an on-screen key is one finger on the glass. Input
state lives here, built from events, never polled: posted events (tests) do not change pygame's
polled state.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from simulator.core import Phone, corner_of
from simulator.ui.shortcuts import Shortcuts

Source = tuple[object, ...]  # ("mouse",), ("key", code), ("finger", touch_id, finger_id), ("latch", n)
Point = tuple[float, float]  # on the touch screen, 0..1
MOUSE: Source = ("mouse",)
LATCH: Source = ("latch",)
LEFT, RIGHT = 1, 3  # mouse buttons
LATCH_RADIUS = 0.08  # a click this close (share of the screen) to a latched touch releases it


class PhoneInput:
    """Who holds which key and touches where; turns pointer and key events into phone calls."""

    def __init__(
        self,
        phone: Phone,
        key_at: Callable[[Point], str | None],
        screen_point: Callable[[Point], Point | None],
        shortcuts: Shortcuts,
    ) -> None:
        self.phone = phone
        self.key_at = key_at
        self.screen_point = screen_point
        self.shortcuts = shortcuts
        self._holders: dict[str, set[Source]] = {}
        self._pointers: dict[Source, str | None] = {}  # mouse / finger -> the key under it while down
        self._unlatched: dict[Source, str] = {}  # a key this pointer just unlatched: not pressed again until left
        self._touches: dict[Source, Point] = {}  # mouse / finger / latch -> where it touches the screen
        self._latch_ids = itertools.count()

    # -- keys --------------------------------------------------------------------------------------------
    def _take(self, source: Source, key: str) -> None:
        holders = self._holders.setdefault(key, set())
        if not holders:
            self.phone.press(key)
        holders.add(source)

    def _drop(self, source: Source, key: str) -> None:
        holders = self._holders.get(key)
        if not holders or source not in holders:
            return
        holders.discard(source)
        if not holders:
            del self._holders[key]
            self.phone.release(key)

    @property
    def latched(self) -> frozenset[str]:
        return frozenset(k for k, holders in self._holders.items() if LATCH in holders)

    # -- touches -------------------------------------------------------------------------------------------
    def _touch(self, source: Source, point: Point | None) -> None:
        """Put `source`'s finger at `point` (None: take it off); the phone hears when the fingers change."""
        before = self._touches.get(source)
        if point is None:
            self._touches.pop(source, None)
        else:
            self._touches[source] = point
        moved = (before is None) != (point is None)
        if not moved and before is not None and point is not None:
            moved = corner_of(before) != corner_of(point)  # within a corner's zone the phone sees no change
        if moved:
            points = list(self._touches.values())
            if points:
                self.phone.touch(points)
            else:
                self.phone.lift()

    @property
    def latched_points(self) -> tuple[Point, ...]:
        return tuple(p for s, p in self._touches.items() if s[0] == "latch")

    def _latched_touch_near(self, point: Point) -> Source | None:
        near = [(math.dist(p, point), s) for s, p in self._touches.items() if s[0] == "latch"]
        near = [n for n in near if n[0] <= LATCH_RADIUS]
        return min(near)[1] if near else None

    # -- pointers: the mouse and each finger -----------------------------------------------------------
    def pointer_down(self, source: Source, pos: Point) -> None:
        """A key is down exactly while the pointer is held over it; a latched key (or touch) is released."""
        key = self.key_at(pos)
        point = self.screen_point(pos) if key is None else None
        if key is not None and key in self.latched:
            self._drop(LATCH, key)
            self._unlatched[source] = key
            key = None
        elif point is not None and (latched := self._latched_touch_near(point)) is not None:
            self._touch(latched, None)
            point = None
        self._pointers[source] = key
        if key is not None:
            self._take(source, key)
        if point is not None:
            self._touch(source, point)

    def pointer_motion(self, source: Source, pos: Point) -> None:
        """Dragging off a key releases it, onto another presses that one; on the screen the finger slides."""
        if source not in self._pointers:
            return
        old, new = self._pointers[source], self.key_at(pos)
        if new is not None and new == self._unlatched.get(source):
            new = None
        else:
            self._unlatched.pop(source, None)
        if new in self.latched:
            new = None
        if new != old:
            if old is not None:
                self._drop(source, old)
            if new is not None:
                self._take(source, new)
            self._pointers[source] = new
        self._touch(source, self.screen_point(pos) if new is None else None)

    def pointer_up(self, source: Source) -> None:
        self._unlatched.pop(source, None)
        key = self._pointers.pop(source, None)
        if key is not None:
            self._drop(source, key)
        self._touch(source, None)

    def toggle_latch(self, pos: Point) -> None:
        """Right-click or Ctrl+click: latch the key (or a finger on the touch screen); again releases it."""
        key = self.key_at(pos)
        if key is not None:
            if key in self.latched:
                self._drop(LATCH, key)
            else:
                self._take(LATCH, key)
            return
        point = self.screen_point(pos)
        if point is not None:
            latched = self._latched_touch_near(point)
            if latched is not None:
                self._touch(latched, None)
            else:
                self._touch(("latch", next(self._latch_ids)), point)

    def _release(self, keep: Callable[[Source], bool]) -> None:
        for key, holders in list(self._holders.items()):
            for source in [s for s in holders if not keep(s)]:
                self._drop(source, key)
        self._pointers = {s: k for s, k in self._pointers.items() if keep(s)}
        gone = [s for s in self._touches if not keep(s)]
        for source in gone[:-1]:
            self._touches.pop(source)
        if gone:
            self._touch(gone[-1], None)  # one call to the phone for all of them

    def release_latched(self) -> None:
        self._release(keep=lambda s: s[0] != "latch")

    def release_transient(self) -> None:
        """Focus lost: whatever the keyboard, mouse or fingers held could never see its release; latches stay."""
        self._release(keep=lambda s: s[0] == "latch")

    # -- keyboard ----------------------------------------------------------------------------------------
    def key_down(self, code: int, mod: int, char: str) -> bool:
        """Hold the phone key this keyboard key means; keys held together make a chord."""
        key = self.shortcuts.phone_key(code, mod, char)
        if key is None:
            return False
        self._take(("key", code), key)
        return True

    def key_up(self, code: int) -> None:
        for key in [k for k, holders in self._holders.items() if ("key", code) in holders]:
            self._drop(("key", code), key)
