"""Model files: every one loads; bad ones fail with one line naming file, line and field."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from simulator.core.catalog import MODELS_DIR, REQUIRED_SCREENS, Catalog
from simulator.core.keys import is_key_id
from simulator.core.yamlio import DataError, load_text

MODEL_IDS = Catalog().ids()
SEED_IDS = [
    "ip-321",
    "ip-331",
    "ip-335",
    "ip-450",
    "ip-550",
    "ip-560",
    "ip-650",
    "ip-5000",
    "ip-6000",
    "ip-7000",
    "soundstation-duo",
    "vvx-1500",
    "vvx-150",
    "vvx-250",
    "vvx-300",
    "vvx-301",
    "vvx-310",
    "vvx-350",
    "vvx-400",
    "vvx-401",
    "vvx-410",
    "vvx-411",
    "vvx-450",
    "vvx-500",
    "vvx-501",
    "vvx-600",
    "vvx-601",
    "spectralink-8400",
    "trio-8300",
]


def test_every_seed_model_has_a_file():
    assert sorted(SEED_IDS) == sorted(set(SEED_IDS) & set(MODEL_IDS))


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_model_loads_with_sources_and_a_drawable_face(catalog, model_id):
    model = catalog.load(model_id)
    assert model.id == model_id
    assert all(is_key_id(k.id) for k in model.keys)
    for proc in model.procedures:
        assert proc.source and proc.confidence
    if model.keys or model.display.kind != "none":  # a box with nothing to press may have no procedure
        assert any(p.action in ("reset_prompt", "factory_reset") for p in model.procedures)
    body = model.body
    for thing in [*model.keys, *model.leds]:
        b = thing.bounds
        assert b.x >= 0 and b.x + b.w <= body.w + 0.01 and b.y >= 0 and b.y + b.h <= body.h + 0.01, thing.id
    assert set(REQUIRED_SCREENS) <= set(model.screens)


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_names_resolve_ignoring_case_spaces_and_hyphens(catalog, model_id):
    model = catalog.load(model_id)
    assert catalog.resolve(model.name.upper()) == model_id
    assert catalog.resolve(model.name.replace(" ", "-").lower()) == model_id
    assert catalog.resolve(model_id.replace("-", " ")) == model_id


def test_unknown_name_lists_close_matches(catalog):
    with pytest.raises(LookupError, match=r"did you mean .*vvx-410"):
        catalog.resolve("VVX 41O")


def test_yaml_1_1_traps_are_defused():
    data = load_text("on: 1\nno: off\nphone: 0123\ntime: 12:34\nyes: true\n", "t.yaml")
    assert data == {"on": 1, "no": "off", "phone": "0123", "time": "12:34", "yes": True}


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "a"),
        ("keys:\n  - id: *\n", 2, ""),
    ],
)
def test_yaml_errors_name_the_line(text, line, field):
    with pytest.raises(DataError) as info:
        load_text(text, "bad.yaml")
    assert info.value.line == line and info.value.field == field
    assert str(info.value).startswith(f"bad.yaml:{line}: ")


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    for name in ("_common.yaml", "_vvx.yaml", "_conflicts.yaml", "vvx-410.yaml"):
        shutil.copy(MODELS_DIR / name, tmp_path / name)
    return tmp_path


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text))


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        ("keys:\n  - id: '#'\n    label: #\n", 8, "keys[15].label: expected a text, got nothing"),
        ("keys:\n  - {id: softkey_9, label: x}\n", 7, "bounds"),
        ("procedures:\n  - {id: reboot, keys: ['0', '1', 'nine'], action: reboot}\n", 7, "expected a key id"),
        (
            "procedures:\n  - {id: reboot, hold_seconds: -1}\n",
            7,
            "hold_seconds: expected a number of seconds from 0.1 to 86400, got -1",
        ),
        ("boot:\n  countdown_seconds: ten\n", 7, "boot.countdown_seconds: expected a whole number"),
        ("colour: red\n", 6, "colour: unknown field"),
        ("screens:\n  idle: {lines: ['{nope}']}\n", 7, "placeholders"),
        ("text_entry:\n  mac_case: title\n", 7, "expected one of any, lower, upper"),
        ("screens:\n  idle: {lines: ['50% {off']}\n", 7, "write {{ and }} for braces"),
        ("screens:\n  idle: {softkeys: ['{bogus}']}\n", 7, "got {bogus}"),
        ("screens:\n  idle: {lines: ['{name!r}']}\n", 7, "plain placeholders"),
        ("boot:\n  load: []\n", 7, "boot.load: expected at least one stage"),
    ],
)
def test_a_bad_model_gets_one_line_with_file_line_and_field(scratch, body, line, expected):
    write(
        scratch,
        "vvx-999.yaml",
        "id: vvx-999\nname: VVX 999\nextends: _vvx\nsource: test\nconfidence: inferred\n" + body,
    )
    with pytest.raises(DataError) as info:
        Catalog(scratch).load("vvx-999")
    message = str(info.value)
    assert "\n" not in message and expected in message
    assert info.value.line == line, message


def test_inherited_fields_report_the_base_file(scratch):
    text = (scratch / "_vvx.yaml").read_text().replace("hold_seconds: 3\n", "hold_seconds: three\n", 1)
    write(scratch, "_vvx.yaml", text)
    with pytest.raises(DataError) as info:
        Catalog(scratch).load("vvx-410")
    assert info.value.path.endswith("_vvx.yaml") and "hold_seconds" in info.value.field


def test_extends_cycles_and_missing_bases_are_reported(scratch):
    write(scratch, "_a.yaml", "extends: _b\n")
    write(scratch, "_b.yaml", "extends: _a\n")
    write(scratch, "x-1.yaml", "extends: _a\nid: x-1\n")
    with pytest.raises(DataError, match="no cycle"):
        Catalog(scratch).load("x-1")
    write(scratch, "x-2.yaml", "extends: _nowhere\nid: x-2\n")
    with pytest.raises(DataError, match=r"no _nowhere\.yaml"):
        Catalog(scratch).load("x-2")


def test_options_switch_a_conflicting_reading(catalog):
    model = catalog.load("vvx-410")
    assert model.text_entry.mac_case in ("lower", "upper", "any")
    for option in model.options:
        other = next(c for c in option.choices if c != option.default)
        variant = catalog.load("vvx-410", {option.id: other})
        assert variant.chosen[option.id] == other
    with pytest.raises(LookupError, match="unknown option"):
        catalog.load("vvx-410", {"nope": 1})


def test_validate_checks_a_base_through_the_models_that_use_it(scratch, capsys):
    from simulator.cli import main

    text = (scratch / "_vvx.yaml").read_text().replace("hold_seconds: 3\n", "hold_seconds: three\n", 1)
    write(scratch, "_vvx.yaml", text)
    assert main(["validate", str(scratch / "_vvx.yaml"), str(scratch / "_common.yaml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "_vvx.yaml:" in out[0] and "hold_seconds: expected a number" in out[0]
    assert out[-1] == "1 valid, 1 invalid"
