"""config/parameters.yaml: the names the issue and the reference give, and one line per bad file."""

import textwrap

import pytest

from simulator.core.model import CONFIDENCE
from simulator.core.parameters import PARAMETERS_FILE, RESET_IDS, load_parameters
from simulator.core.yamlio import DataError

NAMED = (
    "device.auth.localAdminPassword",
    "device.auth.localUserPassword",
    "device.prov.serverName",
    "device.prov.serverType",
    "device.prov.ztpEnabled",
    "device.dhcp.bootSrvUseOpt",
    "device.net.vlanId",
    "device.net.cdpEnabled",
    "device.net.lldpEnabled",
    "lcl.ml.lang",
    "up.backlight.idleIntensity",
    "up.backlight.onIntensity",
    "voIpProt.server.1.address",
    "reg.1.address",
    "httpd.cfg.lockWebUI.enable",
    "up.basicSettings.factoryResetEnabled",
)

GOOD_RESETS = "".join(
    f"  {rid}: {{label: X, layers: [local], says: x, source: s, confidence: inferred}}\n" for rid in RESET_IDS
)


def write(tmp_path, parameters: str, resets: str = GOOD_RESETS) -> str:
    path = tmp_path / "p.yaml"
    path.write_text("parameters:\n" + textwrap.indent(textwrap.dedent(parameters), "  ") + "resets:\n" + resets)
    return str(path)


def param(name="lcl.ml.lang", **fields) -> str:
    base = {
        "kind": "application",
        "group": "language",
        "default": "~",
        "type": "text",
        "description": "d",
        "source": "s",
        "confidence": "inferred",
    }
    base.update(fields)
    return f"{name}:\n" + "".join(f"  {k}: {v}\n" for k, v in base.items())


def test_the_shipped_catalog_has_the_named_parameters_with_evidence():
    catalog = load_parameters()
    for name in NAMED:
        spec = catalog.get(name)
        assert spec is not None, name
        assert spec.description and spec.source and spec.confidence in CONFIDENCE
        assert spec.kind == ("device" if name.startswith("device.") else "application")
    assert set(catalog.resets) == set(RESET_IDS)
    assert catalog.get("device.net.vlanId").problem("20") is None
    assert catalog.get("device.prov.serverType").values["2"] == "HTTP"


def test_a_good_minimal_file_loads(tmp_path):
    catalog = load_parameters(write(tmp_path, param()))
    assert catalog.get("lcl.ml.lang").default is None
    assert catalog.defaults() == {}


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        (param(colour="red"), 10, "lcl.ml.lang.colour: unknown field"),
        (param(kind="device"), 3, "kind: expected application: device settings are exactly the device.* names"),
        (param(name="device.net.vlanId"), 3, "kind: expected device"),
        (param(type="choice", values="{0: Off}"), 10, "values.0: expected the value quoted"),
        (param(type="choice", values='{"0": Off}', default='"1"'), 5, "default: expected one of 0, got '1'"),
        (param(type="integer", min=1, max=3, default='"7"'), 5, "expected a whole number from 1 to 3, got 7"),
        (param(min=1), 10, "min: expected min only with type: integer"),
        (param(confidence="sure"), 9, "confidence: expected one of"),
        (param(group="colours"), 4, "group: expected one of"),
        (param(name="lcl.ml.lang.set"), 2, "expected a parameter name"),
        (param(description="|\n    two\n    lines"), 7, "description: expected one line"),
    ],
)
def test_a_bad_parameter_is_one_line_with_its_place(tmp_path, text, line, expected):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as err:
        load_parameters(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:{line}: ")
    assert expected in message


@pytest.mark.parametrize(
    ("resets", "expected"),
    [
        (GOOD_RESETS.replace("  reset_web:", "  reset_all:"), "reset_all: expected a reset id"),
        ("".join(GOOD_RESETS.splitlines(True)[:-1]), "resets.factory_reset: is required"),
        (GOOD_RESETS.replace("layers: [local]", "layers: [factory]", 1), "expected one of device, local"),
        (GOOD_RESETS.replace("layers: [local]", "layers: [local], groups: [network]", 1), "groups only with"),
        (GOOD_RESETS.replace("layers: [local]", "layers: [local], server_file: ftp", 1), "server_file: expected"),
    ],
)
def test_a_bad_reset_is_one_line(tmp_path, resets, expected):
    with pytest.raises(DataError, match=expected) as err:
        load_parameters(write(tmp_path, param(), resets))
    assert "\n" not in str(err.value)


def test_phonesim_validate_checks_the_catalog_too(tmp_path, capsys):
    from simulator.cli import main

    assert main(["validate"]) == 0
    assert "config/parameters.yaml" not in capsys.readouterr().out  # valid: not named
    bad = tmp_path / "parameters.yaml"
    bad.write_text(PARAMETERS_FILE.read_text().replace('default: "456"', "default: [456]"))
    assert main(["validate", str(bad)]) == 1
    (line, summary) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{bad}:") and "device.auth.localAdminPassword.default" in line
    assert summary == "0 valid, 1 invalid"
