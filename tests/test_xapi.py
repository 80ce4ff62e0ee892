"""Attempts as xAPI 1.0.3 statements: who, passed or failed what, how well, how long, in which exam."""

import json
import uuid

import pytest

from simulator.cli import main
from simulator.training.samples import make_attempt
from simulator.training.store import open_store
from simulator.training.xapi import XapiConfig, actor, duration, registration, statement

BASE = "https://lms.example.org/xapi"


def stored(tmp_path, *attempts):
    with open_store(tmp_path / "p.sqlite3") as store:
        for a in attempts:
            store.record(a)
        return store.load()


def test_a_statement_says_who_passed_what_how_well_and_how_long(tmp_path):
    a = make_attempt(mistakes=("released_early",), stages=(("boot", 12.0), ("cancel", 53.25)), mode="guided")
    (s,) = stored(tmp_path, a)
    st = statement(s, XapiConfig(base_iri=BASE, home_page="https://lms.example.org"))
    assert st["id"] == s.uid == a.uid and uuid.UUID(st["id"]).version == 5
    assert st["actor"] == {
        "objectType": "Agent",
        "name": "Ana Silva",
        "account": {"homePage": "https://lms.example.org", "name": "Ana Silva"},
    }
    assert st["verb"] == {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}}
    assert st["object"]["id"] == f"{BASE}/activities/vvx-410/factory_reset"
    result = st["result"]
    assert (result["success"], result["score"]) == (True, {"raw": 90, "scaled": 0.9, "min": 0, "max": 100})
    assert result["duration"] == "PT1M5.25S"
    assert result["extensions"][f"{BASE}/extensions/stages"] == [
        {"id": "boot", "start": 0.0, "seconds": 12.0},
        {"id": "cancel", "start": 12.0, "seconds": 53.25},
    ]
    assert result["extensions"][f"{BASE}/extensions/mistakes"] == [
        {"id": "released_early", "at": 1.0, "detail": "released early"}
    ]
    context = st["context"]
    assert context["platform"] == "phonesim" and "registration" not in context
    assert context["extensions"][f"{BASE}/extensions/mode"] == "guided"
    assert context["extensions"][f"{BASE}/extensions/software"] == "6.4.3"
    assert st["timestamp"] == "2026-11-02T09:01:06.250Z"


def test_a_failed_exam_item_is_failed_with_the_exam_as_registration(tmp_path):
    (s,) = stored(tmp_path, make_attempt(passed=False, mode="exam", exam_id="spring-class", item=3))
    st = statement(s, XapiConfig())
    assert st["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert st["result"]["success"] is False
    assert st["context"]["registration"] == registration("spring-class")
    assert uuid.UUID(st["context"]["registration"]).version == 5
    assert registration("1b4e28ba-2fa1-51d2-883f-0016d3cca427") == "1b4e28ba-2fa1-51d2-883f-0016d3cca427"


def test_the_same_attempt_in_another_store_has_the_same_statement_id(tmp_path):
    (one,) = stored(tmp_path / "a", make_attempt())
    (two,) = stored(tmp_path / "b", make_attempt("Ben Okafor"), make_attempt())[1:]
    assert statement(one, XapiConfig())["id"] == statement(two, XapiConfig())["id"]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "PT0S"), (0.004, "PT0S"), (7.5, "PT7.5S"), (65.25, "PT1M5.25S"), (3600, "PT1H"), (3725.509, "PT1H2M5.51S")],
)
def test_durations_are_iso_8601_to_the_hundredth(seconds, text):
    assert duration(seconds) == text


def test_a_trainee_is_an_account_a_mailbox_when_named_by_one_or_on_a_mail_domain():
    config = XapiConfig(mbox_domain="example.org")
    assert actor("ana@example.org", XapiConfig())["mbox"] == "mailto:ana@example.org"
    assert actor("Chloé Martin", config) == {
        "objectType": "Agent",
        "name": "Chloé Martin",
        "mbox": "mailto:chloe.martin@example.org",
    }


def test_configuration_comes_from_flags_then_the_environment_then_defaults():
    env = {"PHONESIM_XAPI_BASE_IRI": "https://env.example/x/", "PHONESIM_XAPI_HOME_PAGE": "https://env.example"}
    assert XapiConfig.resolve(env, base_iri="https://flag.example/x") == XapiConfig(
        "https://flag.example/x", "https://env.example"
    )
    assert XapiConfig.resolve(env).base_iri == "https://env.example/x"
    assert XapiConfig.resolve({}) == XapiConfig()


def test_report_format_xapi_writes_one_statement_per_attempt(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PHONESIM_XAPI_HOME_PAGE", "https://lms.example.org")
    with open_store() as store:
        store.record(make_attempt())
        store.record(make_attempt("Ben Okafor", passed=False))
    out = tmp_path / "statements.json"
    assert main(["report", "--format", "xapi", "--base-iri", BASE, "-o", str(out)]) == 0
    assert f"{out}: 2 xAPI statements" in capsys.readouterr().out
    statements = json.loads(out.read_text())
    assert [s["verb"]["display"]["en-US"] for s in statements] == ["passed", "failed"]
    assert {s["actor"]["account"]["homePage"] for s in statements} == {"https://lms.example.org"}
    assert all(s["object"]["id"].startswith(BASE + "/") for s in statements)
    assert main(["report", "--format", "xapi", "--trainee", "Nobody"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_the_readme_documents_every_setting_and_its_variable():
    from simulator.training import lrs, xapi
    from tests.test_readme import section

    text = section("Sending results to an LRS")
    names = [*xapi.ENV.values(), *lrs.ENV.values(), "--lrs URL", "--home-page IRI", "--base-iri IRI", "--batch N"]
    assert all(name in text for name in names)
