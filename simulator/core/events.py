"""The event log: the single record of what happened, read by scenarios, the grader, the UI and tests.

Every event is frozen and typed: one class per kind, with the fields of that kind. `EventLog` is an
append-only sequence with a cursor (`since`) and subscribers, so readers never count its length.
Kinds and field names are a public contract (scenarios `expect: {event: ...}`, the JSON transcript,
graders): append new ones, never rename.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import MISSING, dataclass, fields
from typing import Any, ClassVar, overload


@dataclass(frozen=True, slots=True)
class Event:
    t_ms: int
    kind: ClassVar[str] = ""

    @property
    def t(self) -> float:
        """Simulated seconds since the phone was created."""
        return self.t_ms / 1000

    @property
    def data(self) -> dict[str, Any]:
        """The kind's own fields, as the JSON transcript shows them (tuples as lists)."""
        return {f.name: _plain(getattr(self, f.name)) for f in _FIELDS[type(self)]}

    def to_dict(self) -> dict[str, Any]:
        return {"t": self.t, "kind": self.kind, **self.data}

    def describe(self) -> str:
        data = self.data
        if isinstance(self, ScreenShown):
            detail = " | ".join(self.lines) or "(blank)"
        else:
            detail = ", ".join(f"{k}={v}" for k, v in data.items() if not _empty(v))
        return f"{self.t:8.2f}s {self.kind}" + (f"  {detail}" if detail else "")


def _empty(value: Any) -> bool:
    """Fields not worth a word in a log line: nothing, no keys, zero fingers (False still shows)."""
    return value is None or value in ("", []) or (value == 0 and not isinstance(value, bool))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _kind(name: str) -> Callable[[type[Event]], type[Event]]:
    def register(cls: type[Event]) -> type[Event]:
        cls.kind = name
        cls.__init__ = fast_init(cls)  # type: ignore[method-assign]
        return cls

    return register


