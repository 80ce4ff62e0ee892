"""The demo and replay window: the phone performs a lesson's reference inputs, or a trace, by itself.

For a trainer in front of a class: every key press and touch shows on the drawn phone (a tap stays lit a
moment, so it is seen even at 4x), the panel says what happens and why (the lesson's milestone texts with
source and confidence), the hold meters fill, the boot timeline shows the real durations, and the line
under the phone says what the hands do now or what comes next. Space pauses, N steps to the next input,
`,` and `.` change the speed, R plays it again. The phone takes no input of its own here: clicks and keys
are the trainer's controls.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pygame

from simulator.core import Catalog
from simulator.training.lessons import find_lesson
from simulator.training.showing import Show
from simulator.ui.app import DEFAULT_SIZE, App
from simulator.ui.draw_phone import PhoneLook
from simulator.ui.input_map import LEFT
from simulator.ui.panel_base import PanelView
from simulator.ui.show_panel import ShowPanel, ShowView
from simulator.ui.show_session import ShowSession
from simulator.ui.window_run import fit_desktop, open_display

FLASH_S = 0.3  # wall seconds a key stays lit after it went down, so a 0.1 s tap at 4x is seen
KEYS: dict[int, str] = {
    pygame.K_SPACE: "pause",
    pygame.K_n: "step",
    pygame.K_RIGHT: "step",
    pygame.K_COMMA: "slower",
    pygame.K_PERIOD: "faster",
    pygame.K_r: "restart",
    pygame.K_TAB: "label",
    pygame.K_F8: "view",
    pygame.K_m: "sound",
    pygame.K_ESCAPE: "release",
    pygame.K_q: "quit",
}


class ShowApp(App):
    """The window onto a ShowSession: App's phone drawing, a ShowPanel, and the trainer's controls."""

    session: ShowSession

    def __init__(self, session: ShowSession, *, title: str, subtitle: str, **kwargs: object) -> None:
        self.title = title
        self.subtitle = subtitle
        self._flash: dict[str, float] = {}
        self._flash_seen = 0
        self._turned = False  # the demo turned the phone round itself (a pinhole is held)
        super().__init__(session, **kwargs)  # type: ignore[arg-type]

    def _build(self) -> None:
        super()._build()
        panel = self.panel
        self.panel = ShowPanel(self.text, panel.rect, self.scale, len(self._procedures()))
        pygame.display.set_caption(f"phonesim — {self.title}")

    def _new_phone(self) -> None:
        self._flash.clear()
        self._flash_seen = 0
        self._turned = False
        super()._new_phone()

    # -- input: the trainer's controls only ---------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        kind = event.type
        if kind == pygame.KEYDOWN:
            action = KEYS.get(event.key)
            if action == "quit" or (event.key == pygame.K_q and getattr(event, "mod", 0) & pygame.KMOD_CTRL):
                self.running = False
            elif action is not None:
                self.act(action)
        elif kind == pygame.MOUSEMOTION and not getattr(event, "touch", False):
            self.hover_pos = event.pos
        elif kind == pygame.MOUSEBUTTONDOWN and event.button == LEFT and not getattr(event, "touch", False):
            self._click(event.pos)
        elif kind == pygame.FINGERDOWN:
            w, h = self.window.get_size()
            self._click((round(event.x * w), round(event.y * h)))
        elif kind in (pygame.QUIT, pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.WINDOWLEAVE):
            super().handle(event)

    def _click(self, pos: tuple[int, int]) -> None:
        self.hover_pos = pos
        if self.sticker:
            self.sticker = False
            return
        action = self.panel.action_at(pos) if self.panel.rect.collidepoint(pos) else None
        if action:
            self.act(action)

    def act(self, action: str) -> None:
        if action == "step":
            self.session.step()
        elif action == "restart":
            self.session.restart()
        else:
            super().act(action)

    # -- drawing --------------------------------------------------------------------------------------------
    def hover_key(self) -> str | None:
        return None  # no shortcut tooltips: the phone is not the trainer's to press here

    def _after_tick(self) -> None:
        events = self.phone.events
        now = self.session.wall()
        for event in events[self._flash_seen :]:
            if event.kind == "key_down":
                self._flash[str(event.data["key"])] = now
        self._flash_seen = len(events)
        self._follow_hands()
        super()._after_tick()

    def _follow_hands(self) -> None:
        """Turn the phone round while a key on its back (a pinhole) is held, and face up again after, so the
        class sees the paper clip go in; a turn the trainer made (F8) is left alone."""
        back_keys = {k.id for k in self.phone.model.keys if k.side == "back"}
        wanted = any(k in back_keys for k in self.phone.held)
        if wanted != self.back and (wanted or self._turned):
            self._toggle_view()
            self._turned = wanted

    def phone_look(self) -> PhoneLook:
        look = super().phone_look()
        now = self.session.wall()
        lit = {k for k, at in self._flash.items() if now - at < FLASH_S}
        if not lit:
            return look
        keys = {k: replace(v, pressed=True) if k in lit and not v.pressed else v for k, v in look.keys.items()}
        return replace(look, keys=keys)

    def _procedures(self) -> set[str]:
        """The procedures the lesson uses (a two-step one with its first step): their hold meters are shown."""
        proc = self.session.show.plan.procedure
        return {p for p in (proc.id, proc.requires) if p} if proc is not None else set()

    def panel_view(self) -> PanelView:
        show = self.session.show
        base = super().panel_view()
        wanted = self._procedures()
        combos = tuple(c for c in base.combos if c.procedure.id in wanted)
        return ShowView.of(
            replace(base, combos=combos),
            title=self.title,
            subtitle=self.subtitle,
            caption=show.caption(),
            speeds=show.speeds,
            finished=show.finished,
        )

    def draw(self) -> list[pygame.Rect]:
        show = self.session.show
        self.message = show.caption().now + ("  ·  paused" if show.paused else "")
        return super().draw()


def run_show(catalog: Catalog, show: Show, *, title: str, subtitle: str, headless_hint: str) -> int:
    """Open the window on `show`; one line (with `headless_hint`) and exit code 2 when there is no display."""
    reason = open_display()
    if reason is not None:
        print(f"phonesim: no display to open a window on ({reason}); {headless_hint}", file=sys.stderr)
        return 2
    try:
        session = ShowSession(catalog, show)
        return ShowApp(session, title=title, subtitle=subtitle, size=fit_desktop(DEFAULT_SIZE)).run()
    finally:
        pygame.display.quit()


def demo_show(
    catalog: Catalog, model: str, goal: str | None = None, speed: float = 1.0, lesson: str | None = None
) -> tuple[Show, str, str]:
    """The show, title and subtitle of `phonesim demo MODEL [--goal GOAL]` (or of a lesson by its id)."""
    chosen = find_lesson(catalog, lesson) if lesson else None
    found = chosen.model if chosen else catalog.load(model)
    show = Show.demo(found, goal, speed, chosen)
    plan = show.plan
    words = show.title.split(": ", 1)[-1]
    mac = f" · MAC {show.scenario.mac}" if show.scenario.admin_password else ""
    return show, f"Demo · {found.name}", f"{words}{mac} · {plan.procedure.confidence if plan.procedure else 'menu'}"


def run_demo(
    catalog: Catalog, model: str = "vvx-410", goal: str | None = None, speed: float = 1.0, lesson: str | None = None
) -> int:
    """`phonesim demo [MODEL] [--goal GOAL] [--speed X]` (and `phonesim --mode demo [--lesson ID]`): the window
    performs the lesson's reference inputs by itself."""
    show, title, subtitle = demo_show(catalog, model, goal, speed, lesson)
    hint = f"`phonesim demo {show.phone.model.id} --text` plays the factory reset in the terminal"
    return run_show(catalog, show, title=title, subtitle=subtitle, headless_hint=hint)


def replay_show(catalog: Catalog, path: str, speed: float = 1.0) -> tuple[Show, str, str]:
    """The show, title and subtitle of `phonesim replay TRACE`."""
    from simulator.scenario import load_scenario
    from simulator.training.traces import TraceInfo, trace_info

    scenario = load_scenario(path, catalog)
    info = trace_info(path)
    show = Show.replay(scenario, speed)
    made = (f" · {info.trainee}" if info.trainee else "") + (f" · {info.mode}" if info != TraceInfo() else "")
    return show, f"Replay · {scenario.model.name}", f"{Path(path).name}{made} · {show.plan.goal}"


def run_replay(catalog: Catalog, path: str, speed: float = 1.0) -> int:
    """`phonesim replay TRACE [--speed X]`: the trace in the window, exactly, with its grade at the end."""
    show, title, subtitle = replay_show(catalog, path, speed)
    hint = f"`phonesim run {path}` replays it headless and `phonesim grade {path}` grades it"
    return run_show(catalog, show, title=title, subtitle=subtitle, headless_hint=hint)
