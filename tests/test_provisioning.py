"""The simulated provisioning server: which server a phone finds, what it downloads, and the FAQ's story."""

import pytest

from simulator.core.cfgfile import parse_cfg, write_master
from simulator.core.config import ADMIN_PASSWORD, Config
from simulator.core.provisioning import (
    MASTER_FILE,
    Discovery,
    ProvisioningServer,
    apply_boot,
    plan_boot,
)

MAC = "0004f2aa814c"
ADDRESS = "http://prov.example.com"
#: A provider's files: the admin password set in flash, a language, a line.
SITE = {
    "device.set": "1",
    ADMIN_PASSWORD: "8675309",
    f"{ADMIN_PASSWORD}.set": "1",
    "lcl.ml.lang": "Deutsch",
    "reg.1.address": "1001",
}


def provider(**files) -> ProvisioningServer:
    master = write_master({"APP_FILE_PATH": "sip.ld", "CONFIG_FILES": "site.cfg"})
    return ProvisioningServer(ADDRESS, {MASTER_FILE: master, "site.cfg": SITE, **files}, {"sip.ld": "6.4.3"})


def network(server: ProvisioningServer, **kw) -> Discovery:
    discovery = Discovery(**kw)
    discovery.add(server)
    return discovery


def boot(config: Config, discovery: Discovery, software: str | None = "6.4.3"):
    plan = plan_boot(discovery.find(config, MAC), MAC, software)
    apply_boot(config, plan)
    return plan


def provisioned(**net) -> tuple[ProvisioningServer, Discovery, Config]:
    """The provider's server on a network, and a phone that has booted from it once."""
    server = provider()
    discovery = network(server, **(net or {"dhcp_options": {66: ADDRESS}}))
    config = Config()
    boot(config, discovery)
    return server, discovery, config


def texts(plan) -> list[str]:
    return [m.text for m in plan.messages]


# -- discovery ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("device", "net", "expected"),
    [
        ({}, {}, None),
        ({}, {"dhcp_options": {66: "a"}}, ("dhcp_option_66", "a")),
        ({}, {"dhcp_options": {66: "a", 160: "b"}}, ("dhcp_option_160", "b")),
        ({"device.dhcp.enabled": "0"}, {"dhcp_options": {66: "a"}}, None),
        ({}, {"dhcp": False, "dhcp_options": {66: "a"}}, None),
        ({"device.prov.serverName": "s"}, {}, ("static", "s")),
        ({"device.prov.serverName": "s"}, {"dhcp_options": {66: "a"}}, ("dhcp_option_66", "a")),
        (
            {"device.prov.serverName": "s", "device.dhcp.bootSrvUseOpt": "2"},
            {"dhcp_options": {66: "a"}},
            ("static", "s"),
        ),
        ({"device.dhcp.bootSrvUseOpt": "2"}, {"dhcp_options": {66: "a"}}, None),
        ({"device.dhcp.bootSrvUseOpt": "1", "device.dhcp.bootSrvOpt": "150"}, {"dhcp_options": {66: "a"}}, None),
        (
            {"device.dhcp.bootSrvUseOpt": "3", "device.dhcp.bootSrvOpt": "150"},
            {"dhcp_options": {66: "a", 150: "c"}},
            ("dhcp_option_150", "c"),
        ),
        ({}, {"ztp": {MAC: "z"}}, ("ztp", "z")),
        ({"device.prov.ztpEnabled": "0"}, {"ztp": {MAC: "z"}}, None),
        ({}, {"ztp": {"0004f2000000": "z"}}, None),
        ({}, {"ztp": {MAC: "z"}, "dhcp_options": {66: "a"}}, ("dhcp_option_66", "a")),
    ],
)
def test_which_server_a_phone_finds(device, net, expected):
    config = Config()
    for param, value in device.items():
        config.set("device", param, value)
    found = Discovery(**net).find(config, MAC)
    assert (found and (found.method, found.address)) == (expected or None)


def test_an_address_nobody_answers_at_is_found_but_unreachable():
    found = Discovery(dhcp_options={66: "http://gone"}).find(Config(), MAC)
    assert found.server is None and found.how == "DHCP option 66"
    plan = plan_boot(found, MAC, "6.4.3")
    assert "Provisioning server http://gone does not answer" in texts(plan)
    assert plan.provisioning is None


def test_removing_the_dhcp_option_or_ztp_entry_changes_what_the_phone_finds():
    server = provider()
    discovery = network(server, dhcp_options={66: ADDRESS, 160: ADDRESS}, ztp={MAC: ADDRESS})
    assert discovery.find(Config(), MAC).method == "dhcp_option_160"
    assert discovery.disable_dhcp_option(160) == [160]
    assert discovery.find(Config(), MAC).method == "dhcp_option_66"
    discovery.disable_dhcp_option()
    assert discovery.find(Config(), MAC).method == "ztp"
    assert discovery.clear_ztp(MAC) == [MAC]
    assert discovery.find(Config(), MAC) is None


