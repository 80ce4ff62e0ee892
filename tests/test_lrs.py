"""`phonesim sync` against a real xAPI LRS: Ralph, started by these tests on loopback.

Ralph lives in its own virtual environment, `.venv-lrs/`, installed on first use and kept (ignored by
git). Each LRS starts on a fresh data folder: Ralph's file-system backend stores a user's
statements with one "create", so only the first POST that stores something succeeds per data folder.
The tests skip only when the package registry cannot be reached to install it.
"""

import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.training.samples import make_attempt
from simulator.training.store import open_store

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv-lrs"
RALPH = "ralph-malph[cli,lrs]==5.1.0"
STAMP = VENV / ".installed-ralph-5.1.0"
USER, PASSWORD = "trainer", "secret"
#: What pip says when it cannot reach the package index (as opposed to a broken install).
OFFLINE = (
    "No matching distribution",
    "Could not find a version",
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "Read timed out",
    "ProxyError",
)


def _install() -> Path:
    if not STAMP.exists():
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        # requests is used by Ralph's command line but missing from its extras.
        done = subprocess.run([*pip, RALPH, "requests"], capture_output=True, text=True)
        if done.returncode:
            said = (done.stderr or done.stdout).strip().splitlines()
            if any(word in done.stderr + done.stdout for word in OFFLINE):
                pytest.skip(f"cannot install Ralph, the package registry is out of reach: {said[-1] if said else ''}")
            pytest.fail(f"installing {RALPH} failed: {' | '.join(said[-5:])}")
        STAMP.touch()
    return VENV / "bin" / "ralph"


def _env(app: Path) -> dict[str, str]:
    return os.environ | {"RALPH_APP_DIR": str(app), "RALPH_RUNSERVER_BACKEND": "fs"}


@pytest.fixture(scope="module")
def ralph(tmp_path_factory) -> tuple[Path, Path]:
    """Ralph's command and an authentication file with one user, made once for the module."""
    binary = _install()
    app = tmp_path_factory.mktemp("ralph-auth")
    command = [str(binary), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-M", "mailto:trainer@example.org", "-w"]
    subprocess.run(command, env=_env(app), check=True, capture_output=True)
    return binary, app / "auth.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lrs:
    """One Ralph server on a fresh data folder, in its own process group (it runs a reloader and a worker)."""

    def __init__(self, ralph: tuple[Path, Path], folder: Path, port: int) -> None:
        self.binary, auth = ralph
        self.folder = folder
        (folder / "app").mkdir(parents=True)
        shutil.copy(auth, folder / "app" / "auth.json")
        self.port = port
        self.url = f"http://127.0.0.1:{port}/xAPI/"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        data = self.folder / "data"
        command = [str(self.binary), "runserver", "-b", "fs", "--fs-default-directory-path", str(data)]
        command += ["-h", "127.0.0.1", "-p", str(self.port)]
        with open(self.folder / "server.log", "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=self.folder, env=_env(self.folder / "app"), stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"Ralph stopped at start: {(self.folder / 'server.log').read_text()[-2000:]}")
            try:
                self.statements()
                return
            except OSError:
                time.sleep(0.1)  # a real server starting: nothing to simulate
        pytest.fail("Ralph did not answer within 60 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process:
            with contextlib.suppress(ProcessLookupError):  # the worker, should it outlive the reloader
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process = None

    def statements(self) -> list[dict]:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
        request = urllib.request.Request(self.url + "statements?limit=500", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as answer:
            return json.load(answer)["statements"]


@pytest.fixture
def lrs(ralph, tmp_path):
    server = Lrs(ralph, tmp_path / "lrs", free_port())
    yield server
    server.stop()


@pytest.fixture
def class_store(tmp_path, monkeypatch):
    """Three attempts: a pass, a failed exam item with mistakes, a trainee named by e-mail."""
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(tmp_path / "data"))
    for var in ("PHONESIM_LRS_URL", "PHONESIM_LRS_USER", "PHONESIM_LRS_PASSWORD", "PHONESIM_XAPI_BASE_IRI"):
        monkeypatch.delenv(var, raising=False)
    with open_store() as store:
        store.record(make_attempt(mistakes=("released_early",)))
        store.record(
            make_attempt("Ben Okafor", model="ip-650", passed=False, mistakes=("setup_pressed", "gave_up"),
                         mode="exam", exam_id="autumn-class", item=2)
        )  # fmt: skip
        store.record(make_attempt("chloe@example.org", goal="reboot", stages=(("combination", 3.5),)))
    return tmp_path / "data"


def sync(capsys, lrs: Lrs, password: str = PASSWORD) -> tuple[int, str, str]:
    code = main(["sync", "--lrs", lrs.url, "--user", USER, "--password", password])
    out, err = capsys.readouterr()
    return code, out, err


def unsent(lrs: Lrs) -> int:
    with open_store() as store:
        return len(store.unsent(lrs.url))


def test_statements_sent_are_read_back_field_by_field_and_sending_again_stores_no_copy(
    class_store, lrs, capsys, tmp_path, monkeypatch
):
    lrs.start()
    second_machine = tmp_path / "copy"
    shutil.copytree(class_store, second_machine)  # the same attempts, never synced from there
    assert sync(capsys, lrs) == (0, f"3 attempts sent to {lrs.url}\n", "")
    assert main(["report", "--format", "xapi"]) == 0
    ours = {s["id"]: s for s in json.loads(capsys.readouterr().out)}
    theirs = {s["id"]: s for s in lrs.statements()}
    assert set(theirs) == set(ours)
    for sid, sent in ours.items():
        back = theirs[sid]
        for field in ("actor", "verb", "object", "result", "context", "timestamp"):
            assert back[field] == sent[field], f"{field} of {sid}"
        assert back["stored"] and back["authority"]["mbox"] == "mailto:trainer@example.org"
    exam = next(s for s in theirs.values() if s["actor"]["name"] == "Ben Okafor")
    assert exam["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert "registration" in exam["context"]
    assert next(s for s in theirs.values() if "mbox" in s["actor"])["actor"]["mbox"] == "mailto:chloe@example.org"

    assert sync(capsys, lrs) == (0, "nothing to send\n", "")
    monkeypatch.setenv("PHONESIM_DATA_DIR", str(second_machine))
    assert sync(capsys, lrs)[:2] == (0, f"3 attempts sent to {lrs.url}\n")  # the LRS knows the ids
    assert len(lrs.statements()) == 3


def test_a_stopped_lrs_or_a_wrong_password_is_one_line_and_the_attempts_wait_for_the_next_sync(
    class_store, lrs, capsys
):
    lrs.start()
    lrs.stop()
    code, out, err = sync(capsys, lrs)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and f"cannot reach the LRS at {lrs.url}statements" in err
    assert "3 attempts not sent, kept for the next sync" in err
    assert unsent(lrs) == 3

    lrs.start()
    code, out, err = sync(capsys, lrs, password="wrong")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "refused the credentials (401" in err
    assert unsent(lrs) == 3
    assert lrs.statements() == []

    assert sync(capsys, lrs) == (0, f"3 attempts sent to {lrs.url}\n", "")
    assert unsent(lrs) == 0
    assert len(lrs.statements()) == 3
