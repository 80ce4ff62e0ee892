"""`phonesim sync` against a scripted LRS on loopback: batches, headers, and every way an LRS says no.

The real LRS (Ralph) is in test_lrs.py; this one answers what each test tells it to, so refusals and
failures half-way through a sync can be provoked exactly.
"""

import base64
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from simulator.cli import main
from simulator.training.samples import make_attempt
from simulator.training.store import open_store


class ScriptedLrs(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.answers: list[tuple[int, str]] = []
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/xAPI/"


class Handler(BaseHTTPRequestHandler):
    server: ScriptedLrs

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(
            {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
        )
        status, text = self.server.answers.pop(0) if self.server.answers else (200, "")
        payload = (text or json.dumps([s["id"] for s in body])).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def lrs():
    server = ScriptedLrs()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def five(tmp_path, monkeypatch):
    """A store of five attempts, the LRS variables unset."""
    for var in ("PHONESIM_LRS_URL", "PHONESIM_LRS_USER", "PHONESIM_LRS_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path))
    with open_store() as store:
        for minute in range(5):
            store.record(make_attempt(started=f"2026-11-02T09:0{minute}:00+00:00"))
    return tmp_path


def sync(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["sync", *args])
    out, err = capsys.readouterr()
    return code, out, err


def posted_ids(lrs: ScriptedLrs) -> list[str]:
    return [s["id"] for r in lrs.requests for s in r["body"]]


def test_sync_posts_in_batches_with_the_xapi_version_and_then_has_nothing_to_send(five, lrs, capsys):
    code, out, _ = sync(capsys, "--lrs", lrs.url, "--user", "trainer", "--password", "secret", "--batch", "2")
    assert (code, out) == (0, f"5 attempts sent to {lrs.url}\n")
    assert [len(r["body"]) for r in lrs.requests] == [2, 2, 1]
    first = lrs.requests[0]
    assert first["path"] == "/xAPI/statements"
    assert first["headers"]["x-experience-api-version"] == "1.0.3"
    assert first["headers"]["authorization"] == "Basic " + base64.b64encode(b"trainer:secret").decode()
    assert len(set(posted_ids(lrs))) == 5
    assert sync(capsys, "--lrs", lrs.url + "statements") == (0, "nothing to send\n", "")
    assert len(lrs.requests) == 3


def test_the_lrs_variables_stand_in_for_the_flags(five, lrs, capsys, monkeypatch):
    monkeypatch.setenv("PHONESIM_LRS_URL", lrs.url)
    monkeypatch.setenv("PHONESIM_LRS_USER", "env-user")
    monkeypatch.setenv("PHONESIM_LRS_PASSWORD", "env-pass")
    assert sync(capsys)[0] == 0
    assert lrs.requests[0]["headers"]["authorization"] == "Basic " + base64.b64encode(b"env-user:env-pass").decode()


@pytest.mark.parametrize(
    ("status", "body", "says"),
    [
        (400, '{"error": true, "message": "Invalid statement: actor is required"}', "rejected the statements (400"),
        (401, '{"detail": "Invalid authentication credentials"}', "refused the credentials (401"),
        (503, "Service Unavailable\nretry later", "failed (503"),
    ],
)
def test_a_refusal_is_one_line_with_the_lrs_reason_and_everything_stays_for_next_time(
    five, lrs, capsys, status, body, says
):
    lrs.answers = [(status, body)]
    code, out, err = sync(capsys, "--lrs", lrs.url)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and says in err
    reason = json.loads(body).popitem()[1] if body.startswith("{") else body.splitlines()[0]
    assert reason in err
    assert "5 attempts not sent, kept for the next sync" in err
    assert sync(capsys, "--lrs", lrs.url)[:2] == (0, f"5 attempts sent to {lrs.url}\n")


def test_a_failure_half_way_keeps_what_went_and_sends_only_the_rest_next_time(five, lrs, capsys):
    lrs.answers = [(200, ""), (500, '{"detail": "Statements bulk indexation failed"}')]
    code, _, err = sync(capsys, "--lrs", lrs.url, "--batch", "2")
    assert code == 1 and "failed (500 Internal Server Error: Statements bulk indexation failed)" in err
    assert "3 attempts not sent" in err
    first_batch = posted_ids(lrs)[:2]
    lrs.requests.clear()
    assert sync(capsys, "--lrs", lrs.url, "--batch", "2")[:2] == (0, f"3 attempts sent to {lrs.url}\n")
    assert not set(first_batch) & set(posted_ids(lrs))
    assert len(posted_ids(lrs)) == 3


def test_an_lrs_that_is_not_there_is_one_line(five, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and nothing listens once closed
    code, _, err = sync(capsys, "--lrs", f"http://127.0.0.1:{port}/xAPI/")
    assert code == 1 and err.count("\n") == 1
    assert f"cannot reach the LRS at http://127.0.0.1:{port}/xAPI/statements: Connection refused" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [((), "no LRS given: use --lrs URL or set PHONESIM_LRS_URL"), (("--lrs", "lrs.example"), "http:// or https://")],
)
def test_no_lrs_or_not_a_url_is_one_line(five, capsys, args, says):
    code, _, err = sync(capsys, *args)
    assert code == 1 and err.count("\n") == 1 and says in err