def test_the_phone_takes_its_address_from_dhcp_unless_dhcp_is_off():
    config = Config()
    assert Discovery(lease="10.0.0.7").ip_address(config) == "10.0.0.7"
    config.set("device", "device.dhcp.enabled", "0")
    config.set("device", "device.net.ipAddress", "192.168.5.5")
    assert Discovery().ip_address(config) == "192.168.5.5"


# -- the boot download ----------------------------------------------------------------------------


def test_a_phone_fetches_software_that_differs_from_its_own_with_the_ip_7000_messages():
    found = network(provider(), dhcp_options={66: ADDRESS}).find(Config(), MAC)
    plan = plan_boot(found, MAC, "6.3.0")
    assert plan.software == "6.4.3"
    assert texts(plan)[:5] == [
        "Waiting for network to initialize",
        f"Provisioning server {ADDRESS} (DHCP option 66)",
        "Downloading new application",
        "Checking new application",
        "Saving new application",
    ]
    assert plan.messages[2].confidence == "single-source" and "IP7000-IG" in plan.messages[2].source
    assert plan_boot(found, MAC, "6.4.3").software is None
    refused = plan_boot(found, MAC, "6.3.0", supported=lambda version: version < "6.4")
    assert refused.software is None and "cannot run" in texts(refused)[-2]


def test_the_first_listed_file_wins_and_each_value_names_its_file():
    master = write_master({"CONFIG_FILES": "phone.cfg, site.cfg, gone.cfg"})
    server = provider(**{MASTER_FILE: master, "phone.cfg": {"lcl.ml.lang": "English", "up.backlight.timeout": "60"}})
    plan = plan_boot(network(server, dhcp_options={66: ADDRESS}).find(Config(), MAC), MAC, "6.4.3")
    assert plan.provisioning == {"lcl.ml.lang": "English", "up.backlight.timeout": "60", "reg.1.address": "1001"}
    assert plan.sources["lcl.ml.lang"] == "phone.cfg" and plan.sources["reg.1.address"] == "site.cfg"
    assert plan.files == ("phone.cfg", "site.cfg") and plan.missing == ("gone.cfg",)
    assert "gone.cfg not found on the provisioning server" in texts(plan)
    assert plan.software is None  # this master names no application


def test_a_mac_master_file_wins_over_the_default_one():
    server = provider(**{f"{MAC}.cfg": write_master({"CONFIG_FILES": "mine.cfg"}), "mine.cfg": {"reg.1.address": "7"}})
    plan = plan_boot(network(server, dhcp_options={66: ADDRESS}).find(Config(), MAC), MAC, "6.4.3")
    assert plan.master == f"{MAC}.cfg" and plan.provisioning == {"reg.1.address": "7"}


def test_device_settings_in_a_file_apply_only_with_both_set_flags():
    files = {"site.cfg": {"device.set": "1", "device.net.vlanId": "20", "device.net.cdpEnabled": "0"}}
    files["site.cfg"]["device.net.cdpEnabled.set"] = "1"
    plan = plan_boot(network(provider(**files), dhcp_options={66: ADDRESS}).find(Config(), MAC), MAC, "6.4.3")
    assert plan.device == {"device.net.cdpEnabled": "0"}
    assert plan.ignored == ("device.net.vlanId",)
    assert "device.set" not in plan.provisioning and "device.net.vlanId" not in plan.provisioning
    files["site.cfg"]["device.set"] = "0"
    plan = plan_boot(network(provider(**files), dhcp_options={66: ADDRESS}).find(Config(), MAC), MAC, "6.4.3")
    assert plan.device == {} and set(plan.ignored) == {"device.net.vlanId", "device.net.cdpEnabled"}


def test_without_an_application_and_without_a_server_the_phone_stays_in_the_updater():
    plan = plan_boot(None, MAC, None)
    assert plan.stays_in_updater
    assert texts(plan)[-1] == "No application to load: the phone needs a provisioning server that has one"
    server = provider()
    server.remove_software()
    assert plan_boot(network(server, dhcp_options={66: ADDRESS}).find(Config(), MAC), MAC, None).stays_in_updater
    server.add_software("6.4.3")
    again = plan_boot(network(server, dhcp_options={66: ADDRESS}).find(Config(), MAC), MAC, None)
    assert (again.stays_in_updater, again.software) == (False, "6.4.3")


