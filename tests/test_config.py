"""The configuration model: which layer wins, where a value came from, what each reset removes."""

import pytest

from simulator.core.cfgfile import parse_cfg
from simulator.core.config import (
    ADMIN_PASSWORD,
    FACTORY_DEFAULTS,
    LAYERS,
    RESETS,
    Config,
    web_file_supported,
)
from simulator.core.provisioning import ProvisioningServer

MAC = "0004f2aa814c"

#: What each option must clear, restated from the FAQ (not read from the data file it checks).
EXPECTED = {
    "reset_local": {"local"},
    "reset_web": {"web"},
    "reset_device": {"device"},
    "reset_network": {"device"},  # the network settings only: see the next test
    "format_file_system": {"local", "web", "provisioning"},
    "factory_reset": {"device", "local", "web", "provisioning"},
}


def full_config() -> Config:
    config = Config()
    config.set("device", ADMIN_PASSWORD, "8675309")
    config.set("device", "device.net.vlanId", "20")
    config.set("local", "lcl.ml.lang", "Deutsch")
    config.set("web", "up.backlight.onIntensity", "2")
    config.set("provisioning", "reg.1.address", "1001")
    return config


def test_the_old_names_still_work():
    assert LAYERS == ("device", "local", "web", "provisioning", "factory")
    assert ADMIN_PASSWORD == "device.auth.localAdminPassword"
    assert FACTORY_DEFAULTS[ADMIN_PASSWORD] == "456"
    assert FACTORY_DEFAULTS["device.auth.localUserPassword"] == "123"
    config = Config()
    assert config.admin_password == "456"
    assert set(config.layers) == set(LAYERS)
    assert config.layers["factory"] == dict(FACTORY_DEFAULTS)


def test_the_highest_layer_holding_a_value_wins_and_says_so():
    config = Config()
    assert config.effective("lcl.ml.lang") == (None, "factory")  # no source gives its factory value
    for layer, value in (("provisioning", "English"), ("web", "Français"), ("local", "Deutsch")):
        config.set(layer, "lcl.ml.lang", value)
        assert config.effective("lcl.ml.lang") == (value, layer)
    assert config.values("lcl.ml.lang") == {"local": "Deutsch", "web": "Français", "provisioning": "English"}
    config.unset("local", "lcl.ml.lang")
    assert config.effective("lcl.ml.lang") == ("Français", "web")


def test_a_device_setting_in_flash_wins_over_a_file_and_a_name_nobody_knows_has_no_layer():
    config = Config()
    config.set("provisioning", ADMIN_PASSWORD, "1111")
    assert config.effective(ADMIN_PASSWORD) == ("1111", "provisioning")
    config.set("device", ADMIN_PASSWORD, "2222")
    assert config.effective(ADMIN_PASSWORD) == ("2222", "device")
    assert config.effective("no.such.parameter") == (None, None)


def test_the_factory_layer_cannot_be_written_or_cleared():
    config = Config()
    with pytest.raises(ValueError, match="layer"):
        config.set("factory", ADMIN_PASSWORD, "1")
    with pytest.raises(ValueError, match="factory"):
        config.clear("factory")


def test_clear_returns_the_layers_that_held_anything():
    config = full_config()
    config.clear("web")
    assert config.clear("device", "web", "local") == ["device", "local"]
    assert config.admin_password == "456"


def test_every_change_reaches_the_listener_as_layer_param_old_new():
    seen = []
    config = Config(listener=lambda *change: seen.append(change))
    config.set("local", "lcl.ml.lang", "Deutsch")
    config.set("local", "lcl.ml.lang", "Deutsch")  # no change, no report
    config.menu_change("lcl.ml.lang", "Français")
    config.reset("reset_local")
    assert seen == [
        ("local", "lcl.ml.lang", None, "Deutsch"),
        ("local", "lcl.ml.lang", "Deutsch", "Français"),
        ("local", "lcl.ml.lang", "Français", None),
    ]


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_reset_clears_exactly_its_layers(kind):
    config = full_config()
    before = {layer: dict(params) for layer, params in config.layers.items()}
    result = config.reset(kind)
    changed = {layer for layer in LAYERS if config.layers[layer] != before[layer]}
    assert changed == EXPECTED[kind]
    assert result.cleared == [layer for layer in LAYERS if layer in EXPECTED[kind]]
    assert result.application == (kind == "format_file_system")
    assert config.layers["factory"] == before["factory"]


def test_the_network_reset_keeps_the_passwords_and_reset_device_settings_does_not():
    config = full_config()
    result = config.reset("reset_network")
    assert result.removed == {"device": ("device.net.vlanId",)}
    assert config.admin_password == "8675309"
    assert config.effective("device.net.vlanId") == ("", "factory")
    config.reset("reset_device")
    assert config.admin_password == "456"


def test_the_admin_password_is_a_device_setting_with_its_evidence():
    spec = Config().catalog.get(ADMIN_PASSWORD)
    assert spec.kind == "device"
    assert spec.kind_confidence == "single-source"
    assert "device.cfg" in spec.kind_source and "CDP/LLDP" in spec.kind_source


