"""The panel's lower sections: a hold meter per combination, the boot timeline, and the event log."""

from __future__ import annotations

import pygame

from simulator.core import CORNERS, corner_of
from simulator.ui.palette import PANEL, SEGMENT_COLOURS, event_colour, mix
from simulator.ui.panel_base import CORNER_NAMES, PanelBase, PanelView, chip_label, key_order, window_text
from simulator.ui.timeline import Segment


def _cursor_x(parts: tuple[Segment, ...], spans: list[pygame.Rect], at: int) -> int:
    """The cursor's x: each segment has its own scale, so walk them."""
    for part, seg in zip(parts, spans, strict=True):
        if at <= part.ms:
            return seg.x + round(seg.w * at / part.ms) if part.ms else seg.x
        at -= part.ms
    return spans[-1].right


EXAM_HIDDEN = "Hidden during an exam: no hints"


class Meters(PanelBase):
    def _hold(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        s, pad = self.s, self.pad
        latched = " + ".join(sorted(v.latched, key=key_order))
        y = self._heading(surf, rect, "Hold meters", f"latched: {latched}" if latched else "")
        if v.locked:  # the meters name each combination's keys and its window: the answer to an exam item
            shown = self.text.elide(EXAM_HIDDEN, self.px, rect.w - 2 * pad, "sans")
            self.text.blit(surf, shown, self.px, PANEL.muted, face="sans", at=(rect.x + pad, y))
            return
        corners = {corner_of(p) for p in v.phone.touches}
        for combo in v.combos:
            proc = combo.procedure
            status, colour = window_text(combo, v.phone)
            status_w = self.text.size(status, self.small, "sans")[0]
            name = proc.id.replace("_", " ").capitalize()
            name = self.text.elide(name, self.px, rect.w - 2 * pad - status_w - round(10 * s), "sans")
            self.text.blit(surf, name, self.px, PANEL.text, face="sans", at=(rect.x + pad, y))
            self.text.blit(
                surf, status, self.small, colour, face="sans", anchor="topright", at=(rect.right - pad, y + 1)
            )
            line = pygame.Rect(rect.x + pad, y + self.text_h + 1, rect.w - 2 * pad, self.chip_h)
            chips = [(chip_label(v.phone.model, k), k in combo.down) for k in proc.ordered_keys]
            chips += [(CORNER_NAMES[c], c in corners) for c in CORNERS if c in proc.touch]
            if proc.fingers:
                chips.append((f"{proc.fingers} fingers", len(v.phone.touches) == proc.fingers))
            x = line.x
            for label, down in chips:
                w = max(round(22 * s), self.text.size(label, self.small, "sans")[0] + round(10 * s))
                chip = pygame.Rect(x, line.y, w, line.h)
                pygame.draw.rect(surf, PANEL.button_on if down else PANEL.button, chip, border_radius=round(4 * s))
                self.text.blit(surf, label, self.small, PANEL.button_text, face="sans", anchor="center", at=chip.center)
                x = chip.right + round(4 * s)
            bar = pygame.Rect(x + round(4 * s), line.y, max(1, line.right - x - round(4 * s)), line.h)
            pygame.draw.rect(surf, PANEL.field, bar, border_radius=round(4 * s))
            share = combo.held_ms / proc.hold_ms if proc.hold_ms else 0.0
            fill = pygame.Rect(bar.x, bar.y, max(4, round(bar.w * share)), bar.h) if share > 0 else None
            if fill is not None:
                pygame.draw.rect(surf, PANEL.warn if share < 1 else PANEL.good, fill, border_radius=round(4 * s))
            label = f"{combo.held_ms / 1000:.1f} / {proc.hold_ms / 1000:g} s"
            if self.text.size(label, self.small, "sans")[0] < bar.w - 4:
                self.text.blit(surf, label, self.small, PANEL.text, face="sans", anchor="center", at=bar.center)
                if fill is not None:  # dark where the fill is, light beyond it: readable at any share
                    clip = surf.get_clip()
                    surf.set_clip(fill.clip(clip))
                    self.text.blit(surf, label, self.small, PANEL.field, face="sans", anchor="center", at=bar.center)
                    surf.set_clip(clip)
            y += self._combo_h

    def _timeline(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        s, pad = self.s, self.pad
        y = self._heading(surf, rect, "Boot timeline", v.timeline_label)
        bar = pygame.Rect(rect.x + pad, y + round(8 * s), rect.w - 2 * pad, round(24 * s))
        parts = v.parts
        total = sum(p.ms for p in parts) or 1
        minimum = round(30 * s)
        spare = max(0, bar.w - minimum * len(parts))
        x = float(bar.x)
        spans = []
        for part in parts:
            w = minimum + spare * part.ms / total
            seg = pygame.Rect(round(x), bar.y, max(1, round(x + w) - round(x) - 2), bar.h)
            spans.append(seg)
            colour = SEGMENT_COLOURS[part.kind]
            if part.optional:
                pygame.draw.rect(surf, mix(colour, PANEL.background, 0.55), seg, border_radius=round(4 * s))
                pygame.draw.rect(surf, colour, seg, width=1, border_radius=round(4 * s))
            else:
                pygame.draw.rect(surf, colour, seg, border_radius=round(4 * s))
            label = f"{part.label} {part.ms / 1000:g}s"
            if self.text.size(label, self.small, "sans")[0] > seg.w - 4:
                label = f"{part.ms / 1000:g}s"
            if self.text.size(label, self.small, "sans")[0] <= seg.w - 2:
                self.text.blit(surf, label, self.small, PANEL.button_text, face="sans", anchor="center", at=seg.center)
            x += w
        if any(p.optional for p in parts):
            caption = "countdown only after Cancel"
        elif any(p.kind == "countdown" for p in parts):
            caption = "BootROM countdown (software before the Updater)"
        else:
            caption = "no countdown on this model"
        self.text.blit(
            surf,
            f"{total / 1000:g} s in all · {caption}",
            self.small,
            PANEL.muted,
            face="sans",
            at=(bar.x, bar.bottom + round(4 * s)),
        )
        if v.cursor is None:
            return
        colour = PANEL.text if v.cursor.moving else PANEL.warn
        cx = _cursor_x(parts, spans, v.cursor.ms)
        pygame.draw.line(surf, colour, (cx, bar.y - round(4 * s)), (cx, bar.bottom + 1), max(2, round(2 * s)))
        tip = round(5 * s)
        pygame.draw.polygon(surf, colour, [(cx - tip, bar.y - tip - 4), (cx + tip, bar.y - tip - 4), (cx, bar.y - 2)])

    def _log(self, surf: pygame.Surface, rect: pygame.Rect, v: PanelView) -> None:
        pad = self.pad
        events = v.phone.events
        note = f"{len(events)} events" + (f" · scrolled {v.log_top}" if v.log_top else "")
        y = self._heading(surf, rect, "Event log · newest first", note)
        line_h = self.text.size("Ag", self.small, "mono")[1] + 2
        width = rect.w - 2 * pad
        end = len(events) - v.log_top
        for event in reversed(events[max(0, end - self.log_lines) : end]):
            colour = event_colour(event.kind)
            line = self.text.elide(event.describe(), self.small, width, "mono")
            self.text.blit(surf, line, self.small, colour, face="mono", at=(rect.x + pad, y))
            y += line_h
