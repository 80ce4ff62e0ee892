"""The engine uses the configuration model and the provisioning server: every change is an event, each
reset clears exactly its layers, and every boot finds the server and downloads from it."""

from __future__ import annotations

import textwrap

import pytest

from simulator.core import Node, Phone, load_text, parse_server
from simulator.scenario import run_scenario

MAC = "0004f2aa814c"


def env(text: str):
    return parse_server(Node(load_text(textwrap.dedent(text), "s.yaml"), "s.yaml")).build(MAC)


def boot(phone: Phone) -> None:
    if phone.phase == "off":
        phone.power_on()
    assert phone.run_until(lambda: phone.phase == "running", 200), phone.screen.lines


def changes(phone: Phone) -> list[tuple[str, str, str | None, str | None]]:
    return [(e.layer, e.param, e.old, e.new) for e in phone.events.of_kind("config_changed")]


@pytest.fixture
def vvx(catalog):
    return catalog.load("vvx-410")


def test_what_the_phone_was_given_is_no_change_and_a_reset_logs_each_removal(vvx):
    phone = Phone(vvx, mac=MAC, admin_password="8675309", config={"local": {"lcl.ml.lang": "Deutsch"}})
    assert changes(phone) == []
    phone.apply_reset("reset_local")
    assert changes(phone) == [("local", "lcl.ml.lang", "Deutsch", None)]
    assert phone.events.last("config_reset").cleared == ("local",)
    assert phone.admin_password == "8675309"  # the device layer is not the local one


@pytest.mark.parametrize(
    ("action", "kind", "cleared"),
    [
        ("reset_local", "config_reset", ("local",)),
        ("reset_web", "config_reset", ("web",)),
        ("reset_device", "device_reset", ("device",)),
        ("network_reset", "config_reset", ("device",)),
        ("format_file_system", "config_reset", ("local", "web")),
        ("factory_reset", "factory_reset", ("device", "local", "web")),
    ],
)
def test_each_reset_clears_exactly_its_layers(vvx, action, kind, cleared):
    layers = {"device": {"device.net.vlanId": "20"}, "local": {"lcl.ml.lang": "Deutsch"}, "web": {"reg.1.address": "7"}}
    phone = Phone(vvx, config=layers)
    phone.apply_reset(action)
    event = phone.events.last(kind)
    assert (event.action, event.cleared) == (action, cleared)
    for layer, params in layers.items():
        for param, value in params.items():
            assert (phone.config.layers[layer].get(param) is None) == (layer in cleared)
            if layer not in cleared:
                assert phone.config.get(param) == value


def test_the_network_reset_keeps_the_admin_password(vvx):
    phone = Phone(vvx, admin_password="8675309", config={"device": {"device.net.vlanId": "20"}})
    phone.apply_reset("network_reset")
    assert phone.admin_password == "8675309" and phone.config.get("device.net.vlanId") == ""


def test_a_boot_without_a_server_says_so_and_keeps_the_configuration(vvx):
    phone = Phone(vvx, config={"local": {"lcl.ml.lang": "Deutsch"}})
    boot(phone)
    screens = [" ".join(e.lines) for e in phone.events.of_kind("screen")]
    assert "Waiting for network to initialize" in screens
    assert any(s.startswith("No provisioning server found") for s in screens)
    assert phone.config.get("lcl.ml.lang") == "Deutsch" and not phone.events.of_kind("config_loaded")


def test_a_provisioned_phone_gets_its_password_back_until_the_server_forgets_it(vvx):
    server = env("""\
        found_by: ztp
        files:
          site.cfg:
            device.set: "1"
            device.auth.localAdminPassword: "8675309"
            device.auth.localAdminPassword.set: "1"
        """)
    phone = Phone(vvx, mac=MAC, server=server)
    boot(phone)
    assert phone.admin_password == "8675309"
    loaded = phone.events.last("config_loaded")
    assert "zero-touch" in loaded.source and loaded.params == ("device.auth.localAdminPassword",)
    phone.apply_reset("factory_reset")
    assert phone.admin_password == "456"
    phone.power_off()
    boot(phone)
    assert phone.admin_password == "8675309"  # fetched straight back
    server.discovery.clear_ztp(MAC)
    phone.apply_reset("factory_reset")
    phone.power_off()
    boot(phone)
    assert phone.admin_password == "456"


def test_format_file_system_without_a_server_stays_in_the_updater(vvx):
    phone = Phone(vvx)
    phone.apply_reset("format_file_system")
    phone.power_off()
    phone.power_on()
    assert phone.run_until(lambda: phone.stage == "updater", 120)
    phone.advance(600)
    assert phone.phase == "boot" and phone.stage == "updater"
    assert phone.screen.lines[0] == "Updater" and "No application to load" in phone.screen.lines[1]