def fast_init(cls: type) -> Callable[..., None]:
    """The dataclass's own __init__, writing each slot through its descriptor: still frozen (assignment
    raises), at two thirds of the cost, and the engine logs a hundred events a reset."""
    names = [f.name for f in fields(cls)]
    space: dict[str, Any] = {}
    params = []
    for f in fields(cls):
        owner = next(c for c in cls.__mro__ if f.name in c.__dict__)
        space[f"_set_{f.name}"] = owner.__dict__[f.name].__set__
        if f.default is MISSING:
            params.append(f.name)
        else:
            space[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    _set_{n}(self, {n})\n" for n in names)
    exec(f"def __init__(self, {', '.join(params)}):\n{body}", space)
    return space["__init__"]


@_kind("power_on")
@dataclass(frozen=True, slots=True)
class PowerOn(Event):
    pass


@_kind("power_off")
@dataclass(frozen=True, slots=True)
class PowerOff(Event):
    pass


@_kind("key_down")
@dataclass(frozen=True, slots=True)
class KeyDown(Event):
    key: str
    label: str | None = None  # a softkey's label as the person saw it when pressing


@_kind("key_up")
@dataclass(frozen=True, slots=True)
class KeyUp(Event):
    key: str


@_kind("screen")
@dataclass(frozen=True, slots=True)
class ScreenShown(Event):
    lines: tuple[str, ...]
    softkeys: tuple[str | None, ...]


@_kind("phase")
@dataclass(frozen=True, slots=True)
class PhaseChanged(Event):
    phase: str
    state: str


@_kind("tone")
@dataclass(frozen=True, slots=True)
class ToneSounded(Event):
    name: str
    frequency: float | None = None
    ms: int | None = None


@_kind("combo")
@dataclass(frozen=True, slots=True)
class ComboRecognised(Event):
    """A combination held long enough: its keys, corners or finger count."""

    procedure: str
    keys: tuple[str, ...]
    touch: tuple[str, ...] = ()
    fingers: int = 0


@_kind("countdown_started")
@dataclass(frozen=True, slots=True)
class CountdownStarted(Event):
    seconds: int


@_kind("password_prompt")
@dataclass(frozen=True, slots=True)
class PasswordPrompt(Event):
    pass


@_kind("password_accepted")
@dataclass(frozen=True, slots=True)
class PasswordAccepted(Event):
    prompt: str  # reset, setup, menu
    entered: str = ""  # what was typed (the screen masks it; the log keeps it for grading)


@_kind("password_rejected")
@dataclass(frozen=True, slots=True)
class PasswordRejected(Event):
    prompt: str
    entered: str = ""


@_kind("factory_reset")
@dataclass(frozen=True, slots=True)
class FactoryReset(Event):
    action: str
    cleared: tuple[str, ...]  # configuration layers that held something


@_kind("device_reset")
@dataclass(frozen=True, slots=True)
class DeviceReset(Event):
    action: str
    cleared: tuple[str, ...]


@_kind("logs_uploaded")
@dataclass(frozen=True, slots=True)
class LogsUploaded(Event):
    lines: int


@_kind("reboot")
@dataclass(frozen=True, slots=True)
class Reboot(Event):
    pass


@_kind("application_started")
@dataclass(frozen=True, slots=True)
class ApplicationStarted(Event):
    software: str


@_kind("config_reset")
@dataclass(frozen=True, slots=True)
class ConfigReset(Event):
    action: str
    cleared: tuple[str, ...]


@_kind("config_loaded")
@dataclass(frozen=True, slots=True)
class ConfigLoaded(Event):
    source: str
    params: tuple[str, ...]


@_kind("touch")
@dataclass(frozen=True, slots=True)
class Touched(Event):
    points: tuple[tuple[float, float], ...]  # (x, y) from 0 to 1


@_kind("lift")
@dataclass(frozen=True, slots=True)
class Lifted(Event):
    pass


@_kind("led")
@dataclass(frozen=True, slots=True)
class LedChanged(Event):
    led: str
    state: str


@_kind("stage")
@dataclass(frozen=True, slots=True)
class StageShown(Event):
    """A boot stage begins (logo, starting, loading, ...)."""

    stage: str


@_kind("combo_held")
@dataclass(frozen=True, slots=True)
class ComboHeld(Event):
    """Exactly a procedure's inputs are down; its hold time runs only when its window is open."""

    procedure: str
    keys: tuple[str, ...]
    touch: tuple[str, ...] = ()
    fingers: int = 0
    window_open: bool = True


@_kind("combo_aborted")
@dataclass(frozen=True, slots=True)
class ComboAborted(Event):
    """A hold that ended before its time: let go (`released`) or its window closed (`window_closed`)."""

    procedure: str
    keys: tuple[str, ...]
    held: float  # seconds held
    needed: float  # seconds it needed
    reason: str = "released"
    touch: tuple[str, ...] = ()
    fingers: int = 0


@_kind("config_changed")
@dataclass(frozen=True, slots=True)
class ConfigChanged(Event):
    layer: str
    param: str
    old: str | None
    new: str | None  # None: removed from the layer


_CLASSES: tuple[type[Event], ...] = (
    PowerOn, PowerOff, KeyDown, KeyUp, ScreenShown, PhaseChanged, ToneSounded, ComboRecognised,
    CountdownStarted, PasswordPrompt, PasswordAccepted, PasswordRejected, FactoryReset, DeviceReset,
    LogsUploaded, Reboot, ApplicationStarted, ConfigReset, ConfigLoaded, Touched, Lifted, LedChanged,
    StageShown, ComboHeld, ComboAborted, ConfigChanged,
)  # fmt: skip
#: Event kinds; a public contract (scenarios `expect: {event: ...}`). Append only.
EVENT_KINDS: tuple[str, ...] = tuple(cls.kind for cls in _CLASSES)
EVENT_CLASSES: dict[str, type[Event]] = {cls.kind: cls for cls in _CLASSES}
_FIELDS = {cls: tuple(f for f in fields(cls) if f.name != "t_ms") for cls in _CLASSES}
#: Each kind's field names, for validating `expect: {event: {KIND: {FIELD: VALUE}}}`.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {cls.kind: tuple(f.name for f in _FIELDS[cls]) for cls in _CLASSES}


class EventLog(Sequence[Event]):
    """Append-only; `cursor` marks a place, `since(cursor)` gives what came after it."""

    __slots__ = ("_items", "_subscribers", "append")

    def __init__(self) -> None:
        self._items: list[Event] = []
        self._subscribers: list[Callable[[Event], None]] = []
        # With no subscriber, appending is the list's own: the engine logs a hundred events a reset.
        self.append: Callable[[Event], None] = self._items.append

    def _append_and_notify(self, event: Event) -> None:
        self._items.append(event)
        for callback in tuple(self._subscribers):
            callback(event)

    @property
    def cursor(self) -> int:
        """A mark after the newest event; pass it to `since` later."""
        return len(self._items)

    def since(self, cursor: int) -> list[Event]:
        return self._items[cursor:]

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call `callback` with every event from now on; returns the function that stops it."""
        self._subscribers.append(callback)
        self.append = self._append_and_notify

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)
            if not self._subscribers:
                self.append = self._items.append

        return unsubscribe

    def of_kind(self, *kinds: str) -> list[Event]:
        return [e for e in self._items if e.kind in kinds]

    def last(self, kind: str) -> Event | None:
        for event in reversed(self._items):
            if event.kind == kind:
                return event
        return None

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        return self._items[index]

    def __iter__(self) -> Iterator[Event]:
        return iter(self._items)

    def __reversed__(self) -> Iterator[Event]:
        return reversed(self._items)
