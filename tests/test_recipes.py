"""The reset recipe built from each model's data (used by `phonesim demo` and `make bench`) resets it."""

import pytest

from simulator.core.catalog import Catalog
from simulator.recipes import reset_by_mac, reset_procedure
from simulator.scenario import Runner

CATALOG = Catalog()


@pytest.mark.parametrize("model_id", [m for m in CATALOG.ids() if CATALOG.load(m).procedures])
def test_the_recipe_resets_the_model(catalog, model_id):
    model = catalog.load(model_id)
    runner = Runner(reset_by_mac(model))
    result = runner.run()
    assert result["ok"], result["failures"]
    kinds = [e["kind"] for e in result["events"]]
    if reset_procedure(model).action == "reset_prompt":
        assert "password_accepted" in kinds  # by the MAC: the admin password was changed
        assert runner.phone.admin_password == "456"
    assert kinds.count("factory_reset") == 1 and result["phase"] == "running"
