"""Property: no sequence of menu actions on a running phone changes a configuration layer it must not.

The phone starts with a value in every layer; random key presses walk the real menus (passwords,
confirmations, the settings page, every reset). After each press, whatever changed in the layers must
be explained by what that press did: a reset removes only from its own layers (the network reset only
network and provisioning settings), a settings item writes only its own local parameter.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.core import Catalog, Phone

#: Restated from the FAQ, independently of config/parameters.yaml.
MAY_REMOVE = {
    "reset_local": {"local"},
    "reset_web": {"web"},
    "reset_device": {"device"},
    "network_reset": {"device"},
    "format_file_system": {"local", "web", "provisioning"},
    "factory_reset": {"device", "local", "web", "provisioning"},
}
NETWORK = {"device.net.vlanId", "device.prov.serverName"}
START = {
    "device": {
        "device.net.vlanId": "20",
        "device.prov.serverName": "http://prov",
        "device.auth.localAdminPassword": "456",
    },
    "local": {"lcl.ml.lang": "Deutsch", "up.backlight.onIntensity": "1"},
    "web": {"reg.1.address": "1001"},
    "provisioning": {"voIpProt.server.1.address": "sip.example.com"},
}
SETTINGS = {"lcl.ml.lang", "up.backlight.onIntensity"}  # what the settings page may write (local)
MODEL = Catalog().load("vvx-410")
#: One step of a walk: `("choose", i)` does what a person in this state would (open the menu, take item
#: i, type the password, answer the confirmation with Yes or No, go back from a message, wait for a
#: reboot), always with the phone's keys; `("back", 0)` goes up a level.
action = st.tuples(st.sampled_from(["choose", "choose", "choose", "back"]), st.integers(0, 6))


def tap(phone: Phone, key: str) -> None:
    phone.press(key)
    phone.advance(0.1)
    phone.release(key)
    phone.advance(0.1)


def step(phone: Phone, kind: str, n: int) -> None:
    state = phone.state
    if kind == "back" and phone.phase == "menu":
        tap(phone, "back" if state == "menu_browse" else "softkey_4")
    elif state == "running":
        tap(phone, "home")
    elif state == "menu_browse":
        for _ in range(n):
            tap(phone, "down")
        tap(phone, "select")
    elif state == "menu_password":
        for key in ("4", "5", "6") if n else ("9", "9"):  # now and then a wrong password
            tap(phone, key)
        tap(phone, "softkey_1")
    elif state == "menu_confirm":
        tap(phone, "softkey_1" if n % 3 else "softkey_4")  # Yes, now and then No
    elif state in ("menu_done", "menu_incorrect"):
        tap(phone, "softkey_4")
    else:
        phone.advance(30)  # resetting, rebooting, booting


def layers(phone: Phone) -> dict[str, dict[str, str]]:
    return {name: dict(phone.config.layers[name]) for name in START}


def explain(before: dict, after: dict, events: list) -> list[str]:
    """Each difference the events do not account for, as a sentence."""
    resets = {e.action for e in events if e.kind in ("factory_reset", "device_reset", "config_reset")}
    problems = []
    for layer in START:
        for param in set(before[layer]) | set(after[layer]):
            old, new = before[layer].get(param), after[layer].get(param)
            if old == new:
                continue
            if new is None:
                allowed = [r for r in resets if layer in MAY_REMOVE[r]]
                if allowed == ["network_reset"] and param not in NETWORK:
                    problems.append(f"the network reset removed {param} from {layer}")
                elif not allowed:
                    problems.append(f"{param} left {layer} with no reset of that layer ({resets or 'none'})")
            elif not (layer == "local" and param in SETTINGS):
                problems.append(f"{layer} {param}: {old!r} -> {new!r} by a menu")
    return problems


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(action, min_size=1, max_size=40))
def test_no_menu_action_changes_a_layer_it_must_not_touch(actions):
    phone = Phone(MODEL, config=START)
    phone.power_on()
    assert phone.run_until(lambda: phone.phase == "running", 200)
    for kind, n in actions:
        before, cursor = layers(phone), phone.events.cursor
        step(phone, kind, n)
        events = phone.events.since(cursor)
        assert explain(before, layers(phone), events) == [], [e.describe() for e in events]
        for e in events:
            if e.kind == "config_changed":  # every change is logged as it happens
                assert phone.config.layers[e.layer].get(e.param) == e.new or any(
                    later.kind == "config_changed" and later.param == e.param for later in events[events.index(e) + 1 :]
                )


def test_the_property_sees_a_reset_that_overreaches():
    """The check above can fail: a network reset that took the admin password would be caught."""
    before = {layer: dict(params) for layer, params in START.items()}
    after = {layer: dict(params) for layer, params in START.items()}
    del after["device"]["device.auth.localAdminPassword"]

    class Reset:
        kind, action = "config_reset", "network_reset"

    assert explain(before, after, [Reset()]) == ["the network reset removed device.auth.localAdminPassword from device"]
