"""Apps on a headless display and a wall clock whose time the test moves; the snapshot update switch.

Run `make test ARGS=--update-snapshots` to rewrite the stored text snapshots after a deliberate change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from simulator.core.catalog import Catalog
from simulator.core.clock import WallClock
from simulator.ui.app import App
from simulator.ui.session import Session
from simulator.ui.training_mode import build_trainer
from tests.ui.driving import FakeTime


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def make_app(catalog: Catalog, fake_time: FakeTime) -> Iterator[Callable[..., App]]:
    """`make_app("vvx-410", size=(1280, 800))`: a window on a phone whose clock only `advance()` moves."""
    pygame.display.init()
    pygame.event.set_allowed(None)
    pygame.event.clear()

    def make(model: str = "vvx-410", size: tuple[int, int] = (1280, 800), **kwargs: object) -> App:
        session = Session.open(catalog, model, clock_factory=lambda: WallClock(source=fake_time))
        app = App(session, size=size, **kwargs)  # type: ignore[arg-type]
        app.frame()
        return app

    yield make
    pygame.event.clear()


@pytest.fixture
def modes_app(catalog: Catalog, fake_time: FakeTime, tmp_path: Path, monkeypatch) -> Iterator[Callable[..., App]]:
    """`modes_app("guided", trainee=...)`: a window in a training mode, its store in a temporary folder."""
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path))
    pygame.display.init()
    pygame.event.set_allowed(None)
    pygame.event.clear()

    def make(mode: str = "guided", *, model: str = "vvx-410", trainee: str | None = "Ana Silva", **kw: object) -> App:
        session = Session.open(catalog, model, clock_factory=lambda: WallClock(source=fake_time))
        trainer = build_trainer(session, catalog, mode=mode, trainee=trainee, **kw)  # type: ignore[arg-type]
        app = App(session, size=(1280, 800), sound=False, trainer=trainer)
        app.frame()
        return app

    yield make
    pygame.event.clear()
