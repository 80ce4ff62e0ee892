"""The scenario `server:` block and the mid-scenario changes to it: built as written, refused in one line."""

import pytest

from simulator.core.cfgfile import parse_cfg
from simulator.core.config import ADMIN_PASSWORD, Config
from simulator.core.provisioning import MASTER_FILE, apply_boot, plan_boot
from simulator.core.server_setup import parse_server, parse_server_change
from simulator.core.validate import Node
from simulator.core.yamlio import DataError, load_text

MAC = "0004f2aa814c"

BLOCK = """\
server:
  address: http://prov.example.com
  found_by: [dhcp_option_160, ztp]
  software: "6.4.3"
  files:
    site.cfg:
      device.set: "1"
      device.auth.localAdminPassword: "8675309"
      device.auth.localAdminPassword.set: "1"
      device.net.vlanId: 20
    "[PHONE_MAC_ADDRESS]-phone.cfg": {up.backlight.onIntensity: "1"}
    raw.cfg: |
      <polycomConfig><lcl lcl.ml.lang="Deutsch"/></polycomConfig>
"""


def server_node(text: str) -> Node:
    return Node(load_text(text, "s.yaml"), "s.yaml").get("server")


def change_node(text: str) -> Node:
    return Node(load_text(text, "s.yaml"), "s.yaml")


def test_a_block_builds_the_server_and_the_network_for_the_phone():
    setup = parse_server(server_node(BLOCK))
    env = setup.build(MAC)
    assert env.server.address == "http://prov.example.com"
    assert sorted(env.server.files) == sorted([MASTER_FILE, "site.cfg", f"{MAC}-phone.cfg", "raw.cfg"])
    assert parse_cfg(env.server.files[MASTER_FILE]) == {"APP_FILE_PATH": "sip.ld", "CONFIG_FILES": "site.cfg, raw.cfg"}
    assert env.server.software == {"sip.ld": "6.4.3"}
    assert env.discovery.dhcp_options == {160: "http://prov.example.com"}
    assert env.discovery.ztp == {MAC: "http://prov.example.com"}
    assert env.device_settings == {}
    config = Config()
    apply_boot(config, plan_boot(env.discovery.find(config, MAC), MAC, "6.4.3"))
    assert config.admin_password == "8675309"
    assert config.effective("lcl.ml.lang") == ("Deutsch", "provisioning")
    assert config.effective("up.backlight.onIntensity") == ("1", "local")


def test_a_static_server_is_a_device_setting_the_phone_already_holds():
    env = parse_server(server_node("server: {found_by: static}")).build(MAC)
    assert env.device_settings == {"device.prov.serverName": "http://provisioning.example.com"}
    config = Config()
    assert env.discovery.find(config, MAC) is None
    for param, value in env.device_settings.items():
        config.set("device", param, value)
    assert env.discovery.find(config, MAC).method == "static"
    config.reset("reset_network")
    assert env.discovery.find(config, MAC) is None, "a network reset forgets a typed-in server"