def test_a_menu_change_stays_on_a_phone_without_a_server_and_beats_the_files():
    config = Config()
    config.set("provisioning", "lcl.ml.lang", "English")
    change = config.menu_change("lcl.ml.lang", "Deutsch")
    assert (change.layer, change.old, change.new, change.written) == ("local", None, "Deutsch", None)
    assert config.effective("lcl.ml.lang") == ("Deutsch", "local")
    assert config.origin("lcl.ml.lang") == "phone menu"


def test_menu_and_web_changes_are_written_back_to_the_server_as_override_files():
    server = ProvisioningServer("http://prov")
    config = Config()
    config.attach(server, MAC)
    assert config.menu_change("lcl.ml.lang", "Deutsch").written == f"{MAC}-phone.cfg"
    assert config.menu_change("up.backlight.onIntensity", "1").written == f"{MAC}-phone.cfg"
    assert config.web_change("up.backlight.idleIntensity", "0").written == f"{MAC}-web.cfg"
    assert parse_cfg(server.files[f"{MAC}-phone.cfg"]) == {"lcl.ml.lang": "Deutsch", "up.backlight.onIntensity": "1"}
    assert parse_cfg(server.files[f"{MAC}-web.cfg"]) == {"up.backlight.idleIntensity": "0"}
    assert config.origin("lcl.ml.lang") == f"{MAC}-phone.cfg"
    assert server.written == [f"{MAC}-phone.cfg"] * 2 + [f"{MAC}-web.cfg"]


def test_a_device_setting_changed_in_the_menu_goes_to_flash_not_to_the_override_file():
    server = ProvisioningServer("http://prov")
    config = Config()
    config.attach(server, MAC)
    change = config.menu_change("device.net.vlanId", "30")
    assert (change.layer, change.written) == ("device", None)
    assert server.files == {}


def test_before_3_3_0_web_changes_go_into_the_phone_file():
    assert not web_file_supported("3.2.0") and web_file_supported("3.3.0") and web_file_supported("6.4.3")
    server = ProvisioningServer("http://prov")
    config = Config()
    config.attach(server, MAC)
    change = config.web_change("lcl.ml.lang", "Deutsch", web_file=web_file_supported("3.2.0"))
    assert (change.layer, change.written) == ("local", f"{MAC}-phone.cfg")


def test_a_value_the_parameter_does_not_take_is_refused():
    config = Config()
    with pytest.raises(ValueError, match=r"up\.backlight\.onIntensity: expected one of 0, 1, 2, 3"):
        config.menu_change("up.backlight.onIntensity", "9")
    with pytest.raises(ValueError, match="4094"):
        config.menu_change("device.net.vlanId", "5000")
    assert config.layers["local"] == {} and config.layers["device"] == {}


def test_reset_local_empties_the_phone_file_on_the_server_and_factory_reset_leaves_it():
    server = ProvisioningServer("http://prov")
    config = Config()
    config.attach(server, MAC)
    config.menu_change("lcl.ml.lang", "Deutsch")
    config.web_change("up.backlight.onIntensity", "1")
    assert config.reset("factory_reset").server_files == ()
    assert parse_cfg(server.files[f"{MAC}-phone.cfg"]) == {"lcl.ml.lang": "Deutsch"}
    assert config.reset("reset_local").server_files == (f"{MAC}-phone.cfg",)
    assert parse_cfg(server.files[f"{MAC}-phone.cfg"]) == {}
    assert config.reset("reset_web").server_files == (f"{MAC}-web.cfg",)
    assert parse_cfg(server.files[f"{MAC}-web.cfg"]) == {}


def test_the_table_lists_every_parameter_with_its_value_layer_and_origin():
    config = full_config()
    config.set("provisioning", "feature.custom.x", "1", origin="site.cfg")
    rows = {row.param: row for row in config.table()}
    assert set(config.catalog.parameters) < set(rows)
    assert (rows[ADMIN_PASSWORD].value, rows[ADMIN_PASSWORD].layer, rows[ADMIN_PASSWORD].origin) == (
        "8675309",
        "device",
        "flash",
    )
    assert (rows["feature.custom.x"].layer, rows["feature.custom.x"].origin) == ("provisioning", "site.cfg")
    assert rows["feature.custom.x"].kind == "application"
    assert rows["up.backlight.idleIntensity"].origin.startswith("built-in")
    assert rows["device.net.cdpEnabled"].description


def test_the_reset_table_names_each_menu_option():
    labels = {kind: RESETS[kind].label for kind in RESETS}
    assert labels == {
        "reset_local": "Reset Local Configuration",
        "reset_web": "Reset Web Configuration",
        "reset_device": "Reset Device Settings",
        "reset_network": "Reset network settings",
        "format_file_system": "Format File System",
        "factory_reset": "Reset to Factory",
    }
    with pytest.raises(ValueError, match="unknown reset"):
        Config().reset("reset_everything")
