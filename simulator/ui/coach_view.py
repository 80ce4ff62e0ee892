"""What the training modes draw: the coach band over the phone, the keys to press ringed on the phone,
the result card, the exam's MAC sticker and result screen, and the trainee's name prompt.

All of it is drawn as overlays on the window from what `Trainer` holds (`CoachLook` is its signature:
the overlays are redrawn only when it changes). The band sits in room taken from the top of the phone
area, so it never covers a key.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.core import Phone
from simulator.training.coach import STAGE_WORDS
from simulator.training.lessons import GOAL_TITLES
from simulator.ui.geometry import PhoneLayout
from simulator.ui.overlays import CARD, INK
from simulator.ui.palette import PANEL, Colour
from simulator.ui.text import Text, readable_px
from simulator.ui.training_mode import Trainer

GUIDE_RING: Colour = PANEL.good  # the keys guided mode says to press
BAND_H = {"guided": 132, "practice": 116, "exam": 150}  # at scale 1
STICKER_W = 270
MODE_TITLES = {"guided": "GUIDED", "practice": "PRACTICE", "exam": "EXAM", "free": "FREE"}
CORNER_SPOTS = {"top_left": (0.08, 0.1), "top_right": (0.92, 0.1), "bottom_left": (0.08, 0.9),
                "bottom_right": (0.92, 0.9)}  # fmt: skip

Overlay = tuple[pygame.Surface, pygame.Rect]
AGAIN = "Enter or Ctrl+R: try again from power off · Ctrl+S: save the trace · Esc: close"
EXAM_OVER = "Every item is kept in the progress store (phonesim report) · F7 leaves the exam · Ctrl+Q quits"


def band_height(trainer: Trainer, scale: float) -> int:
    return round(BAND_H.get(trainer.mode, 0) * scale)


@dataclass(frozen=True)
class CoachLook:
    """The band's contents this frame."""

    mode: str
    title: str
    step: str
    why: str
    mistakes: tuple[str, ...]
    hold: tuple[str, int, int] | None  # the keys held, ms held, ms needed
    sticker: tuple[str, str] | None  # the MAC as printed, the model's name
    footer: str


def coach_look(trainer: Trainer, phone: Phone) -> CoachLook:
    mode = trainer.mode
    hint = trainer.hint()
    exam = trainer.exam
    if exam is not None and exam.finished:
        title = f"Exam finished · {trainer.trainee or 'no trainee'}"
    elif exam is not None:
        title = f"{exam.task()} · {trainer.trainee or 'trainee?'}"
    elif trainer.lesson is not None:
        title = trainer.lesson.title
    else:
        title = phone.model.name
    if exam is not None and exam.finished:
        step = f"Score {exam.score}: {exam.passed} of {len(exam.results)} items passed."
        footer = "F7 leaves the exam (free mode) · Ctrl+Q quits"
    elif mode == "exam":
        step = "Real time: no hints, no pause, no jumps. The sticker has the phone's MAC."
        footer = "Ctrl+E ends the item · Ctrl+Q quits"
    elif trainer.card is not None:
        step = "The attempt is over: its result is on the card."
        footer = "Enter or Ctrl+R: again from power off · Ctrl+S: save the trace · F7 next mode"
    elif mode == "practice":
        step = hint.text if hint else "No highlights in practice: do it from memory."
        footer = "Ctrl+H hint (-5 points) · Ctrl+E end · Ctrl+R try again · , / . clock speed"
    else:
        step = hint.text if hint else ("Done: the goal is reached." if trainer.card else "")
        footer = "Ctrl+E end · Ctrl+R start again · F7 next mode"
    hold = None
    proc = trainer.attempt.coach.plan.procedure if trainer.attempt and mode != "exam" else None
    for combo in phone.combo_progress() if proc is not None and trainer.card is None else ():
        if combo.procedure.id == proc.id and (combo.held_ms or (hint is not None and hint.hold_seconds)):
            what = " + ".join(sorted(proc.keys)) or (f"{proc.fingers} fingers" if proc.fingers else "the corners")
            hold = (what, combo.held_ms, proc.hold_ms)
    sticker = None
    if exam is not None and not exam.finished:
        sticker = (exam.item.sticker, phone.model.name)
    mistakes = tuple(m.detail[0].upper() + m.detail[1:] for m in trainer.news) if mode != "exam" else ()
    return CoachLook(mode, title, step, hint.why if hint and mode == "guided" else "", mistakes, hold, sticker, footer)


