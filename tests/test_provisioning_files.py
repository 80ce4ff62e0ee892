"""The configuration files phones read: what is written is read back exactly, and bad files say where."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.core.cfgfile import CfgError, config_file_list, parse_cfg, writable, write_cfg, write_master

NAMES = st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_\-]{0,6}(\.[A-Za-z0-9_\-]{1,6}){0,3}\Z")
VALUES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",))).filter(writable)


@given(st.dictionaries(NAMES, VALUES, max_size=12))
def test_a_written_file_reads_back_to_the_same_parameters_in_the_same_order(params):
    text = write_cfg(params, comment="written by the phone")
    assert list(parse_cfg(text).items()) == list(params.items())


@given(st.dictionaries(NAMES, VALUES, max_size=6))
def test_writing_what_was_read_changes_nothing(params):
    text = write_cfg(params)
    assert write_cfg(parse_cfg(text)) == text


def test_values_with_quotes_markup_and_line_breaks_survive():
    params = {"reg.1.label": 'Front "desk" <&>\n\tline', "lcl.ml.lang": "  spaced  "}
    assert parse_cfg(write_cfg(params)) == params


@pytest.mark.parametrize(
    ("params", "problem"),
    [({"1bad": "x"}, "cannot write '1bad'"), ({"a b": "x"}, "cannot write"), ({"ok": "\x00"}, "not text")],
)
def test_the_writer_refuses_what_a_phone_could_not_read(params, problem):
    with pytest.raises(ValueError, match=problem):
        write_cfg(params)


def test_a_file_in_the_templates_form_reads_as_flat_parameters():
    text = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- Generated device.cfg Configuration File -->
<polycomConfig xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="polycomConfig.xsd">
  <device device.set="1">
    <device.auth device.auth.localAdminPassword="8675309">
      <device.auth.localAdminPassword device.auth.localAdminPassword.set="1"/>
    </device.auth>
  </device>
  <lcl lcl.ml.lang="Deutsch"/>
</polycomConfig>
"""
    assert parse_cfg(text) == {
        "device.set": "1",
        "device.auth.localAdminPassword": "8675309",
        "device.auth.localAdminPassword.set": "1",
        "lcl.ml.lang": "Deutsch",
    }


def test_the_first_of_two_values_in_one_file_wins():
    assert parse_cfg('<c><a x.y="1"/><b x.y="2"/></c>') == {"x.y": "1"}


def test_a_broken_file_names_its_line():
    with pytest.raises(CfgError) as err:
        parse_cfg('<polycomConfig>\n  <up up.x="1"\n</polycomConfig>', "site.cfg")
    assert err.value.line == 3
    assert str(err.value).startswith("site.cfg: line 3: not a well-formed configuration file")


def test_a_master_file_lists_its_configuration_files_with_the_mac_filled_in():
    text = write_master({"APP_FILE_PATH": "sip.ld", "CONFIG_FILES": "site.cfg, [PHONE_MAC_ADDRESS]-user.cfg,"})
    master = parse_cfg(text)
    assert master["APP_FILE_PATH"] == "sip.ld"
    assert config_file_list(master, "0004f2aa814c") == ["site.cfg", "0004f2aa814c-user.cfg"]
    with pytest.raises(ValueError, match="master"):
        write_master({"config_files": "x"})
