"""Nothing is half-written: a writer killed with SIGKILL at any moment leaves only whole attempts.

A forked child writes attempts in a loop (each one transaction) and is killed after a random short
delay, 100 times; after every kill the store opens without a warning and every attempt in it has
all its stages, mistakes and its trace.
"""

import os
import random
import signal
import time

from simulator.training.samples import make_attempt
from simulator.training.store import open_store

KILLS = 100
STAGES = tuple((f"stage_{n}", 1.0 + n) for n in range(12))
MISTAKES = ("released_early", "wrong_keys", "password_case")


def _writer(path: str, first: int, ready: int) -> None:
    """Runs in the child: write until killed; says so on `ready` once the first attempt is in."""
    try:
        with open_store(path, warn=lambda line: os._exit(3)) as store:
            for n in range(first, first + 100_000):
                started = f"2026-11-02T09:00:00.{n % 1000:03d}+00:00"
                store.record(make_attempt(f"trainee {n}", stages=STAGES, mistakes=MISTAKES, started=started))
                if n == first:
                    os.write(ready, b"1")
    finally:
        os._exit(0)


def test_a_writer_killed_100_times_mid_write_leaves_only_whole_attempts(tmp_path):
    path = str(tmp_path / "progress.sqlite3")
    rng = random.Random(20261204)
    stored = 0
    for kill in range(KILLS):
        ready_r, ready_w = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(ready_r)
            _writer(path, kill * 100_000, ready_w)
        os.close(ready_w)
        # However slow the machine, the kill falls while the writer is at work, not while it starts.
        assert os.read(ready_r, 1) == b"1", f"writer {kill} ended before its first attempt"
        os.close(ready_r)
        time.sleep(rng.uniform(0.0, 0.02))
        os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        assert os.WIFSIGNALED(status), f"writer {kill} ended by itself (status {status}): the store warned"
        warnings: list[str] = []
        with open_store(path, warn=warnings.append) as store:
            assert warnings == []
            conn = store.conn
            attempts = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
            assert attempts >= stored
            stored = attempts
            partial = conn.execute(
                "SELECT count(*) FROM attempts a WHERE"
                " (SELECT count(*) FROM stages s WHERE s.attempt_id = a.id) != ?"
                " OR (SELECT count(*) FROM mistakes m WHERE m.attempt_id = a.id) != ?"
                " OR NOT EXISTS (SELECT 1 FROM traces r WHERE r.attempt_id = a.id)",
                (len(STAGES), len(MISTAKES)),
            ).fetchone()[0]
            assert partial == 0
            orphans = conn.execute(
                "SELECT (SELECT count(*) FROM stages WHERE attempt_id NOT IN (SELECT id FROM attempts))"
                " + (SELECT count(*) FROM traces WHERE attempt_id NOT IN (SELECT id FROM attempts))"
            ).fetchone()[0]
            assert orphans == 0
    assert stored >= KILLS  # every writer got at least its first attempt in before its kill
    with open_store(path) as store:  # and the store takes the next attempt as if nothing had happened
        store.record(make_attempt("after the kills", stages=STAGES, mistakes=MISTAKES))
        assert store.count() == stored + 1