def test_a_given_master_file_is_kept_as_written():
    block = "server:\n  found_by: []\n  files:\n    000000000000.cfg: {CONFIG_FILES: a.cfg}\n"
    setup = parse_server(server_node(block))
    assert [name for name, _ in setup.files] == [MASTER_FILE]
    assert parse_cfg(setup.files[0][1]) == {"CONFIG_FILES": "a.cfg"}
    assert setup.found_by == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("server: {found_by: carrier_pigeon}", "s.yaml:1: server.found_by: expected one of dhcp_option_160"),
        ("server: {found_by: [ztp, ztp]}", "s.yaml:1: server.found_by: expected each method once"),
        ("server: {}", "s.yaml:1: server.found_by: is required"),
        ("server: {found_by: ztp, colour: red}", "s.yaml:1: server.colour: unknown field"),
        ("server: {found_by: ztp, software: 6.4}", "server.software: expected a quoted version"),
        ("server: {found_by: ztp, software: soon}", "server.software: expected a version such as"),
        (
            "server:\n  found_by: ztp\n  files:\n    site.txt: {a: b}\n",
            "s.yaml:4: server.files.site.txt: expected a file name",
        ),
        (
            "server:\n  found_by: ztp\n  files:\n    s.cfg:\n      device.net.vlanId: 9999\n",
            "s.yaml:5: server.files.s.cfg.device.net.vlanId: expected a whole number from 0 to 4094",
        ),
        (
            "server:\n  found_by: ztp\n  files:\n    s.cfg: {lcl.ml.lang: 1.10}\n",
            "server.files.s.cfg.lcl.ml.lang: expected a quoted value",
        ),
        (
            "server:\n  found_by: ztp\n  files:\n    s.cfg: {device.set: yes}\n",
            'server.files.s.cfg.device.set: expected "0" or "1" for a .set flag',
        ),
        (
            "server:\n  found_by: ztp\n  files:\n    000000000000.cfg: {config_files: a.cfg}\n",
            "000000000000.cfg.config_files: expected a master file attribute",
        ),
        (
            "server:\n  found_by: ztp\n  files:\n    s.cfg: '<polycomConfig><up'\n",
            "s.yaml:4: server.files.s.cfg: expected a configuration file a phone can read",
        ),
    ],
)
def test_a_bad_block_is_one_line(text, expected):
    with pytest.raises(DataError) as err:
        parse_server(server_node(text))
    assert "\n" not in str(err.value)
    assert expected in str(err.value)


def test_mid_scenario_changes_do_what_they_say():
    env = parse_server(server_node(BLOCK)).build(MAC)
    steps = [
        ("{remove_file: '[PHONE_MAC_ADDRESS]-phone.cfg'}", f"removed {MAC}-phone.cfg"),
        ("{remove_file: gone.cfg}", "gone.cfg was not on the server"),
        ("{put_file: {extra.cfg: {reg.1.address: '1001'}}}", "wrote extra.cfg"),
        ("{add_software: {sip.ld: '7.0.0'}}", "sip.ld now holds UC Software 7.0.0"),
        ("{disable_dhcp_option: 160}", "DHCP no longer offers option 160"),
        ("{disable_dhcp_option: all}", "DHCP offered no such option"),
        ("{clear_ztp: true}", "ZTP no longer knows this phone"),
        ("{remove_software: sip.ld}", "removed sip.ld"),
    ]
    for text, said in steps:
        assert parse_server_change(change_node(text)).apply(env) == said
    assert f"{MAC}-phone.cfg" not in env.server.files
    assert parse_cfg(env.server.files["extra.cfg"]) == {"reg.1.address": "1001"}
    assert env.server.software == {}
    assert env.discovery.find(Config(), MAC) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{explode: true}", "explode: unknown field"),
        ("{remove_file: a.cfg, clear_ztp: true}", "expected one change"),
        ("{disable_dhcp_option: 67}", "expected 66, 160 or all, got 67"),
        ("{clear_ztp: false}", "clear_ztp: expected true"),
        ("{add_software: {a.ld: '1.0.0', b.ld: '2.0.0'}}", "expected one version"),
        ("{put_file: {a.cfg: {device.net.vlanId: x}}}", "put_file.a.cfg.device.net.vlanId: expected a whole number"),
    ],
)
def test_a_bad_change_is_one_line(text, expected):
    with pytest.raises(DataError) as err:
        parse_server_change(change_node(text))
    assert "\n" not in str(err.value) and expected in str(err.value)


def test_the_files_a_block_writes_carry_the_device_flags_a_phone_needs():
    env = parse_server(server_node(BLOCK)).build(MAC)
    site = parse_cfg(env.server.files["site.cfg"])
    assert site["device.set"] == "1" and site[f"{ADMIN_PASSWORD}.set"] == "1"
    assert site["device.net.vlanId"] == "20"
