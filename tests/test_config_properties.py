"""Property: no sequence of resets and menu / web changes touches a layer (or server file) it must not."""

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.core.config import ADMIN_PASSWORD, LAYERS, Config
from simulator.core.provisioning import ProvisioningServer

MAC = "0004f2aa814c"
#: Restated from the FAQ, independently of config/parameters.yaml.
MAY_CHANGE = {
    "reset_local": {"local"},
    "reset_web": {"web"},
    "reset_device": {"device"},
    "reset_network": {"device"},
    "format_file_system": {"local", "web", "provisioning"},
    "factory_reset": {"device", "local", "web", "provisioning"},
}
SERVER_FILE = {"reset_local": f"{MAC}-phone.cfg", "reset_web": f"{MAC}-web.cfg"}
#: The network settings among the parameters below: all the network reset may remove.
NETWORK = {"device.net.vlanId", "device.net.cdpEnabled", "device.prov.serverName"}

VALUES = {
    "lcl.ml.lang": st.sampled_from(["Deutsch", "Français", "English"]),
    "up.backlight.onIntensity": st.sampled_from("0123"),
    "reg.1.address": st.from_regex(r"\A[0-9]{3,4}\Z"),
    ADMIN_PASSWORD: st.from_regex(r"\A[0-9]{1,8}\Z"),
    "device.net.vlanId": st.integers(0, 4094).map(str),
    "device.net.cdpEnabled": st.sampled_from("01"),
    "device.prov.serverName": st.sampled_from(["http://a", "http://b"]),
}
change = st.tuples(st.sampled_from(["menu", "web"]), st.sampled_from(sorted(VALUES))).flatmap(
    lambda kind_param: VALUES[kind_param[1]].map(lambda value: (*kind_param, value))
)
reset = st.sampled_from(sorted(MAY_CHANGE)).map(lambda kind: ("reset", kind, None))
start = st.dictionaries(
    st.sampled_from(LAYERS[:-1]), st.dictionaries(st.sampled_from(sorted(VALUES)), st.just("seed"), max_size=4)
)


def snapshot(config: Config, server: ProvisioningServer | None):
    return {k: dict(v) for k, v in config.layers.items()}, dict(server.files) if server else {}


def allowed(action: str, param: str, config: Config) -> tuple[set[str], set[str]]:
    """Layers and server files the action may change."""
    if action == "reset":
        return MAY_CHANGE[param], {SERVER_FILE[param]} if param in SERVER_FILE else set()
    if config.catalog.kind(param) == "device":
        return {"device"}, set()
    return ({"local"}, {f"{MAC}-phone.cfg"}) if action == "menu" else ({"web"}, {f"{MAC}-web.cfg"})


@settings(max_examples=200, deadline=None)
@given(start, st.booleans(), st.lists(st.one_of(change, reset), max_size=12))
def test_no_action_touches_a_layer_it_must_not(layers, provisioned, actions):
    reports = []
    config = Config(listener=lambda *r: reports.append(r))
    for layer, params in layers.items():
        for param, value in params.items():
            config.set(layer, param, value)
    server = ProvisioningServer("http://prov") if provisioned else None
    if server:
        config.attach(server, MAC)
    for action, param, value in actions:
        (before, files_before), reports[:] = snapshot(config, server), []
        if action == "reset":
            config.reset(param)
        elif action == "menu":
            config.menu_change(param, value)
        else:
            config.web_change(param, value)
        after, files_after = snapshot(config, server)
        layers_ok, files_ok = allowed(action, param, config)
        changed = {layer for layer in LAYERS if before[layer] != after[layer]}
        assert changed <= layers_ok, (action, param, changed)
        names = set(files_before) | set(files_after)
        assert {n for n in names if files_before.get(n) != files_after.get(n)} <= files_ok
        assert after["factory"] == before["factory"]
        moved = {(layer, p) for layer in LAYERS for p in set(before[layer]) | set(after[layer])}
        moved = {(layer, p) for layer, p in moved if before[layer].get(p) != after[layer].get(p)}
        assert {(layer, p) for layer, p, _, _ in reports} == moved, "every change reaches the listener"
        if action == "reset" and param != "reset_network":
            assert all(after[layer] == {} for layer in MAY_CHANGE[param]), "a reset clears its layers completely"
        if param == "reset_network":
            kept = {p: v for p, v in before["device"].items() if p not in NETWORK}
            assert after["device"] == kept
