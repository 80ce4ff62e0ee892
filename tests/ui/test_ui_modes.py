"""The window's training modes as a trainee meets them: guided steps and rings, mistakes explained at once,
practice hints and the result card, the exam's sticker, locks and result screen, traces saved and opened."""

from __future__ import annotations

import pygame

from simulator.cli import build_parser, main
from simulator.core import WallClock
from simulator.core.catalog import Catalog
from simulator.training.exam import make_exam
from simulator.training.grader import grade_file
from simulator.training.store import open_store
from simulator.ui.app import App
from simulator.ui.coach_view import coach_look
from simulator.ui.session import Session
from simulator.window_cli import _setup
from tests.ui.coaching import control, follow_coach, hold_keys, tap, type_text
from tests.ui.driving import FakeTime, click, post, wait


def _ringed(app: App, key: str) -> bool:
    """A guide ring is drawn around the key (an overlay framing it, not covering its centre)."""
    centre = app.layout.spot(key).rect.center
    return any(
        rect.collidepoint(centre) and surf.get_at((centre[0] - rect.x, centre[1] - rect.y)).a == 0
        for surf, rect in app._overlays
    )


def _card_shown(app: App) -> bool:
    """A card is drawn over the middle of the phone's side of the window."""
    return any(rect.collidepoint(app.left_area.center) and rect.w > app.left_area.w // 2 for _, rect in app._overlays)


def _to_cancel(app: App, fake_time: FakeTime) -> None:
    control(app, pygame.K_p, char="p")
    while app.phone.softkey_for("Cancel") is None:
        wait(app, fake_time, 0.5)


def test_guided_mode_says_the_step_and_rings_the_keys_to_press(modes_app, fake_time):
    app = modes_app("guided")
    assert app.state()["step"] == "Connect power." and app.state()["lesson"] == "vvx-410/6.4.3/factory_reset"
    _to_cancel(app, fake_time)
    look = coach_look(app.trainer, app.phone)
    assert look.step.startswith("Press Cancel now") and app.state()["highlighted"] == ["softkey_1"]
    assert _ringed(app, "softkey_1") and not _ringed(app, "5")
    tap(app, fake_time, "softkey_1")
    assert app.state()["highlighted"] == ["1", "3", "5"] and all(_ringed(app, k) for k in "135")
    for key in "135":
        post(pygame.KEYDOWN, key=ord(key), mod=0, unicode=key)
    app.frame()
    wait(app, fake_time, 1.2)
    assert coach_look(app.trainer, app.phone).hold == ("1 + 3 + 5", 1200, 3000)  # the band meters the hold


def test_at_the_prompt_guided_mode_rings_the_admin_password_and_ok(modes_app, fake_time):
    app = modes_app("guided")
    _to_cancel(app, fake_time)
    tap(app, fake_time, "softkey_1")
    hold_keys(app, fake_time, ["1", "3", "5"], 3.3)
    assert app.phone.phase == "password" and app.state()["step"].startswith("Type the admin password")
    ok = app.phone.softkey_for("OK")
    assert app.state()["highlighted"] == ["4", "5", "6", ok] and _ringed(app, ok)


def test_a_mistake_is_explained_on_screen_the_moment_it_happens(modes_app, fake_time):
    app = modes_app("guided")
    _to_cancel(app, fake_time)
    tap(app, fake_time, "softkey_1")
    hold_keys(app, fake_time, ["1", "3", "5"], 2.2)
    assert app.state()["mistakes"] == ["released_early"]
    shown = coach_look(app.trainer, app.phone).mistakes
    assert len(shown) == 1 and "0.8 s early" in shown[0] and shown[0].startswith("You let go")


def test_a_guided_lesson_ends_in_a_result_card_stored_for_the_trainee(modes_app, fake_time, tmp_path):
    app = modes_app("guided")
    follow_coach(app, fake_time)
    card = app.state()["card"]
    assert card["passed"] and card["score"] == 100 and card["mistakes"] == [] and _card_shown(app)
    assert card["stages"][:3] == ["power_on", "cancel_offered", "cancel"] and card["stages"][-1] == "idle"
    with open_store(tmp_path / "progress.sqlite3") as store:
        (stored,) = store.load()
    assert (stored.attempt.trainee, stored.attempt.mode, stored.attempt.grade.score) == ("Ana Silva", "guided", 100)
    control(app, pygame.K_s, pygame.KMOD_LCTRL)  # Ctrl+S: the trace, in the traces folder
    (saved,) = (tmp_path / "traces").glob("*.yaml")
    assert str(saved) in app.message and grade_file(saved, app.session.catalog).score == 100


def test_practice_has_no_rings_a_hint_costs_points_and_the_card_compares_with_the_best(modes_app, fake_time):
    app = modes_app("practice")
    _to_cancel(app, fake_time)
    assert app.state()["step"] is None and not _ringed(app, "softkey_1")
    control(app, pygame.K_h, pygame.KMOD_LCTRL)  # Ctrl+H
    assert app.state()["step"].startswith("Press Cancel now") and _ringed(app, "softkey_1")
    follow_coach(app, fake_time)
    first = app.state()["card"]
    assert first["passed"] and first["score"] == 95 and any("1 hint taken" in n for n in first["notes"])
    control(app, pygame.K_ESCAPE)  # Esc closes the card to look at the phone; Enter no longer answers it
    assert app.trainer.hidden and not app.trainer.showing_card and not _card_shown(app)
    control(app, pygame.K_r, pygame.KMOD_LCTRL)  # Ctrl+R: again, from power off
    assert app.phone.phase == "off" and app.state()["card"] is None
    control(app, pygame.K_COMMA, char=",")  # slower: 0.5x
    assert app.session.speed == 0.5
    follow_coach(app, fake_time)
    card = app.trainer.card
    assert card is not None and card.score == 100 and any("0.5x" in n for n in card.notes)
    assert card.best_seconds is not None and all(row.best is not None and row.diff is not None for row in card.rows)


def test_the_window_asks_the_trainee_once(modes_app):
    app = modes_app("practice", trainee=None)
    assert app.state()["asking"]
    click(app, app.panel.rect_of("power").center)  # the prompt has the window until it is answered
    assert app.phone.phase == "off" and app.state()["asking"]
    type_text(app, "Ben Okafor")
    assert app.state()["trainee"] == "Ben Okafor" and not app.state()["asking"]
    app.act("mode:guided")
    assert app.state()["mode"] == "guided" and not app.state()["asking"]


def test_a_trainee_who_skips_the_name_is_not_asked_again_and_nothing_is_kept(modes_app, fake_time):
    app = modes_app("guided", trainee=None)
    control(app, pygame.K_ESCAPE)
    app.act("mode:practice")
    assert not app.state()["asking"] and app.state()["trainee"] is None
    control(app, pygame.K_e, pygame.KMOD_LCTRL)
    assert "Not kept: no trainee named" in app.state()["card"]["notes"]


def test_an_exam_shows_the_sticker_locks_real_time_and_ends_in_a_result_screen(modes_app, fake_time, tmp_path):
    exam = make_exam(Catalog(), seed=11, items=2, models=["VVX 410", "Trio 8800"])
    app = modes_app("free", trainee="Ana Silva", exam=exam)
    assert app.state()["asking"]  # an exam always asks, the name filled in
    control(app, pygame.K_RETURN)
    assert app.state()["trainee"] == "Ana Silva" and app.state()["mode"] == "exam"
    look = coach_look(app.trainer, app.phone)
    assert look.sticker == (exam.items[0].sticker, app.phone.model.name) and app.phone.mac == exam.items[0].mac
    assert app.state()["exam"]["sticker"] == exam.items[0].sticker.upper()
    control(app, pygame.K_PERIOD, char=".")
    assert app.session.speed == 1.0 and "real time" in app.message
    control(app, pygame.K_F9)
    assert app.phone.phase == "off" and "No jumps" in app.message
    control(app, pygame.K_h, pygame.KMOD_LCTRL)
    assert app.state()["step"] is None and "No hints" in app.message
    app.act("model:vvx-500")
    assert app.phone.model.id == exam.items[0].model and "exam chooses" in app.message
    control(app, pygame.K_F7)
    assert app.state()["mode"] == "exam"
    control(app, pygame.K_p, char="p")
    wait(app, fake_time, 3)
    control(app, pygame.K_e, pygame.KMOD_LCTRL)  # Ctrl+E: the item ends here
    assert app.state()["exam"]["item"] == 2 and not app.state()["exam"]["finished"]
    control(app, pygame.K_RETURN)  # the next item
    assert app.phone.mac == exam.items[1].mac and app.phone.phase == "off"
    control(app, pygame.K_e, pygame.KMOD_LCTRL)
    state = app.state()["exam"]
    assert state["finished"] and state["id"] == exam.id and _card_shown(app)
    assert [r.grade.passed for r in app.trainer.exam.results] == [False, False] and state["score"] < 50
    assert app.trainer.refuse("speed") is None  # the exam is over: the clock is free again
    with open_store(tmp_path / "progress.sqlite3") as store:
        items = [(s.attempt.exam_id, s.attempt.item, s.attempt.mode) for s in store.load()]
    assert items == [(exam.id, 1, "exam"), (exam.id, 2, "exam")]


def test_mode_switches_from_the_panel_and_f7(modes_app):
    app = modes_app("free")
    assert app.state()["mode"] == "free"
    control(app, pygame.K_F7)
    assert app.state()["mode"] == "guided"
    app.act("mode:")  # the panel's mode button steps on too
    assert app.state()["mode"] == "practice"
    app.act("mode:demo")
    assert app.state()["mode"] == "practice" and "phonesim demo" in app.message
    app.act("model:trio-visual-plus")  # a device with nothing to practise on it
    app.frame()
    assert app.state()["mode"] == "free" and "no procedure to practise" in app.message


def test_a_trace_opens_with_its_grade(modes_app, fake_time, tmp_path, catalog):
    app = modes_app("guided")
    follow_coach(app, fake_time)
    control(app, pygame.K_s, pygame.KMOD_LCTRL)
    (saved,) = (tmp_path / "traces").glob("*.yaml")
    args = build_parser().parse_args(["--open", str(saved)])
    session = Session.open(catalog, "vvx-500", clock_factory=lambda: WallClock(source=fake_time))
    trainer = _setup(args, catalog)(session)
    assert session.phone.model.id == "vvx-410" and session.phone.phase == "running"
    assert trainer.state()["card"]["passed"] and trainer.opened.info.trainee == "Ana Silva"


def test_bad_training_options_get_one_line_before_any_window(capsys):
    assert main(["--lesson", "vvx-410/6.4.3/nothing"]) == 2
    assert main(["--mode", "free", "--lesson", "vvx-410/6.4.3/factory_reset"]) == 2
    assert main(["--mode", "demo", "--lesson", "vvx-410/6.4.3/nothing"]) == 2
    assert main(["--mode", "practice", "--model", "Trio Visual+"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("phonesim: no lesson") and "guided or practice" in err[1]
    assert err[2].startswith("phonesim: no lesson")
    assert err[3] == "phonesim: --mode practice: the Trio Visual+ has no procedure to practise"


def test_an_exam_hides_the_hold_meters_that_would_give_the_answer(modes_app):
    """The meters name each combination's keys and say when its window is open: not during an exam."""
    from dataclasses import replace

    from simulator.ui.palette import PANEL

    app = modes_app("free")
    app.frame()
    area = app.panel.sections["hold"]

    def chip_pixels(locked: bool) -> int:
        scene = app.scene.copy()
        app.panel.invalidate()
        app.panel.draw(scene, replace(app.panel_view(), locked=locked))
        sub = scene.subsurface(area)
        points = [(x, y) for x in range(0, area.w, 2) for y in range(0, area.h, 2)]
        return sum(1 for point in points if sub.get_at(point)[:3] == PANEL.button)

    assert chip_pixels(False) > 50  # the key chips of 1, 3, 5 and the others
    assert chip_pixels(True) == 0


def test_an_exam_keeps_the_answer_off_the_help_card_and_the_configuration_card(modes_app, monkeypatch):
    """The help card names the model's reset combination and the card the changed admin password."""
    from simulator.ui import app as app_module

    shown: list[bool] = []
    real = app_module.help_card

    def spy(*args, reveal=True):
        shown.append(reveal)
        return real(*args, reveal=reveal)

    monkeypatch.setattr(app_module, "help_card", spy)
    exam = make_exam(Catalog(), seed=3, items=1, models=["VVX 410"])
    app = modes_app("free", trainee="Ana Silva", exam=exam)
    control(app, pygame.K_RETURN)
    control(app, pygame.K_F6)
    assert not app.config_view.shown and "admin password" in app.message
    control(app, pygame.K_SLASH, pygame.KMOD_LSHIFT, char="?")
    assert app.help and shown[-1] is False
    control(app, pygame.K_ESCAPE)
    free = modes_app("free")
    control(free, pygame.K_SLASH, pygame.KMOD_LSHIFT, char="?")
    assert free.help and shown[-1] is True


def test_ctrl_s_saves_the_phone_in_hand_not_an_earlier_attempt_on_another(modes_app, fake_time, tmp_path):
    app = modes_app("guided", trainee="Ana Silva")
    control(app, pygame.K_e, pygame.KMOD_LCTRL)  # the guided VVX 410 attempt ends, its card shows
    assert _card_shown(app)
    control(app, pygame.K_F7)  # practice: a new attempt on the same phone
    app.act("model:trio-8800")
    wait(app, fake_time, 0.1)
    control(app, pygame.K_s, pygame.KMOD_LCTRL)
    (saved,) = (tmp_path / "traces").glob("*.yaml")
    assert "trio-8800" in saved.name and "model: trio-8800" in saved.read_text()
