"""The frozen description of one phone model, as the catalog builds it from `models/*.yaml`."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field

#: Every phase of the machine; a public contract (scenarios `expect: {phase: ...}`).
PHASES = (
    "off",
    "boot",
    "countdown",
    "setup",
    "password",
    "confirm",
    "resetting",
    "rebooting",
    "running",
    "menu",
)
#: How sure the sources are, from `shared/reference` tags [V] [S] [B] [I].
CONFIDENCE = ("verified", "single-source", "faq-only", "inferred")
#: What a softkey may do; its label is free text, its action is one of these.
SOFTKEY_ACTIONS = ("cancel", "setup", "ok", "mode", "yes", "no", "exit", "select", "back", "delete", "none", "menu")
#: What a recognised key combination or touch does. `arm` opens the window of a chained procedure.
PROCEDURE_ACTIONS = ("reset_prompt", "reboot", "upload_logs", "factory_reset", "arm")
KEY_SIDES = ("face", "back")
DISPLAY_KINDS = ("monochrome", "grayscale", "colour", "none")
#: Corners of a touch screen, for four-corner resets; a touch counts in the quarter-size zone of its corner.
CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")
#: What an LED can show; a public contract (`expect: {led: {mwi: blinking}}`).
LED_STATES = (
    "off",
    "on",
    "red",
    "green",
    "amber",
    "blue",
    "blinking",
    "blinking_red",
    "flashing",
    "flashing_red",
    "flashing_multicolour",
)

_VERSION = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:\s*[A-Za-z].*)?$")

Version = tuple[int, int, int, int]


@functools.lru_cache(maxsize=4096)
def parse_version(text: str) -> Version | None:
    """`6.4.3`, `4.0`, `6.4.3 A` -> (6, 4, 3, 0); None when it is not a version at all."""
    match = _VERSION.match(text.strip())
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    return (parts[0], parts[1], parts[2], parts[3])


@dataclass(frozen=True)
class Rect:
    """Millimetres on the phone's face, origin top-left."""

    x: float
    y: float
    w: float
    h: float

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.x + self.w and self.y <= py < self.y + self.h


@dataclass(frozen=True)
class Key:
    id: str
    label: str
    letters: str
    bounds: Rect
    shape: str  # "rect" or "round"
    side: str = "face"  # "face", or "back" for a button on the back or edge (pinholes): drawn in the back view


@dataclass(frozen=True)
class Led:
    id: str
    label: str
    colours: tuple[str, ...]
    bounds: Rect
    group: str | None = None  # several LEDs that light together ("the mute keys begin flashing")


@dataclass(frozen=True)
class Display:
    kind: str
    pixels: tuple[int, int]
    bounds: Rect
    touch: bool
    text_lines: int


@dataclass(frozen=True)
class Stage:
    id: str
    ms: int
    screen: str


@dataclass(frozen=True)
class Boot:
    stages: tuple[Stage, ...]
    starting_ms: int
    countdown_s: int
    bootrom_countdown_s: int
    load: tuple[Stage, ...]
    shutdown_ms: int
    incorrect_ms: int
    countdown: bool = True  # False: no Updater / BootROM countdown at all (touch, Android, DECT devices)
    message_ms: int = 1500  # each provisioning message of a boot ("Waiting for network to initialize", ...)


@dataclass(frozen=True)
class Software:
    default: str
    versions: tuple[str, ...]
    minimum: str | None
    maximum: str | None
    updater_from: str
    full_reset_from: str
    placeholder: bool = False  # no version is in the sources: `default` only stands in for the unknown one

    def label(self, version: str) -> str:
        """A version as a person should read it: "unknown" where the sources give none."""
        return "unknown" if self.placeholder else version


@dataclass(frozen=True)
class TextEntrySpec:
    cycle: tuple[str, ...]
    labels: dict[str, str]
    commit_ms: int
    mode_key: str | None
    delete_key: str | None
    mac_case: str  # lower | upper | any


@dataclass(frozen=True)
class Softkey:
    label: str
    action: str


@dataclass(frozen=True)
class ScreenSpec:
    lines: tuple[str, ...]
    softkeys: tuple[Softkey | None, ...]
    leds: dict[str, str]
    backlight: bool


