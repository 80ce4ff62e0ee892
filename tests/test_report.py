"""`phonesim report`: what a trainer reads about a class, in every format, from a known set of attempts."""

import csv
import io
import json
import re

import pytest

from simulator.cli import main
from simulator.training.samples import make_attempt
from simulator.training.store import open_store

FAST = (("boot", 10.0), ("cancel", 2.0), ("combination", 4.0))
SLOW = (("boot", 14.0), ("cancel", 3.0), ("combination", 6.0))
MID = (("boot", 12.0), ("cancel", 4.0), ("combination", 3.0))


@pytest.fixture
def class_store(tmp_path, monkeypatch):
    """Ana: 3 VVX resets (2 passed) and an exam; Ben: 1 failed SoundPoint reset a month later."""
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path))
    with open_store() as store:
        store.record(make_attempt(stages=SLOW, mistakes=("released_early",), started="2026-11-02T09:00:00+00:00"))
        store.record(make_attempt(stages=FAST, started="2026-11-02T09:10:00+00:00"))
        store.record(
            make_attempt(passed=False, stages=FAST[:1], mistakes=("setup_pressed", "released_early", "gave_up"),
                         started="2026-11-02T09:20:00+00:00")
        )  # fmt: skip
        store.record(make_attempt(stages=MID, started="2026-11-03T10:00:00+00:00", mode="exam", exam_id="e1", item=1))
        store.record(
            make_attempt(goal="reboot", stages=(("combination", 3.5),), passed=False, mistakes=("gave_up",),
                         started="2026-11-03T10:05:00+00:00", mode="exam", exam_id="e1", item=2)
        )  # fmt: skip
        store.record(
            make_attempt("Ben Okafor", model="ip-650", passed=False, stages=SLOW[:2],
                         mistakes=("wrong_keys",), started="2026-12-01T08:00:00+00:00")
        )  # fmt: skip
    return tmp_path


def report(capsys, *args: str) -> str:
    assert main(["report", *args]) == 0
    return capsys.readouterr().out


def test_json_gives_per_trainee_model_and_goal_counts_best_median_stages_and_mistakes(class_store, capsys):
    data = json.loads(report(capsys, "--format", "json"))
    assert data["attempts"] == 6
    ana = next(g for g in data["groups"] if g["trainee"] == "Ana Silva" and g["goal"] == "factory_reset")
    assert (ana["attempts"], ana["passed"], ana["pass_rate"]) == (4, 3, 0.75)
    assert (ana["best_seconds"], ana["median_seconds"]) == (16.0, 19.0)  # passed: 23, 16, 19
    assert ana["stages"] == [
        {"id": "boot", "best_seconds": 10.0, "median_seconds": 12.0},
        {"id": "cancel", "best_seconds": 2.0, "median_seconds": 3.0},
        {"id": "combination", "best_seconds": 3.0, "median_seconds": 4.0},
    ]
    assert ana["mistakes"] == [
        {"id": "released_early", "count": 2},
        {"id": "gave_up", "count": 1},
        {"id": "setup_pressed", "count": 1},
    ]
    ben = next(g for g in data["groups"] if g["trainee"] == "Ben Okafor")
    assert (ben["passed"], ben["best_seconds"], ben["stages"]) == (0, None, [])
    (exam,) = data["exams"]
    assert (exam["exam"], exam["trainee"], exam["score"], exam["passed"]) == ("e1", "Ana Silva", 60, 1)
    assert [(i["item"], i["goal"], i["passed"], i["score"]) for i in exam["items"]] == [
        (1, "factory_reset", True, 100),
        (2, "reboot", False, 20),
    ]


