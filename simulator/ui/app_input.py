"""The window's input: pygame events to phone keys, panel actions and app controls.

A part of `App` kept in its own module; it reads and sets the App's state named below.
"""

from __future__ import annotations

import warnings

import pygame

from simulator.core import DataError
from simulator.ui.assets import THEME
from simulator.ui.draw_panel import Panel
from simulator.ui.input_map import LEFT, MOUSE, RIGHT, PhoneInput
from simulator.ui.model_index import ModelIndex
from simulator.ui.overlays import label_place
from simulator.ui.session import Session
from simulator.ui.shortcuts import app_control
from simulator.ui.sound import Sounds
from simulator.ui.training_mode import Trainer

MIN_SIZE = THEME.sizes.min_window  # a smaller window snaps back to this (pygame-ce 2.5.8 has no minimum-size call)


def set_window_size(size: tuple[int, int]) -> pygame.Surface:
    """The window at `size`, resizable. A window manager may insist on another size (a tiling one always
    does); pygame then warns on stderr, which the README promises stays quiet: the size it gives is taken."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Requested window was forcibly resized", RuntimeWarning)
        return pygame.display.set_mode(size, pygame.RESIZABLE)


class WindowInput:
    """Event handling and actions for `App`, which provides these attributes and `_build`, `_show_side`,
    `invalidate`."""

    session: Session
    window: pygame.Surface
    scene: pygame.Surface
    scale: float
    panel: Panel
    input: PhoneInput
    index: ModelIndex
    sounds: Sounds | None
    running: bool
    query: str
    searching: bool
    list_top: int
    log_top: int
    sticker: bool
    help: bool
    back: bool
    message: str
    trainer: Trainer
    hover_pos: tuple[int, int] | None
    _ctrl: bool
    _overlay_key: tuple[object, ...] | None

    def _build(self) -> None:
        raise NotImplementedError

    def _training_key(self, code: int, char: str) -> bool:
        raise NotImplementedError

    def _training_act(self, name: str, arg: str) -> bool:
        raise NotImplementedError

    def _show_side(self) -> None:
        raise NotImplementedError

    def invalidate(self) -> None:
        raise NotImplementedError

    def handle(self, event: pygame.event.Event) -> None:
        kind = event.type
        if kind == pygame.QUIT:
            self.running = False
        elif kind in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._resized()
        elif kind == pygame.WINDOWFOCUSLOST:
            self.input.release_transient()
            self._ctrl = False
        elif kind == pygame.WINDOWLEAVE:
            self.hover_pos = None
        elif kind == pygame.KEYDOWN:
            self._key_down(event.key, getattr(event, "mod", 0), getattr(event, "unicode", ""))
        elif kind == pygame.KEYUP:
            if event.key in (pygame.K_LCTRL, pygame.K_RCTRL):
                self._ctrl = False
            self.input.key_up(event.key)
        elif kind in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            self._finger(event)
        elif getattr(event, "touch", False):
            return  # the mouse events SDL makes up from touches: the fingers are handled already
        elif kind == pygame.MOUSEMOTION:
            self.hover_pos = event.pos
            self.input.pointer_motion(MOUSE, event.pos)
        elif kind == pygame.MOUSEBUTTONDOWN:
            self._mouse_down(event.pos, event.button)
        elif kind == pygame.MOUSEBUTTONUP and event.button == LEFT:
            self.input.pointer_up(MOUSE)
        elif kind == pygame.MOUSEWHEEL:
            self._wheel(event.y)

    def _resized(self) -> None:
        """Lay out again for the new size; a window made smaller than MIN_SIZE snaps back to it."""
        self.window = pygame.display.get_surface()
        w, h = self.window.get_size()
        if w < MIN_SIZE[0] or h < MIN_SIZE[1]:
            self.window = set_window_size((max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])))
        if self.window.get_size() != self.scene.get_size():
            self._build()

    def _mouse_down(self, pos: tuple[int, int], button: int) -> None:
        self.hover_pos = pos
        if button not in (LEFT, RIGHT) or self.trainer.asking is not None:
            return  # while the trainee's name is asked, the prompt has the window
        if self.help:
            self.help = False
            return
        if self.sticker and label_place(self.panel.rect, self.scale).collidepoint(pos):
            self.sticker = False  # the label sits clear of the keys: a click elsewhere goes on to the phone
            return
        if self.panel.rect.collidepoint(pos):
            action = self.panel.action_at(pos)
            if action != "search":
                self.searching = False
            if action and button == LEFT:
                self.act(action)
            return
        self.searching = False
        ctrl = self._ctrl or bool(pygame.key.get_mods() & pygame.KMOD_CTRL)
        if button == RIGHT or ctrl:
            self.input.toggle_latch(pos)
        else:
            self.input.pointer_down(MOUSE, pos)

    def _finger(self, event: pygame.event.Event) -> None:
        """Fingers by id: several fingers hold several keys; a tap on the panel acts as a click."""
        w, h = self.window.get_size()
        pos = (event.x * w, event.y * h)
        source = ("finger", getattr(event, "touch_id", 0), event.finger_id)
        if event.type == pygame.FINGERUP:
            self.input.pointer_up(source)
        elif self.trainer.asking is not None:
            return  # while the trainee's name is asked, the prompt has the window (as for the mouse)
        elif event.type == pygame.FINGERMOTION:
            self.input.pointer_motion(source, pos)
        elif self.panel.rect.collidepoint(pos):
            action = self.panel.action_at(pos)
            if action:
                self.act(action)
        else:
            self.input.pointer_down(source, pos)

    def _key_down(self, code: int, mod: int, char: str) -> None:
        if code in (pygame.K_LCTRL, pygame.K_RCTRL):
            self._ctrl = True
        if self.searching and app_control(code, mod, char) != "quit":
            self._search_key(code, char)
            return
        control = app_control(code, mod, char)
        if control != "quit" and self._training_key(code, char):
            return
        if control is not None:
            self.act(control)
        else:
            self.input.key_down(code, mod, char)

    def _search_key(self, code: int, char: str) -> None:
        """While the search field has the focus, typing filters the model list."""
        if code == pygame.K_ESCAPE:
            self.searching = False
        elif code in (pygame.K_RETURN, pygame.K_KP_ENTER):
            found = self.index.matching(self.query)
            self.searching = False
            if found:  # the first row in view: the arrows scroll the list, Enter takes its top
                self.act(f"model:{found[min(self.list_top, len(found) - 1)].id}")
                self.query = ""
        elif code == pygame.K_BACKSPACE:
            self.query = self.query[:-1]
        elif code in (pygame.K_DOWN, pygame.K_UP):
            self._scroll_list(1 if code == pygame.K_DOWN else -1)
        elif char and char.isprintable():
            self.query += char
            self.list_top = 0

    def _wheel(self, dy: int) -> None:
        section = self.panel.section_at(self.hover_pos) if self.hover_pos else None
        if section == "model":
            self._scroll_list(-dy)
        elif section == "log":
            self.log_top = max(0, min(len(self.phone.events) - 1, self.log_top - 3 * dy))

    def _scroll_list(self, step: int) -> None:
        count = len(self.index.matching(self.query))
        self.list_top = max(0, min(count - self.panel.list_rows, self.list_top + step))

    def act(self, action: str) -> None:
        """Carry out a panel button or an app shortcut."""
        name, _, arg = action.partition(":")
        s = self.session
        self.message = ""
        if self._training_act(name, arg):
            return
        if name == "model" or name == "software":
            model_id = arg if name == "model" else self.phone.model.id
            self._load(model_id, arg if name == "software" else None)
        elif name == "speed":
            s.set_speed(float(arg))
            if s.paused:
                s.toggle_pause()
        elif name == "release":
            if self.help or self.sticker or self.config_view.shown:
                self.help = self.sticker = self.config_view.shown = False
            else:
                self.input.release_latched()
        else:
            {
                "power": s.toggle_power,
                "pause": s.toggle_pause,
                "jump": self._jump,
                "slower": lambda: s.step_speed(-1),
                "faster": lambda: s.step_speed(1),
                "sound": self._toggle_sound,
                "label": self._toggle_label,
                "view": self._toggle_view,
                "config": self.config_view.toggle,
                "help": self._toggle_help,
                "search": self._start_search,
                "quit": self._quit,
            }[name]()

    def _load(self, model_id: str, software: str | None) -> None:
        phone = self.phone
        if model_id == phone.model.id and software in (None, phone.software):
            return  # the phone already in hand: a stray click must not wipe the exercise
        try:
            self.session.load(model_id, software)
        except (DataError, LookupError, ValueError) as exc:
            self.message = f"{model_id}: {exc}"

    def _jump(self) -> None:
        self.message = self.session.jump_to_countdown() or ""

    def _toggle_sound(self) -> None:
        if self.sounds is not None:
            self.sounds.muted = not self.sounds.muted

    def _toggle_label(self) -> None:
        self.sticker = not self.sticker

    def _toggle_view(self) -> None:
        """Turn the phone around. The input keeps its holders, so a key latched on one side stays down."""
        self.back = not self.back
        self._show_side()
        self.invalidate()
        self._overlay_key = None

    def _toggle_help(self) -> None:
        self.help = not self.help

    def _start_search(self) -> None:
        self.searching = True

    def _quit(self) -> None:
        self.running = False
