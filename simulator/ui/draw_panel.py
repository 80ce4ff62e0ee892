"""The side panel: power, model and software pickers, clock controls, hold meters, boot timeline, event log.

Each section is redrawn only when what it shows changed (its signature); clicks resolve to action
strings ("power", "model:vvx-410", "speed:2.0", ...) that the app carries out.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from simulator.ui.palette import PANEL
from simulator.ui.panel_base import PanelView, chip_label, clock_text, key_order, window_text
from simulator.ui.panel_meters import Meters
from simulator.ui.session import JUMP_FROM, SPEEDS
from simulator.ui.text import Text, readable_px

__all__ = ["Panel", "PanelView", "chip_label", "draw_hint", "key_order", "window_text"]

MIN_LOG_LINES = 8  # the model list gives up rows before the log drops below this


class Panel(Meters):
    def __init__(self, text: Text, rect: pygame.Rect, scale: float, combos: int) -> None:
        super().__init__(text, rect, scale)
        heights = {
            "header": self.pad * 2 + round(26 * scale) + round(8 * scale) + round(34 * scale),
            "model": 0,
            "clock": self._heading_h + 2 * self.row + round(8 * scale) + self.pad,
            "hold": self._heading_h + combos * self._combo_h + self.pad,
            "timeline": self._heading_h + round(46 * scale) + self.pad,
        }
        fixed = sum(heights.values())
        model_base = self._heading_h + self.row + round(10 * scale) + self.row + self.pad
        line = self.text.size("Ag", self.small, "mono")[1] + 2
        room = rect.h - fixed - model_base - self._heading_h - self.pad
        self.list_rows = max(2, min(6, (room - MIN_LOG_LINES * line) // self.list_row))
        heights["model"] = model_base + self.list_rows * self.list_row
        y = rect.y
        self.sections: dict[str, pygame.Rect] = {}
        for name, h in heights.items():
            self.sections[name] = pygame.Rect(rect.x, y, rect.w, h)
            y += h
        self.sections["log"] = pygame.Rect(rect.x, y, rect.w, rect.bottom - y)
        self.log_lines = max(1, (self.sections["log"].h - self._heading_h - self.pad) // line)
        self._targets = {name: [] for name in self.sections}
        self._signatures: dict[str, object] = {}
        self._drawers: dict[str, Callable[[pygame.Surface, pygame.Rect, PanelView], None]] = {
            "header": self._header,
            "model": self._model,
            "clock": self._clock,
            "hold": self._hold,
            "timeline": self._timeline,
            "log": self._log,
        }

    def draw(self, scene: pygame.Surface, view: PanelView) -> list[pygame.Rect]:
        """Redraw the sections whose signature changed; returns their rectangles."""
        drawn = []
        for name, rect in self.sections.items():
            signature = self._signature(name, view)
            if self._signatures.get(name) == signature:
                continue
            self._signatures[name] = signature
            self._targets[name] = []
            scene.set_clip(rect)
            scene.fill(PANEL.background, rect)
            pygame.draw.line(scene, PANEL.line, (rect.x, rect.bottom - 1), (rect.right, rect.bottom - 1))
            self._drawers[name](scene, rect, view)
            scene.set_clip(None)
            drawn.append(rect)
        return drawn

    def invalidate(self) -> None:
        self._signatures.clear()

    def action_at(self, pos: tuple[float, float]) -> str | None:
        for targets in self._targets.values():
            for rect, action in targets:
                if rect.collidepoint(pos):
                    return action
        return None

    def rect_of(self, action: str) -> pygame.Rect | None:
        """Where the button for `action` is (as last drawn)."""
        return next((r for targets in self._targets.values() for r, a in targets if a == action), None)

    def section_at(self, pos: tuple[float, float]) -> str | None:
        return next((name for name, rect in self.sections.items() if rect.collidepoint(pos)), None)

    def _signature(self, name: str, v: PanelView) -> object:
        phone = v.phone
        hover = v.hover if any(a == v.hover for _, a in self._targets[name]) else None
        if name == "header":
            return (phone.model.name, phone.phase == "off", v.sound_on, v.audio, v.sticker, v.back, v.help, v.config,
                    hover)  # fmt: skip
        if name == "model":
            ids = tuple((e.id, e.name, e.error is None) for e in v.entries)
            return (ids, v.query, v.searching, v.list_top, phone.model.id, phone.software, hover)
        if name == "clock":
            return (v.speed, v.paused, clock_text(phone), phone.phase in JUMP_FROM, v.mode, v.locked, hover)
        if name == "hold":
            combos = tuple((c.procedure.id, c.down, c.held_ms // 20, c.window_open) for c in v.combos)
            return (combos, phone.touches, phone.phase, v.latched, v.locked)
        if name == "timeline":
            return (v.parts, v.timeline_label, None if v.cursor is None else (v.cursor.ms // 50, v.cursor.moving))
        return (len(phone.events), v.log_top, phone.model.id, id(phone))

    # -- sections --------------------------------------------------------------------------------------
    def _header(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        s, pad = self.s, self.pad
        model = v.phone.model
        title_px = round(21 * s)
        self.text.blit(surf, model.name, title_px, PANEL.text, face="bold", at=(rect.x + pad, rect.y + pad))
        help_rect = pygame.Rect(0, 0, round(30 * s), round(26 * s))
        help_rect.topright = (rect.right - pad, rect.y + pad - 2)
        self._button(surf, "header", help_rect, "?", "help", v, PANEL.button_on if v.help else PANEL.button)
        config_w = self.text.size("Config (F6)", self.small, "sans")[0] + round(14 * s)
        config_rect = pygame.Rect(0, 0, config_w, help_rect.h)
        config_rect.topright = (help_rect.x - round(6 * s), help_rect.y)
        colour = PANEL.button_on if v.config else PANEL.button
        self._button(surf, "header", config_rect, "Config (F6)", "config", v, colour, px=self.small)
        display = "no display" if model.display.kind == "none" else model.display.kind
        meta = f"{model.brand} · {model.family} · {display}"
        meta_w = config_rect.x - rect.x - pad * 2 - self.text.size(model.name, title_px)[0] - round(12 * s)
        if meta_w > 40:
            self.text.blit(
                surf,
                self.text.elide(meta, self.small, meta_w, "sans"),
                self.small,
                PANEL.muted,
                face="sans",
                anchor="midright",
                at=(config_rect.x - round(10 * s), help_rect.centery),
            )
        row = pygame.Rect(rect.x + pad, rect.y + pad + round(34 * s), rect.w - 2 * pad, round(34 * s))
        off = v.phone.phase == "off"
        sound = "Sound on (M)" if v.sound_on and v.audio else ("Muted (M)" if v.audio else "No audio")
        power = ("Power on (P)" if off else "Power off (P)", "power", PANEL.power_on if off else PANEL.power_off)
        items = [
            power,
            (sound, "sound", PANEL.button),
            ("MAC label (Tab)", "label", PANEL.button_on if v.sticker else PANEL.button),
            ("Back view (F8)", "view", PANEL.button_on if v.back else PANEL.button),
        ]
        # Each button as wide as its label needs, all labels at one size: four buttons share a narrow row.
        gap = round(6 * s)
        needs = [self.text.size(label, self.px, "sans")[0] + round(14 * s) for label, _, _ in items]
        share = (row.w - gap * (len(items) - 1)) / sum(needs)
        x = float(row.x)
        buttons = []
        for need in needs:
            buttons.append(pygame.Rect(round(x), row.y, round(x + need * share) - round(x), row.h))
            x += need * share + gap
        px = min(
            self.text.fit(label, self.px, b.w - 8, "sans") for (label, _, _), b in zip(items, buttons, strict=True)
        )
        for (label, action, colour), button in zip(items, buttons, strict=True):
            self._button(surf, "header", button, label, action, v, colour, px)

    def _model(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        s, pad = self.s, self.pad
        shown = f"{len(v.entries)} model{'s' if len(v.entries) != 1 else ''}"
        y = self._heading(surf, rect, "Model", shown)
        field = pygame.Rect(rect.x + pad, y, rect.w - 2 * pad, self.row)
        pygame.draw.rect(surf, PANEL.field, field, border_radius=round(5 * s))
        border = PANEL.button_on if v.searching else PANEL.line
        pygame.draw.rect(surf, border, field, width=1, border_radius=round(5 * s))
        if v.query or v.searching:
            typed = v.query + ("|" if v.searching else "")
            self.text.blit(
                surf,
                typed,
                self.px,
                PANEL.text,
                face="sans",
                anchor="midleft",
                at=(field.x + round(8 * s), field.centery),
            )
        else:
            self.text.blit(
                surf,
                "Type to search models  ( / )",
                self.px,
                PANEL.muted,
                face="sans",
                anchor="midleft",
                at=(field.x + round(8 * s), field.centery),
            )
        self._target("model", field, "search")
        row_h = self.list_row
        y = field.bottom + round(4 * s)
        for entry in v.entries[v.list_top : v.list_top + self.list_rows]:
            row = pygame.Rect(field.x, y, field.w, row_h - 2)
            current = entry.id == v.phone.model.id
            if current or v.hover == f"model:{entry.id}":
                pygame.draw.rect(
                    surf, PANEL.button_on if current else PANEL.button_hover, row, border_radius=round(4 * s)
                )
            detail_colour = PANEL.bad if entry.error else (PANEL.text if current else PANEL.muted)
            detail_w = self.text.size(entry.detail, self.small, "sans")[0]
            self.text.blit(
                surf,
                entry.detail,
                self.small,
                detail_colour,
                face="sans",
                anchor="midright",
                at=(row.right - round(8 * s), row.centery),
            )
            name = self.text.elide(entry.name, self.px, row.w - detail_w - round(24 * s), "sans")
            self.text.blit(
                surf, name, self.px, PANEL.text, face="sans", anchor="midleft", at=(row.x + round(8 * s), row.centery)
            )
            self._target("model", row, f"model:{entry.id}")
            y += row_h
        if len(v.entries) > self.list_rows:
            track = pygame.Rect(field.right + 2, field.bottom + round(4 * s), 3, self.list_rows * row_h)
            share = self.list_rows / len(v.entries)
            thumb = pygame.Rect(
                track.x, track.y + round(track.h * v.list_top / len(v.entries)), 3, max(6, round(track.h * share))
            )
            pygame.draw.rect(surf, PANEL.line, track)
            pygame.draw.rect(surf, PANEL.muted, thumb)
        y = field.bottom + round(4 * s) + self.list_rows * row_h + round(6 * s)
        label_w = self.text.size("Software", self.px, "sans")[0] + round(12 * s)
        self.text.blit(
            surf, "Software", self.px, PANEL.muted, face="sans", anchor="midleft", at=(field.x, y + self.row // 2)
        )
        versions = list(v.phone.model.software.versions)
        if v.phone.software not in versions:
            versions.append(v.phone.software)
        chips = pygame.Rect(field.x + label_w, y, field.w - label_w, self.row)
        sw = v.phone.model.software
        buttons = [(sw.label(x), f"software:{x}", x == v.phone.software) for x in versions]
        self._row_of_buttons(surf, "model", chips, buttons, v)

    def _clock(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        s, pad = self.s, self.pad
        state = "paused" if v.paused else f"{v.speed:g}× speed"
        y = self._heading(surf, rect, "Clock", f"{clock_text(v.phone)} · {state}")
        row = pygame.Rect(rect.x + pad, y, rect.w - 2 * pad, self.row)
        items = [("Resume" if v.paused else "Pause", "pause", v.paused)]
        items += [(f"{x:g}×", f"speed:{x}", x == v.speed and not v.paused) for x in SPEEDS]
        self._row_of_buttons(surf, "clock", row, items, v, [1.6] + [1.0] * len(SPEEDS))
        gap = round(6 * s)
        jump = pygame.Rect(row.x, row.bottom + round(8 * s), round(row.w * 0.58), self.row)
        if not any(p.kind == "countdown" for p in v.parts):
            self._button(surf, "clock", jump, "No countdown here", "", v, PANEL.section)
        elif v.locked:
            self._button(surf, "clock", jump, "No jumps in an exam", "jump", v, PANEL.section)
        elif v.phone.phase in JUMP_FROM:
            self._button(surf, "clock", jump, "Jump to countdown (F9)", "jump", v)
        else:
            self._button(surf, "clock", jump, "Jump: power-cycle first", "jump", v, PANEL.section)
        mode = pygame.Rect(jump.right + gap, jump.y, row.right - jump.right - gap, self.row)
        label = "Exam: locked" if v.locked else f"{v.mode.capitalize()} mode (F7)"
        self._button(
            surf,
            "clock",
            mode,
            label,
            "mode:",
            v,
            PANEL.section if v.locked else (PANEL.button if v.mode == "free" else PANEL.button_on),
        )


def draw_hint(
    text: Text,
    surf: pygame.Surface,
    rect: pygame.Rect,
    scale: float,
    *,
    off: bool,
    latched: list[str],
    pinned: int,
    message: str,
) -> None:
    """The line under the phone: a problem to report, or the next thing worth knowing."""
    surf.fill(PANEL.phone_bg_bottom, rect)
    if message:
        line, colour = message, PANEL.warn
    elif off:
        line, colour = "The phone is off: press P (or Power on) to start it", PANEL.text
    elif latched or pinned:
        held = latched + ([f"{pinned} finger{'s' * (pinned > 1)} on the screen"] if pinned else [])
        line, colour = f"Latched: {' + '.join(held)}  ·  click it again or press Esc to release", PANEL.warn
    else:
        tips = [
            "Hover a key for its shortcut",
            "? all shortcuts",
            "right-click latches",
            "F8 back view",
            "Tab MAC label",
        ]
        px = readable_px(13, scale)
        while len(tips) > 2 and text.size("  ·  ".join(tips), px, "sans")[0] > rect.w - 20:
            tips.pop()  # whole tips dropped from the end, not one cut in the middle
        line, colour = "  ·  ".join(tips), PANEL.muted
    px = readable_px(13, scale)
    text.blit(surf, text.elide(line, px, rect.w - 20, "sans"), px, colour, face="sans", anchor="center", at=rect.center)
