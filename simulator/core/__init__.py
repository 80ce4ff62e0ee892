"""The engine's public face: everything outside simulator/core imports these names and no others.

Plain Python, never pygame. A phone is driven through `Phone` (press, release, touch, lift,
power_on/off, advance, run_until) and read through `Phone.snapshot()` and `Phone.events`.
"""

from simulator.core.catalog import MODELS_DIR, Catalog, normalise_name
from simulator.core.chords import POWER_KEY, ComboProgress
from simulator.core.clock import Clock, SimClock, WallClock
from simulator.core.config import LAYERS
from simulator.core.events import EVENT_FIELDS, EVENT_KINDS, Event, EventLog
from simulator.core.keys import DIALPAD, MODE, NAMED_KEYS, describe, is_key_id, softkey_index
from simulator.core.menu import MENU_CURSOR
from simulator.core.model import (
    CONFIDENCE,
    CORNERS,
    LED_STATES,
    PHASES,
    PROCEDURE_ACTIONS,
    Key,
    MenuItem,
    Model,
    Procedure,
    Rect,
    Tone,
    parse_version,
)
from simulator.core.multitap import keystrokes
from simulator.core.parameters import PARAMETERS_FILE, default_catalog, load_parameters
from simulator.core.passwords import DEFAULT_MAC, check_software, mac_as_typed, normalise_mac
from simulator.core.phone import Phone
from simulator.core.screens import Screen
from simulator.core.server_setup import Environment, ServerChange, ServerSetup, parse_server, parse_server_change
from simulator.core.snapshot import Snapshot
from simulator.core.touch import CORNER_POINTS, corner_of
from simulator.core.touch_menu import keypad_keys
from simulator.core.validate import MAX_FINGERS, Node
from simulator.core.yamlio import DataError, load_file, load_text

__all__ = [
    "CONFIDENCE",
    "CORNERS",
    "CORNER_POINTS",
    "DEFAULT_MAC",
    "DIALPAD",
    "EVENT_FIELDS",
    "EVENT_KINDS",
    "LAYERS",
    "LED_STATES",
    "MAX_FINGERS",
    "MENU_CURSOR",
    "MODE",
    "MODELS_DIR",
    "NAMED_KEYS",
    "PARAMETERS_FILE",
    "PHASES",
    "POWER_KEY",
    "PROCEDURE_ACTIONS",
    "Catalog",
    "Clock",
    "ComboProgress",
    "DataError",
    "Environment",
    "Event",
    "EventLog",
    "Key",
    "MenuItem",
    "Model",
    "Node",
    "Phone",
    "Procedure",
    "Rect",
    "Screen",
    "ServerChange",
    "ServerSetup",
    "SimClock",
    "Snapshot",
    "Tone",
    "WallClock",
    "check_software",
    "corner_of",
    "default_catalog",
    "describe",
    "is_key_id",
    "keypad_keys",
    "keystrokes",
    "load_file",
    "load_parameters",
    "load_text",
    "mac_as_typed",
    "normalise_mac",
    "normalise_name",
    "parse_server",
    "parse_server_change",
    "parse_version",
    "softkey_index",
]