def _panel(size: tuple[int, int], scale: float, colour: Colour = PANEL.section) -> pygame.Surface:
    surf = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.rect(surf, colour, (0, 0, *size), border_radius=round(8 * scale))
    pygame.draw.rect(surf, PANEL.line, (0, 0, *size), width=1, border_radius=round(8 * scale))
    return surf


def band(text: Text, rect: pygame.Rect, scale: float, look: CoachLook) -> Overlay:
    """The strip over the phone: mode and task, the step to do, mistakes as they happen, the hold meter."""
    surf = pygame.Surface(rect.size)
    surf.fill(PANEL.background)
    pygame.draw.line(surf, PANEL.line, (0, rect.h - 1), (rect.w, rect.h - 1))
    pad = round(12 * scale)
    px, small = readable_px(15, scale), readable_px(12, scale)
    right = rect.w - pad
    if look.sticker is not None:
        w = min(round(STICKER_W * scale), rect.w // 3)
        card = pygame.Rect(rect.w - pad - w, pad // 2, w, rect.h - pad)
        sticker(text, surf, card, scale, *look.sticker)
        right = card.x - pad
    width = right - pad
    y = round(8 * scale)
    tag = MODE_TITLES.get(look.mode, look.mode.upper())
    tag_rect = text.blit(surf, tag, small, PANEL.heading, face="bold", at=(pad, y + 1))
    title = text.elide(look.title, small, width - tag_rect.w - pad, "sans")
    text.blit(surf, title, small, PANEL.muted, face="sans", at=(tag_rect.right + pad, y))
    y += text.size("Ag", small, "sans")[1] + round(4 * scale)
    line_h = text.size("Ag", px, "sans")[1]
    for line in text.wrap(look.step, px, width, "sans")[:2]:
        text.blit(surf, line, px, PANEL.text, face="sans", at=(pad, y))
        y += line_h
    bottom = rect.h - pad // 2 - text.size("Ag", small, "sans")[1]
    if look.hold is not None:
        keys, held, needed = look.hold
        bar = pygame.Rect(pad, y + 2, min(width, round(260 * scale)), max(6, round(10 * scale)))
        pygame.draw.rect(surf, PANEL.field, bar, border_radius=3)
        share = min(1.0, held / needed) if needed else 0.0
        if share:
            fill = pygame.Rect(bar.x, bar.y, max(3, round(bar.w * share)), bar.h)
            pygame.draw.rect(surf, PANEL.good if share >= 1 else PANEL.warn, fill, border_radius=3)
        label = f"hold {keys}: {held / 1000:.1f} / {needed / 1000:g} s"
        text.blit(surf, label, small, PANEL.muted, face="sans", anchor="midleft", at=(bar.right + pad, bar.centery))
        y = bar.bottom + round(4 * scale)
    small_h = text.size("Ag", small, "sans")[1]
    for detail in look.mistakes:
        if y + small_h > bottom:
            break
        text.blit(surf, text.elide(f"✗ {detail}", small, width, "sans"), small, PANEL.bad, face="sans", at=(pad, y))
        y += small_h
    if look.why and not look.mistakes and y + small_h <= bottom:
        text.blit(surf, text.elide(f"Why: {look.why}", small, width, "sans"), small, PANEL.muted, face="sans",
                  at=(pad, y))  # fmt: skip
    text.blit(surf, text.elide(look.footer, small, width, "sans"), small, PANEL.heading, face="sans",
              at=(pad, bottom))  # fmt: skip
    return surf, rect


def sticker(text: Text, surf: pygame.Surface, card: pygame.Rect, scale: float, mac: str, model: str) -> None:
    """The exam item's MAC sticker: the address large, as printed on the phone's label."""
    pygame.draw.rect(surf, CARD, card, border_radius=round(6 * scale))
    pad = round(8 * scale)
    small = readable_px(12, scale)
    text.blit(surf, text.elide(model, small, card.w - 2 * pad, "sans"), small, INK, face="sans",
              at=(card.x + pad, card.y + pad))  # fmt: skip
    big = text.fit(mac, readable_px(20, scale), card.w - 2 * pad, "mono", minimum=12)
    y = card.y + pad + text.size("Ag", small, "sans")[1] + round(2 * scale)
    text.blit(surf, "MAC", small, INK, face="bold", at=(card.x + pad, y))
    y += text.size("Ag", small, "bold")[1]
    text.blit(surf, mac, big, INK, face="mono", at=(card.x + pad, y))
    y += text.size("Ag", big, "mono")[1] + round(4 * scale)
    bars = pygame.Rect(card.x + pad, y, card.w - 2 * pad, max(4, card.bottom - pad - y))
    bits = "".join(f"{int(c, 16):04b}" for c in mac if c.isalnum())
    unit = bars.w / max(1, len(bits) * 2)
    for i, bit in enumerate(bits):
        x0 = round(bars.x + 2 * i * unit)
        surf.fill(INK, (x0, bars.y, max(1, round(unit * (1.6 if bit == "1" else 0.7))), bars.h))


def rings(layout: PhoneLayout, keys: tuple[str, ...], touch: tuple[str, ...], scale: float) -> list[Overlay]:
    """A ring around each key to press (and each corner to touch): guided mode's "here"."""
    out = []
    width = max(3, round(3 * scale))
    spots = {spot.key.id: spot for spot in layout.keys}
    targets = [spots[k].rect.inflate(2 * width + 4, 2 * width + 4) for k in keys if k in spots]
    radius = max(10, layout.display.h // 12)
    targets += [pygame.Rect(0, 0, 2 * radius, 2 * radius) for _ in touch]
    for n, rect in enumerate(targets):
        if n >= len(targets) - len(touch):
            rect.center = layout.screen_pos(CORNER_SPOTS[touch[n - (len(targets) - len(touch))]])
        surf = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.rect(surf, GUIDE_RING, (0, 0, *rect.size), width=width, border_radius=min(rect.size) // 3)
        out.append((surf, rect))
    return out


def _card_box(
    text: Text, area: pygame.Rect, scale: float, lines: list[tuple[str, int, Colour, str]], footer: str = ""
) -> Overlay:
    """A card centred in `area` holding `lines` (text, px, colour, face) and the `footer` saying which keys
    answer it; lines beyond its room are left off, the footer stays."""
    if footer:
        lines = [*lines, (footer, _sizes(scale)[0], PANEL.heading, "sans")]
    pad = round(16 * scale)
    width = min(area.w - 2 * pad, round(640 * scale))
    wrapped = []
    for line, px, colour, face in lines:
        parts = (
            [text.elide(line, px, width - 2 * pad, face)]
            if face == "mono"
            else text.wrap(line, px, width - 2 * pad, face)
        )
        for part in parts:
            wrapped.append((part, px, colour, face, text.size("Ag", px, face)[1]))
    room = area.h - 2 * pad
    height = 2 * pad + sum(h for *_, h in wrapped)
    while height > room and len(wrapped) > 3:
        height -= wrapped.pop(-2)[4]  # the footer stays; rows give way from the end
    surf = _panel((width, min(height, room)), scale, PANEL.background)
    y = pad
    for part, px, colour, face, h in wrapped:
        text.blit(surf, part, px, colour, face=face, at=(pad, y))
        y += h
    return surf, surf.get_rect(center=area.center)


def _sizes(scale: float) -> tuple[int, int, int]:
    """The cards' text sizes: body, small, title."""
    return readable_px(14, scale), readable_px(13, scale), readable_px(22, scale)


def _diff(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds:+.1f} s"


def result_card(text: Text, area: pygame.Rect, scale: float, trainer: Trainer) -> Overlay | None:
    """After an attempt: passed or not, the score, each stage against the best, the mistakes; for an exam
    item just that it is done (scores come at the end), and the exam's result screen once all are."""
    _, small, big = _sizes(scale)
    exam = trainer.exam
    if exam is not None and exam.finished:
        return exam_result(text, area, scale, trainer)
    if exam is not None and trainer.card is not None:
        lines = [(f"Item {exam.index} of {len(exam.exam.items)} done", big, PANEL.text, "bold")]
        return _card_box(text, area, scale, lines, "Enter: the next item")
    card = trainer.opened.card if trainer.opened else trainer.card
    if card is None or trainer.hidden:
        return None
    grade = trainer.opened.grade if trainer.opened else trainer.last.grade  # type: ignore[union-attr]
    colour = PANEL.good if card.passed else PANEL.bad
    total = f"{card.seconds:.1f} s" + (f" (best {card.best_seconds:.1f} s)" if card.best_seconds is not None else "")
    what = f"{trainer.catalog.load(grade.model).name} · {GOAL_TITLES.get(grade.goal, grade.goal)} · {total}"
    lines = [(card.title, big, colour, "bold"), (what, small, PANEL.muted, "sans"),
             ("", small, PANEL.muted, "sans"),
             (f"{'stage':<20}{'time':>9}{'best':>9}{'diff':>9}", small, PANEL.heading, "mono")]  # fmt: skip
    for row in card.rows:
        best = f"{row.best:.1f} s" if row.best is not None else "-"
        line = f"{STAGE_WORDS.get(row.stage, row.stage)[:19]:<20}{row.seconds:>7.1f} s{best:>9}{_diff(row.diff):>9}"
        lines.append((line, small, PANEL.text, "mono"))
    lines.append(("", small, PANEL.muted, "sans"))
    if card.mistakes:
        lines += [(f"✗ {m.detail[:1].upper()}{m.detail[1:]}", small, PANEL.bad, "sans") for m in card.mistakes]
    else:
        lines.append(("No mistakes.", small, PANEL.good, "sans"))
    lines += [(note, small, PANEL.muted, "sans") for note in card.notes]
    if trainer.opened:
        info = trainer.opened.info
        who = f"{info.trainee or 'someone'}, {info.mode} mode at {info.speed:g}x"
        lines.append((f"{trainer.opened.path}: {who}", small, PANEL.muted, "sans"))
        return _card_box(text, area, scale, lines, "Esc or Enter: close and look at the phone and its event log")
    return _card_box(text, area, scale, lines, AGAIN)


def exam_result(text: Text, area: pygame.Rect, scale: float, trainer: Trainer) -> Overlay:
    exam, (px, small, big) = trainer.exam, _sizes(scale)
    assert exam is not None
    head = f"Exam finished · score {exam.score} · {exam.passed} of {len(exam.results)} passed"
    lines = [(head, big, PANEL.good if exam.passed == len(exam.results) else PANEL.text, "bold"),
             (f"{trainer.trainee or 'no trainee'} · seed {exam.exam.seed} · exam {exam.exam.id[:8]}", small,
              PANEL.muted, "sans"), ("", small, PANEL.muted, "sans")]  # fmt: skip
    for r in exam.results:
        verdict = "PASS" if r.grade.passed else "FAIL"
        colour = PANEL.good if r.grade.passed else PANEL.bad
        line = f"{r.item.number}. {verdict} {r.grade.score:3d}  {r.model_name}: {GOAL_TITLES[r.item.goal]}"
        lines.append((line, px, colour, "sans"))
        lines.append((f"    {r.stages_text() or 'no stage reached'}", small, PANEL.muted, "sans"))
    return _card_box(text, area, scale, lines, EXAM_OVER)


def name_prompt(text: Text, area: pygame.Rect, scale: float, trainer: Trainer) -> Overlay:
    asking, (px, _, big) = trainer.asking, _sizes(scale)
    assert asking is not None
    escape = "" if trainer.exam is not None else " · Esc: not now (attempts are not kept)"
    lines = [
        (asking.reason, big, PANEL.text, "bold"),
        ("Type your name:", px, PANEL.muted, "sans"),
        (f"{asking.text}|", big, PANEL.heading, "sans"),
        (f"Enter: confirm{escape}", px, PANEL.muted, "sans"),
    ]
    return _card_box(text, area, scale, lines)