@dataclass(frozen=True)
class Procedure:
    """A combination to hold: keys and/or touches, in a window, for a time; then a signal and an action.

    `release`: the action waits until everything is let go after the signal ("let go when the mute
    keys flash"); letting go earlier does nothing. `at_power_on`: held while power is connected.
    `requires`: the window opens only after that (arming) procedure has completed since power-on.
    """

    id: str
    action: str
    keys: frozenset[str]
    phase: str
    stage: str | None
    hold_ms: int
    tone: str | None
    source: str
    confidence: str
    notes: str
    touch: frozenset[str] = frozenset()
    fingers: int = 0
    at_power_on: bool = False
    release: bool = False
    signal_leds: dict[str, str] = field(default_factory=dict)
    signal_screen: str | None = None
    signal_ms: int = 0  # how long the signal shows before the action, when no release is awaited
    requires: str | None = None
    key_order: tuple[str, ...] = ()  # the keys as the sources list them ("1, 5 and 3" on the Edge E)

    @property
    def ordered_keys(self) -> tuple[str, ...]:
        """The keys in the order the sources give them, for every text a person reads."""
        return self.key_order or tuple(sorted(self.keys, key=lambda k: (len(k) > 1, k)))

    def inputs(self) -> str:
        """What is held, in a few words, for tables: `1 + 3 + 5`, `4 corners`, `back + home at power-on`."""
        held = []
        if self.keys:
            held.append(" + ".join(self.ordered_keys))
        if self.touch:
            held.append(f"{len(self.touch)} corners")
        if self.fingers:
            held.append(f"{self.fingers} fingers")
        text = " + ".join(held)
        if self.at_power_on:
            text += " at power-on"
        if self.requires:
            text += " (2nd step)"
        return text

    def describe(self) -> str:
        """The procedure in a technician's words, e.g. for `phonesim show` and the UI's hold meter."""
        parts = []
        if self.keys:
            keys = " + ".join(self.ordered_keys)
            parts.append(f"hold {keys}")
        if self.touch:
            parts.append(
                "touch the four corners" if len(self.touch) == 4 else "touch " + " + ".join(sorted(self.touch))
            )
        if self.fingers:
            parts.append(f"hold {self.fingers} fingers on the screen")
        text = " and ".join(parts)
        if self.at_power_on:
            text += " while connecting power"
        text += f" for {self.hold_ms / 1000:g} s"
        if not self.at_power_on:
            text += f" during {self.phase}" + (f" (stage {self.stage})" if self.stage else "")
        if self.requires:
            text += f", after {self.requires}"
        if self.release:
            text += ", then let go" + (" when the signal shows" if self.signal_leds or self.signal_screen else "")
        return text


@dataclass(frozen=True)
class ResetMessage:
    text: str
    ms: int


@dataclass(frozen=True)
class MenuItem:
    label: str
    items: tuple[MenuItem, ...] = ()
    action: str | None = None
    password: bool = False
    software_from: str | None = None
    done: str = "Done."  # shown after an action that does not reboot
    sets: tuple[tuple[str, str], ...] = ()  # action `set`: the local changes it makes (parameter, value)


@dataclass(frozen=True)
class Option:
    id: str
    path: str
    default: object
    choices: tuple[object, ...]
    source: str
    confidence: str
    notes: str
    variants: dict[str, dict[str, object]] = field(default_factory=dict)

    def as_yaml(self, value: object) -> str:
        """A choice as a scenario's `options:` takes it (`[numeric, upper, lower]`, `7`, `labelled`)."""
        if isinstance(value, tuple):
            return "[" + ", ".join(self.as_yaml(v) for v in value) + "]"
        if isinstance(value, str) and not re.match(r"^[A-Za-z][\w.-]*$", value):
            return json.dumps(value)  # "6", "*": quoted, or YAML would read a number or an alias
        return str(value)


@dataclass(frozen=True)
class Tone:
    frequency: float
    ms: int


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    aliases: tuple[str, ...]
    family: str
    brand: str
    source: str
    confidence: str
    path: str
    body: Rect
    body_colour: str
    display: Display
    keys: tuple[Key, ...]
    leds: tuple[Led, ...]
    software: Software
    boot: Boot
    text_entry: TextEntrySpec
    screens: dict[str, ScreenSpec]
    procedures: tuple[Procedure, ...]
    reset_messages: tuple[ResetMessage, ...]
    menu: tuple[MenuItem, ...]
    menu_keys: tuple[str, ...]
    options: tuple[Option, ...]
    tones: dict[str, Tone]
    layout_source: str
    layout_confidence: str
    chosen: dict[str, object] = field(default_factory=dict)

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(k.id for k in self.keys)

    def key(self, key_id: str) -> Key | None:
        for key in self.keys:
            if key.id == key_id:
                return key
        return None

    def runs_updater(self, software: str) -> bool:
        """UC Software from `updater_from` on boots through the Updater: Cancel, then its countdown;
        older software counts down in the BootROM."""
        return parse_version(software) >= parse_version(self.software.updater_from)  # type: ignore[operator]

    def cancel_step(self, software: str) -> bool:
        """Whether the boot offers Cancel ("Starting application, press Cancel to interrupt.")."""
        return self.boot.countdown and self.runs_updater(software)

    @property
    def softkey_count(self) -> int:
        return sum(1 for k in self.keys if k.id.startswith("softkey_"))
