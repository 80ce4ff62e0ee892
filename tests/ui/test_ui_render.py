"""What the window draws, for every model at both target sizes: layout, colours, and the text snapshots.

Snapshots store the drawn text model (display lines, softkey labels, key labels, pressed and latched
keys), not pixels: font rasterisation differs between pygame builds. `--update-snapshots` rewrites them.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pygame
import pytest

from simulator.core.catalog import Catalog
from simulator.core.model import Rect
from simulator.ui.geometry import layout_phone
from simulator.ui.palette import DISPLAYS
from simulator.ui.text import Text
from tests.ui.driving import centre, click, mouse_down, post, press_key, to_cancel, wait

SIZES = [(1280, 800), (1920, 1080), (900, 600)]
SNAPSHOTS = Path(__file__).parent / "snapshots"
MODELS = Catalog().ids()


def close(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a[:3], b[:3], strict=True))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("model_id", MODELS)
def test_every_key_fits_the_phone_and_every_label_fits_its_key(make_app, model_id, size):
    app = make_app(model_id, size=size)
    lay, text = app.layout, app.text
    assert lay.area.contains(lay.body)
    assert lay.body.contains(lay.display)
    for spot in lay.keys:
        assert lay.body.contains(spot.rect), spot.key.id
        if spot.label_rect is not None:  # printed under a key too small for it
            assert lay.area.contains(spot.label_rect), spot.key.id
        elif spot.label_px and spot.key.label not in ("▲", "▼", "◀", "▶"):
            w, h = text.size(spot.key.label, spot.label_px)
            assert w <= spot.rect.w and h <= spot.rect.h, (spot.key.id, spot.key.label, (w, h), spot.rect)
            assert spot.label_px >= 13, spot.key.id  # legible
    for spot in lay.keys:  # every key can be hit at its centre unless a later key covers it
        later = [s.rect for s in lay.keys[lay.keys.index(spot) + 1 :]]
        if not any(r.collidepoint(spot.rect.center) for r in later):
            assert lay.key_at(spot.rect.center) == spot.key.id


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_panel_is_tidy_at_every_size(make_app, size):
    app = make_app(size=size)
    sections = list(app.panel.sections.values())
    assert all(app.panel.rect.contains(r) for r in sections)
    assert all(a.bottom <= b.top for a, b in itertools.pairwise(sections))
    smallest = size == (900, 600)  # the minimum window: fewer rows, the same text sizes
    assert app.panel.log_lines >= (4 if smallest else 8)
    assert app.panel.list_rows >= (2 if smallest else 3)
    assert not app.layout.area.colliderect(app.panel.rect)


def test_the_frontmost_key_wins_where_keys_overlap(catalog):
    model = catalog.load("vvx-410")
    five = model.key("5")
    cover = dataclasses.replace(model.key("6"), bounds=Rect(five.bounds.x + 2, five.bounds.y, 10, 6))
    keys = (*(k for k in model.keys if k.id != "6"), cover)
    layout = layout_phone(dataclasses.replace(model, keys=keys), pygame.Rect(0, 0, 900, 800), Text(), 1.0)
    inside_both = layout.spot("6").rect.center
    assert layout.spot("5").rect.collidepoint(inside_both)
    assert layout.key_at(inside_both) == "6"


def test_softkey_labels_are_part_of_their_keys_hit_area(make_app):
    app = make_app()
    to_cancel(app)
    tab = app.layout.spot("softkey_1").tab
    assert app.layout.display.contains(tab)
    assert app.layout.key_at(tab.center) == "softkey_1"


@pytest.mark.parametrize("model_id", ["vvx-410", "ip-650", "trio-8300"])
def test_the_display_is_dark_when_off_and_backlit_when_on(make_app, model_id):
    app = make_app(model_id)
    pal = DISPLAYS[app.phone.model.display.kind]
    spot = (app.layout.display.x + 2, app.layout.display.bottom - 2)
    assert close(app.window.get_at(spot), pal.unlit, 20)
    to_cancel(app)
    assert close(app.window.get_at((app.layout.display.centerx, app.layout.display.y + 1)), pal.top)
    assert app.renderer.drawn.screen.lines == app.phone.screen.lines


def test_a_pressed_key_is_drawn_pressed_in_the_same_frame(make_app):
    app = make_app()
    rect = app.layout.spot("8").rect
    probe = (rect.x + 4, rect.centery)
    before = app.window.get_at(probe)
    mouse_down(app, rect.center)
    pressed = app.window.get_at(probe)
    assert not close(before, pressed, 20)
    assert pressed.b > pressed.r  # the pressed face is tinted blue


def test_only_what_changed_is_redrawn(make_app):
    app = make_app()
    app.index.load_some(len(app.index.entries))  # names are read a few per frame after start-up
    app.frame()
    assert app.frame() == []  # nothing changed: nothing drawn, nothing sent to the screen
    post(pygame.KEYDOWN, key=pygame.K_9, mod=0, unicode="9")
    areas = app.frame()
    on_phone = [r for r in areas if app.layout.area.contains(r)]
    assert on_phone == [app.layout.spot("9").extent]  # the key alone; the panel's log and meters also changed


def _text_model(app) -> dict[str, object]:
    drawn = app.renderer.drawn
    screen = drawn.screen
    return {
        "phase": app.phone.phase,
        "screen": {
            "lit": screen.lit,
            "lines": list(screen.lines),
            "selected": screen.selected,
            "softkeys": screen.softkeys,
            "mode": screen.mode,
        },
        "labels": drawn.labels,
        "pressed": sorted(drawn.pressed),
        "latched": sorted(drawn.latched),
    }


def _countdown_hold(app, fake_time):
    to_cancel(app)
    press_key(app, pygame.K_F1)
    click(app, centre(app, "1"), button=3)
    click(app, centre(app, "3"), button=3)
    mouse_down(app, centre(app, "5"))
    wait(app, fake_time, 1.5)


def _password(app, fake_time):
    _countdown_hold(app, fake_time)
    wait(app, fake_time, 2.0)
    press_key(app, pygame.K_ESCAPE, "\x1b")
    for code, char in ((pygame.K_0, "0"), (pygame.K_0, "0"), (pygame.K_4, "4")):
        press_key(app, code, char)


def _menu(app, fake_time):
    app.act("power")
    wait(app, fake_time, 120)
    press_key(app, pygame.K_h, "h")
    press_key(app, pygame.K_DOWN)


STATES = {
    "off": lambda app, fake_time: None,
    "cancel": lambda app, fake_time: to_cancel(app),
    "countdown-hold": _countdown_hold,
    "password": _password,
    "menu": _menu,
}
CASES = [("vvx-410", state) for state in STATES] + [
    (model, "cancel") for model in ("ip-650", "ip-6000", "trio-8300", "spectralink-8400", "vvx-500", "vvx-1500")
]


@pytest.mark.parametrize(("model_id", "state"), CASES, ids=[f"{m}-{s}" for m, s in CASES])
def test_text_snapshot(make_app, fake_time, request, model_id, state):
    app = make_app(model_id)
    STATES[state](app, fake_time)
    app.frame()
    got = _text_model(app)
    path = SNAPSHOTS / f"{model_id}-{state}.json"
    if request.config.getoption("--update-snapshots"):
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
    assert path.exists(), f"no snapshot {path.name}; run pytest tests/ui --update-snapshots"
    assert got == json.loads(path.read_text()), f"{path.name} differs; run pytest tests/ui --update-snapshots"


def test_resizing_the_window_scales_the_phone(make_app):
    app = make_app(size=(1280, 800))
    small = app.layout.body.w
    pygame.display.set_mode((1920, 1080), pygame.RESIZABLE)
    post(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080)
    app.frame()
    assert app.scene.get_size() == (1920, 1080)
    assert app.layout.body.w > small
    assert app.layout.key_at(app.layout.spot("5").rect.center) == "5"