def test_format_file_system_with_a_server_downloads_the_software_again(vvx):
    phone = Phone(vvx, software="5.9.7", server=env('found_by: dhcp_option_160\nsoftware: "6.4.3"\n'))
    phone.apply_reset("format_file_system")
    phone.power_off()
    boot(phone)
    screens = [" ".join(e.lines) for e in phone.events.of_kind("screen")]
    assert "Downloading new application" in screens and "Saving new application" in screens
    assert phone.software == "6.4.3" and phone.events.last("application_started").software == "6.4.3"


def test_a_local_change_is_written_to_the_server_and_comes_back_after_a_factory_reset(vvx):
    server = env("found_by: dhcp_option_66\nfiles: {site.cfg: {reg.1.address: '1001'}}\n")
    phone = Phone(vvx, mac=MAC, server=server)
    boot(phone)
    phone.menu_set((("lcl.ml.lang", "Deutsch"),))
    assert server.server.has(f"{MAC}-phone.cfg") and server.server.read(f"{MAC}-phone.cfg") == {
        "lcl.ml.lang": "Deutsch"
    }
    phone.apply_reset("factory_reset")
    assert phone.config.get("lcl.ml.lang") is None
    phone.power_off()
    boot(phone)
    assert phone.config.effective("lcl.ml.lang") == ("Deutsch", "local")


def write(tmp_path, text: str):
    path = tmp_path / "s.yaml"
    path.write_text(textwrap.dedent(text))
    return path


def test_the_old_provisioning_header_gets_one_line(catalog, tmp_path):
    path = write(tmp_path, "model: vvx 410\nprovisioning: {device.auth.localAdminPassword: '1'}\nsteps: [power_on]\n")
    (failure,) = run_scenario(path, catalog)["failures"]
    assert failure.startswith(f"{path}:2: provisioning: the provisioning: header was replaced by the server: block")


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("expect: {setting: {device.net.vlanId: 9999}}", "expected a whole number from 0 to 4094, got 9999"),
        ("expect: {setting_source: {lcl.ml.lang: flash}}", "expected one of device, factory, local, provisioning, web"),
        ("expect: {server_file: {site.cfg: gone}}", "expected one of absent, present, got 'gone'"),
        ("expect: {unset: ['no such name']}", "expected a parameter name"),
        ("server: {remove_file: site.cfg}", "expected a server: block in the header"),
    ],
)
def test_bad_configuration_steps_get_one_line(catalog, tmp_path, step, expected):
    path = write(tmp_path, f"model: vvx 410\nsteps:\n  - power_on\n  - {step}\n")
    (failure,) = run_scenario(path, catalog)["failures"]
    assert f"{path}:4:" in failure and expected in failure and "\n" not in failure


def test_settings_sources_and_server_files_are_checked(catalog, tmp_path):
    path = write(
        tmp_path,
        """\
        model: vvx 410
        mac: 00-04-F2-AA-81-4C
        config: {local: {lcl.ml.lang: Deutsch}}
        server: {found_by: dhcp_option_66, files: {site.cfg: {lcl.ml.lang: English, reg.1.address: "1001"}}}
        steps:
          - power_on
          - wait_until: {phase: running}
          - expect: {setting: {lcl.ml.lang: Deutsch, reg.1.address: "1001"}}
          - expect: {setting_source: {reg.1.address: provisioning}, unset: [up.backlight.onIntensity]}
          - expect: {server_file: {site.cfg: present, "[PHONE_MAC_ADDRESS]-phone.cfg": absent}}
          - server: {remove_file: site.cfg}
          - expect: {server_file: {site.cfg: present}, setting_source: {lcl.ml.lang: web}, unset: [lcl.ml.lang]}
        """,
    )
    result = run_scenario(path, catalog)
    assert result["failures"] == [
        "step 7 (line 12, expect): server_file site.cfg: expected present, got absent; "
        "setting_source lcl.ml.lang: expected 'web', got 'local'; unset lcl.ml.lang: the local layer holds 'Deutsch'"
    ]


def menu_to(phone: Phone, *moves: str) -> None:
    for key in moves:
        phone.press(key)
        phone.advance(0.1)
        phone.release(key)
        phone.advance(0.1)


def test_status_platform_phone_shows_the_mac_software_and_ip(vvx):
    phone = Phone(vvx, mac=MAC)
    boot(phone)
    menu_to(phone, "home", "down", "select", "select", "select")
    assert phone.screen.lines == ("Phone", f"> MAC: {MAC}", "  Software: 6.4.3", "  IP: 192.168.1.50")


def test_the_settings_page_makes_a_local_change_that_reset_local_removes(vvx):
    phone = Phone(vvx)
    boot(phone)
    menu_to(phone, "home", "select", "down", "select", "select", "down", "select", "select")  # Backlight: High
    assert phone.screen.lines == ("Backlight: High",)
    assert phone.config.effective("up.backlight.onIntensity") == ("3", "local")
    assert changes(phone) == [("local", "up.backlight.onIntensity", None, "3")]
    phone.apply_reset("reset_device")
    assert phone.config.effective("up.backlight.onIntensity") == ("3", "local")
    phone.apply_reset("reset_local")
    assert phone.config.effective("up.backlight.onIntensity") == (None, "factory")
