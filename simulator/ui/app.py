"""The window and its loop: events in, `phone.tick()` on the wall clock, changed parts redrawn, sound out.

One `frame()` per loop turn handles every pending event, advances the engine, and redraws only what
changed (the phone's keys, display and LEDs, the panel's sections, the overlays), in the same frame as
the input that changed them. Tests drive `frame()` with posted events. F8 turns the phone around: the
back view has its own layout and renderer, so keys on the back are drawn and hit only there, while
what is held (latches included) belongs to the phone and stays as it turns.
"""

from __future__ import annotations

import sys
from typing import Any

import pygame

from simulator.core import Phone, softkey_index
from simulator.ui.app_input import MIN_SIZE, WindowInput, set_window_size
from simulator.ui.app_training import TrainingHooks
from simulator.ui.assets import THEME
from simulator.ui.config_view import ConfigView
from simulator.ui.draw_display import ScreenLook
from simulator.ui.draw_panel import Panel, PanelView, chip_label, draw_hint, key_order
from simulator.ui.draw_phone import PhoneLook, PhoneRenderer, led_colour
from simulator.ui.geometry import PhoneLayout, layout_phone, split_window, ui_scale
from simulator.ui.help_card import help_card
from simulator.ui.icon import load_icon
from simulator.ui.input_map import PhoneInput
from simulator.ui.model_index import ModelIndex
from simulator.ui.overlays import back_label, label_place, tooltip
from simulator.ui.session import Session
from simulator.ui.shortcuts import Shortcuts
from simulator.ui.sound import Sounds
from simulator.ui.state_file import StateFile
from simulator.ui.text import Text
from simulator.ui.timeline import cursor, segments
from simulator.ui.timeline import label as timeline_label
from simulator.ui.training_mode import Trainer

FPS = 60
IDLE_FPS = 30  # after a second with nothing to redraw: half the wake-ups, input still handled within 33 ms
IDLE_AFTER = FPS
DEFAULT_SIZE = THEME.sizes.default_window