def test_filters_by_trainee_by_model_named_as_anywhere_else_and_since_a_date(class_store, capsys):
    def trainees(*args: str) -> set[tuple[str, str, int]]:
        data = json.loads(report(capsys, "--format", "json", *args))
        return {(g["trainee"], g["goal"], g["attempts"]) for g in data["groups"]}

    assert trainees("--trainee", "Ben Okafor") == {("Ben Okafor", "factory_reset", 1)}
    assert trainees("--model", "SoundPoint IP 650") == {("Ben Okafor", "factory_reset", 1)}
    assert trainees("--model", "vvx410") == {("Ana Silva", "factory_reset", 4), ("Ana Silva", "reboot", 1)}
    assert trainees("--since", "2026-11-03") == {
        ("Ana Silva", "factory_reset", 1),
        ("Ana Silva", "reboot", 1),
        ("Ben Okafor", "factory_reset", 1),
    }
    assert trainees("--trainee", "Nobody") == set()


def test_the_table_shows_each_group_its_stage_times_and_the_exam(class_store, capsys):
    out = report(capsys)
    ana = next(line for line in out.splitlines() if line.startswith("Ana Silva") and "factory_reset" in line)
    assert re.search(r"\b4\s+75%\s+16\.0\s+19\.0\s+released_early 2, gave_up 1, setup_pressed 1$", ana)
    assert re.search(r"^vvx-410 factory_reset: stage times", out, re.M)
    assert re.search(r"^Ana Silva\s+10\.0 / 12\.0\s+2\.0 / 3\.0\s+3\.0 / 4\.0$", out, re.M)
    assert re.search(r"^Exam e1 \(2026-11-03\): 1\. vvx-410 factory_reset; 2\. vvx-410 reboot$", out, re.M)
    assert re.search(r"^Ana Silva\s+60\s+1/2\s+1: 100 pass  2: 20 FAIL$", out, re.M)


def test_csv_is_one_long_table_a_spreadsheet_can_filter(class_store, capsys):
    rows = list(csv.DictReader(io.StringIO(report(capsys, "--format", "csv"))))
    sections = [r["section"] for r in rows]
    assert sections.count("group") == 3 and sections.count("exam") == 1 and sections.count("exam_item") == 2
    stage = next(r for r in rows if r["section"] == "stage" and r["stage"] == "cancel")
    assert (stage["trainee"], stage["best_seconds"], stage["median_seconds"]) == ("Ana Silva", "2.0", "3.0")
    group = next(r for r in rows if r["section"] == "group" and r["trainee"] == "Ana Silva")
    assert group["mistakes"] == "released_early:2 gave_up:1 setup_pressed:1"


def test_html_is_one_self_contained_file_with_the_three_kinds_of_chart(class_store, capsys, tmp_path):
    out = tmp_path / "class.html"
    assert f"{out}: 6 attempts" in report(capsys, "--format", "html", "-o", str(out))
    page = out.read_text()
    assert page.count("<svg") >= 5  # mistakes, pass rate, and stage times of each of the three groups
    for title in ("Mistakes by kind", "Pass rate per model (%)", "Ana Silva: vvx-410 factory_reset, stage times"):
        assert title in page
    assert not re.search(r"<script|<link|<img|\bsrc=|url\(http", page)  # nothing fetched from anywhere
    assert "<td>e1</td>" in page and ">1: 100</span>" in page


def test_an_empty_or_missing_store_reports_that_nothing_is_recorded(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path / "none"))
    assert "No attempts recorded (0 attempts)" in report(capsys)
    assert json.loads(report(capsys, "--format", "json"))["groups"] == []
    assert "No attempts recorded" in report(capsys, "--format", "html")
    assert not (tmp_path / "none").exists()  # reading never creates a store


def test_a_bad_date_or_output_folder_is_one_line(class_store, capsys):
    with pytest.raises(SystemExit):
        main(["report", "--since", "last tuesday"])
    assert "expected a date like 2026-11-30" in capsys.readouterr().err
    assert main(["report", "-o", str(class_store / "missing" / "r.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err


def test_the_readme_documents_every_format_and_csv_column():
    from simulator.training.records_cli import FORMATS
    from simulator.training.report_text import CSV_COLUMNS
    from tests.test_readme import section

    text = section("Records and reports")
    assert all(f"`{word}`" in text for word in (*FORMATS, *CSV_COLUMNS, "PHONESIM_DATA_DIR"))
