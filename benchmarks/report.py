"""`phonesim report` on a progress store of 100,000 attempts: the whole command, as a trainer runs it.

Target: under 2 s for every report format (table, csv, json, html), start-up included, best of 3.
The store is a sample class (simulator/training/samples.py) written to a temporary folder first.

    python benchmarks/report.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from simulator.training.samples import sample_attempts
from simulator.training.store import open_store

ATTEMPTS = 100_000
TARGET_S = 2.0
FORMATS = ("table", "csv", "json", "html")


def build(folder: Path) -> float:
    start = time.perf_counter()
    with open_store(folder / "progress.sqlite3") as store, store.bulk():
        for attempt in sample_attempts(ATTEMPTS):
            store.record(attempt)
    return time.perf_counter() - start


def run(folder: Path, *args: str) -> float:
    """Best of 3 wall times of `phonesim report ARGS` in a fresh interpreter."""
    env = os.environ | {"PHONESIM_DATA_DIR": str(folder)}
    command = [sys.executable, "-m", "simulator", "report", *args, "-o", str(folder / "out")]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print(f"writing {ATTEMPTS:,} sample attempts: {build(folder):.1f} s", flush=True)
        size = (folder / "progress.sqlite3").stat().st_size / 1e6
        print(f"store {size:.0f} MB; target: phonesim report under {TARGET_S:g} s, start-up included\n")
        worst = 0.0
        for fmt in FORMATS:
            seconds = run(folder, "--format", fmt)
            worst = max(worst, seconds)
            print(f"  report --format {fmt:<6} {seconds:6.2f} s")
        filtered = run(folder, "--trainee", "Ana Silva", "--since", "2027-01-01")
        print(f"  report --trainee --since {filtered:5.2f} s")
        xapi = run(folder, "--format", "xapi")
        print(f"  report --format xapi   {xapi:6.2f} s  (an export of every attempt, not a report: no target)")
    verdict = "met" if worst < TARGET_S else "NOT met"
    print(f"\nslowest report {worst:.2f} s; target {TARGET_S:g} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