def test_a_server_without_a_master_file_for_the_phone_changes_nothing():
    server = provider()
    server.remove(MASTER_FILE)
    config = Config()
    config.set("provisioning", "reg.1.address", "cached")
    plan = boot(config, network(server, dhcp_options={66: ADDRESS}))
    assert f"Neither {MAC}.cfg nor {MASTER_FILE} is on the provisioning server" in texts(plan)
    assert config.get("reg.1.address") == "cached"


def test_a_broken_file_on_the_server_is_reported_and_skipped():
    server = provider()
    server.put("site.cfg", "<polycomConfig><up up.x='1'></polycomConfig>")
    plan = plan_boot(network(server, dhcp_options={66: ADDRESS}).find(Config(), MAC), MAC, "6.4.3")
    assert any(t.startswith("Cannot read site.cfg") for t in texts(plan))
    assert plan.provisioning == {}


# -- the boot applied to the configuration --------------------------------------------------------


def test_without_a_server_the_phone_keeps_its_downloaded_files_and_its_local_changes():
    config = Config()
    config.set("provisioning", "reg.1.address", "1001")
    config.menu_change("lcl.ml.lang", "Deutsch")
    plan = boot(config, Discovery())
    assert plan.found is None and config.store is None
    assert config.effective("reg.1.address") == ("1001", "provisioning")
    assert config.effective("lcl.ml.lang") == ("Deutsch", "local")


def test_a_provisioned_phone_installs_the_files_and_writes_its_changes_back():
    server = provider()
    config = Config()
    boot(config, network(server, dhcp_options={66: ADDRESS}))
    assert config.effective(ADMIN_PASSWORD) == ("8675309", "device")
    assert config.origin(ADMIN_PASSWORD) == "site.cfg"
    assert config.effective("lcl.ml.lang") == ("Deutsch", "provisioning")
    config.menu_change("lcl.ml.lang", "Français")
    assert config.effective("lcl.ml.lang") == ("Français", "local")
    assert parse_cfg(server.files[f"{MAC}-phone.cfg"]) == {"lcl.ml.lang": "Français"}


def test_override_files_go_to_the_master_files_overrides_directory():
    master = write_master({"CONFIG_FILES": "site.cfg", "OVERRIDES_DIRECTORY": "/overrides/"})
    server = provider(**{MASTER_FILE: master})
    config = Config()
    boot(config, network(server, dhcp_options={66: ADDRESS}))
    assert config.web_change("up.backlight.onIntensity", "1").written == f"overrides/{MAC}-web.cfg"
    assert config.origin("up.backlight.onIntensity") == f"overrides/{MAC}-web.cfg"
    assert server.files_for(MAC)[-2:] == [f"overrides/{MAC}-phone.cfg", f"overrides/{MAC}-web.cfg"]
    fresh = Config()
    boot(fresh, network(server, dhcp_options={66: ADDRESS}))
    assert fresh.effective("up.backlight.onIntensity") == ("1", "web")


# -- the FAQ's story ------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["dhcp", "ztp"])
def test_a_provisioned_phone_gets_its_old_password_back_until_the_server_is_cleaned(how):
    net = {"dhcp_options": {66: ADDRESS}} if how == "dhcp" else {"ztp": {MAC: ADDRESS}}
    _, discovery, config = provisioned(**net)
    assert config.admin_password == "8675309"
    config.reset("factory_reset")
    assert config.admin_password == "456"
    boot(config, discovery)
    assert config.admin_password == "8675309", "the phone simply loads the old configuration"
    if how == "dhcp":
        discovery.disable_dhcp_option(66)
    else:
        discovery.clear_ztp()
    config.reset("factory_reset")
    boot(config, discovery)
    assert config.admin_password == "456"


def test_removing_the_file_that_sets_the_password_also_ends_the_story():
    server, discovery, config = provisioned()
    server.remove("site.cfg")
    boot(config, discovery)
    assert config.admin_password == "8675309", "a device setting stays in flash until a reset"
    config.reset("reset_device")
    boot(config, discovery)
    assert config.admin_password == "456"


def test_a_local_change_survives_a_factory_reset_and_reset_local_removes_it_for_good():
    _, discovery, config = provisioned()
    config.menu_change("up.backlight.onIntensity", "1")
    config.reset("factory_reset")
    boot(config, discovery)
    assert config.effective("up.backlight.onIntensity") == ("1", "local")
    config.reset("reset_local")
    boot(config, discovery)
    assert config.effective("up.backlight.onIntensity") == (None, "factory")


@pytest.mark.parametrize("with_server", [True, False])
def test_format_file_system_needs_a_server_to_get_the_software_back(with_server):
    _, discovery, config = provisioned(dhcp_options={66: ADDRESS} if with_server else {})
    result = config.reset("format_file_system")
    assert result.application
    plan = boot(config, discovery, software=None)
    assert plan.stays_in_updater is not with_server
    assert plan.software == ("6.4.3" if with_server else None)