class App(TrainingHooks, WindowInput):
    """The window onto one session's phone, with the side panel, input and sound."""

    def __init__(
        self,
        session: Session,
        *,
        size: tuple[int, int] = DEFAULT_SIZE,
        state_file: str | None = None,
        sound: bool = True,
        trainer: Trainer | None = None,
    ) -> None:
        self.session = session
        self.trainer = trainer or Trainer(session, session.catalog)
        self.state_file = StateFile(state_file) if state_file else None
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        self.text = Text()
        icon = load_icon()
        if icon is not None:
            pygame.display.set_icon(icon)  # before the window exists: some systems read it only then
        self.window = set_window_size(size)
        self.index = ModelIndex(session.catalog)
        self.sounds = Sounds(session.phone.model.tones) if sound else None
        self.running = True
        self.query = ""
        self.searching = False
        self.list_top = 0
        self.log_top = 0
        self.sticker = False
        self.help = False
        self.config_view = ConfigView()  # F6
        self.back = False  # the phone turned around: its back, with the label and any pinholes
        self.message = ""
        self.hover_pos: tuple[int, int] | None = None
        self._ctrl = False
        self._events_seen = len(session.phone.events)
        self._generation = session.generation
        self._build()
        self.input = self._make_input()

    @property
    def phone(self) -> Phone:
        return self.session.phone

    def _build(self) -> None:
        """Lay out the phone and panel for the window's size and the phone's model; all redrawn next frame."""
        size = self.window.get_size()
        self.scale = ui_scale(size)
        phone_area, panel_area = split_window(size)
        phone_area = self._reserve_band(phone_area)
        model = self.phone.model
        self.scene = pygame.Surface(size).convert()
        self.phone_area = phone_area
        self._views: dict[bool, tuple[PhoneLayout, PhoneRenderer]] = {}
        self._show_side()
        self.panel = Panel(self.text, panel_area, self.scale, len(model.procedures))
        self.parts = tuple(segments(model, self.phone.software))
        self._show_current_model()
        self._hint: tuple[object, ...] | None = None
        self._overlay_key: tuple[object, ...] | None = None
        self._overlays: list[tuple[pygame.Surface, pygame.Rect]] = []
        self._full = True
        pygame.display.set_caption(f"phonesim — {model.name}")

    def _show_side(self) -> None:
        """Lay out and draw the side `self.back` asks for; each side is built once per model and size."""
        if self.back not in self._views:
            side = "back" if self.back else "face"
            layout = layout_phone(self.phone.model, self.phone_area, self.text, self.scale, side)
            self._views[self.back] = (layout, PhoneRenderer(self.text, layout, self.phone.mac))
        self.layout, self.renderer = self._views[self.back]

    def _show_current_model(self) -> None:
        """Scroll the model list so the phone's own model is in view."""
        ids = [e.id for e in self.index.matching(self.query)]
        if self.phone.model.id in ids:
            at = ids.index(self.phone.model.id)
            if not self.list_top <= at < self.list_top + self.panel.list_rows:
                self.list_top = max(0, min(at - self.panel.list_rows // 2, len(ids) - self.panel.list_rows))

    def _make_input(self) -> PhoneInput:
        """Input for the current phone; hit tests always use the current layout (it changes on resize)."""
        self.shortcuts = Shortcuts(self.phone.model)
        return PhoneInput(self.phone, self.key_at, lambda pos: self.layout.screen_point(pos), self.shortcuts)

    def key_at(self, pos: tuple[float, float]) -> str | None:
        """The key under `pos`; an on-screen softkey with no label showing is just screen (a corner to touch)."""
        shown = self.phone.screen.softkeys
        blank = frozenset(
            spot.key.id
            for spot in self.layout.keys
            if (i := softkey_index(spot.key.id)) is not None
            and (i > len(shown) or shown[i - 1] is None)
            and spot.on_screen
        )
        return self.layout.key_at(pos, blank)

    def invalidate(self) -> None:
        """Redraw everything next frame (what a resize does, without rebuilding the layout)."""
        self.renderer.invalidate()
        self.panel.invalidate()
        self._hint = None
        self._full = True

    # -- the loop ----------------------------------------------------------------------------------------
    def run(self) -> int:
        clock = pygame.time.Clock()
        quiet = 0  # frames in a row that drew nothing
        while self.running:
            quiet = 0 if self.frame() else quiet + 1
            clock.tick(IDLE_FPS if quiet > IDLE_AFTER else FPS)
        self.write_state()
        return 0

    def frame(self) -> list[pygame.Rect]:
        """Handle pending events, advance the phone, redraw what changed; returns the areas redrawn."""
        for event in pygame.event.get():
            self.handle(event)
        if self.session.generation != self._generation:
            self._new_phone()
        self.session.tick()
        self.message = self.trainer.update() or self.message
        if self._band_changed():
            self._build()
        self._after_tick()
        areas = self.draw()
        if not self.index.complete:
            self.index.load_some(1)  # the model list shows the names from the next frame on
        self.write_state()
        return areas

    def _after_tick(self) -> None:
        events = self.phone.events
        if len(events) == self._events_seen:
            return
        if self.sounds is not None:
            self.sounds.events(events[self._events_seen :])
        self._events_seen = len(events)

    def _new_phone(self) -> None:
        self._generation = self.session.generation
        self.input = self._make_input()
        self._events_seen = 0
        self.log_top = 0
        self.back = False  # another phone is picked up face first
        if self.sounds is not None:
            self.sounds.set_tones(self.phone.model.tones)
        self._build()

    # -- drawing ------------------------------------------------------------------------------------------
    def hover_key(self) -> str | None:
        if self.hover_pos is None or self.help or not self.layout.area.collidepoint(self.hover_pos):
            return None
        return self.key_at(self.hover_pos)

    def phone_look(self) -> PhoneLook:
        phone = self.phone
        model = phone.model
        typing = phone.screen.entry is not None
        screen = ScreenLook(phone.screen, model.text_entry.labels.get(phone.input_mode) if typing else None)
        hover, latched = self.hover_key(), self.input.latched
        keys = {
            spot.key.id: self.renderer.key_look(
                spot, screen, spot.key.id in phone.held, spot.key.id in latched, spot.key.id == hover
            )
            for spot in self.layout.keys
        }
        leds = {
            led.id: led_colour(phone.leds.get(led.id, "off"), led.colours, phone.now_ms)
            for led in model.leds
            if led.id in self.layout.leds
        }
        pinned = self.input.latched_points
        touches = tuple((self.layout.screen_pos(p), p in pinned) for p in phone.touches)
        return PhoneLook(screen, keys, leds, touches)

    def panel_view(self) -> PanelView:
        s = self.session
        where = cursor(s.phone, list(self.parts))
        hover = self.panel.action_at(self.hover_pos) if self.hover_pos and not self.help else None
        return PanelView(
            phone=s.phone,
            speed=s.speed,
            paused=s.paused,
            sound_on=self.sounds is None or not self.sounds.muted,
            audio=self.sounds.enabled if self.sounds is not None else True,
            sticker=self.sticker,
            back=self.back,
            help=self.help,
            config=self.config_view.shown,
            entries=tuple(self.index.matching(self.query)),
            query=self.query,
            searching=self.searching,
            list_top=self.list_top,
            log_top=self.log_top,
            hover=hover,
            parts=self.parts,
            cursor=where,
            timeline_label=timeline_label(s.phone, where),
            combos=tuple(s.phone.combo_progress()),
            latched=self.input.latched,
            mode=self.trainer.mode,
            locked=self.trainer.refuse("mode") is not None,
        )

    def _overlay_list(self) -> tuple[tuple[object, ...], list[tuple[pygame.Surface, pygame.Rect]] | None]:
        """The overlays' signature, and the overlays themselves only when the signature changed."""
        hover = self.hover_key()
        key = (self.help, self.sticker, hover, hover in self.phone.held if hover else False, self._training_signature())
        key += self.config_view.key(self.phone)
        if key == self._overlay_key:
            return key, None
        size, scale, model = self.window.get_size(), self.scale, self.phone.model
        out = self._training_overlays()
        if hover is not None and hover not in self.phone.held:
            anchor = self.layout.spot(hover).rect
            out.append(tooltip(self.text, hover, self.shortcuts, anchor, self.window.get_rect(), scale))
        if self.config_view.shown:
            out.append(self.config_view.overlay(self.text, self.phone, self.layout.area, scale))
        if self.sticker:
            out.append(back_label(self.text, model, self.phone.mac, label_place(self.panel.rect, scale)))
        if self.help:
            exam = self.trainer.refuse("mode") is not None  # an exam: the card keeps the combination to itself
            out.append(help_card(self.text, model, self.shortcuts, size, scale, reveal=not exam))
        return key, out

    def draw(self) -> list[pygame.Rect]:
        """Redraw what changed and show it; returns the window areas updated (all of it on a full redraw)."""
        dirty = self.renderer.draw(self.scene, self.phone_look())
        dirty += self.panel.draw(self.scene, self.panel_view())
        hint = (self.phone.phase == "off", self.input.latched, len(self.input.latched_points), self.message)
        if hint != self._hint:
            self._hint = hint
            draw_hint(
                self.text,
                self.scene,
                self.layout.hint,
                self.scale,
                off=hint[0],
                latched=[chip_label(self.phone.model, k) for k in sorted(hint[1], key=key_order)],
                pinned=hint[2],
                message=self.message,
            )
            dirty.append(self.layout.hint)
        key, overlays = self._overlay_list()
        if overlays is not None:
            dirty += [r for _, r in self._overlays] + [r for _, r in overlays]
            self._overlays, self._overlay_key = overlays, key
        if self._full:
            self._full = False
            self.window.blit(self.scene, (0, 0))
            for surf, rect in self._overlays:
                self.window.blit(surf, rect)
            pygame.display.flip()
            return [self.window.get_rect()]
        for area in dirty:
            self.window.blit(self.scene, area, area)
        for surf, rect in self._overlays:
            for area in dirty:
                if rect.colliderect(area):
                    self.window.set_clip(area)
                    self.window.blit(surf, rect)
            self.window.set_clip(None)
        if dirty:
            pygame.display.update(dirty)
        return dirty

    # -- state for scripts ----------------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        phone = self.phone
        return {
            "model": phone.model.id,
            "software": phone.software,
            "phase": phone.phase,
            "state": phone.state,
            "screen": list(phone.screen.lines),
            "softkeys": list(phone.screen.softkeys),
            "held": sorted(phone.held),
            "latched": sorted(self.input.latched),
            "touches": [list(p) for p in phone.touches],
            "view": "back" if self.back else "front",
            "events": len(phone.events),
            "t": phone.now,
            **self.trainer.state(),
        }

    def write_state(self) -> None:
        """The state in the --state-file whenever it changes; a failure is said once, in the hint line and
        on stderr, and writing goes on trying."""
        if self.state_file is None:
            return
        failed = self.state_file.error
        self.state_file.write(self.state())
        if self.state_file.error and self.state_file.error != failed:
            self.message = self.state_file.error
            print(f"phonesim: {self.state_file.error}", file=sys.stderr)
