"""docs/models/ has a current reference page and picture for every model (`make docs` rewrites them)."""

import importlib.util
from pathlib import Path

import pytest

from simulator.core.catalog import Catalog

DOCS = Path(__file__).parents[1] / "docs" / "models"
_spec = importlib.util.spec_from_file_location("make_model_pages", DOCS.parent / "make_model_pages.py")
pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pages)


@pytest.mark.parametrize("model_id", Catalog().ids())
def test_every_model_has_a_current_page(catalog, model_id):
    model = catalog.load(model_id)
    assert (DOCS / f"{model_id}.md").read_text() == pages.page(model), "run `make docs`"
    assert (DOCS / f"{model_id}.png").stat().st_size > 10_000


def test_the_picture_shows_the_reset_in_progress(catalog):
    from simulator.scenario import Runner

    runner = Runner(pages.reset_moment(catalog.load("trio-8800")))
    assert runner.run()["ok"]
    phone = runner.phone
    assert len(phone.touches) == 4
    assert {phone.leds[i] for i in ("mute_left", "mute_centre", "mute_right")} == {"flashing"}
    assert not any(e.kind == "factory_reset" for e in phone.events)
