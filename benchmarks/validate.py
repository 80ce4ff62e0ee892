"""How long `phonesim validate` takes, and how it grows with the number of models (run by `make bench`).

Validates models/ and scenarios/ in this process with a fresh catalog each run, then as the command
itself (Python's start and imports included); then generated folders of 20 and 1,000 models (copies
of the real ones under new ids, with the real bases) in a temporary folder. Time per model that stays
flat from 20 to 1,000 models means validation grows linearly; before each file was parsed once it
grew with the square.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from simulator.cli import main as phonesim
from simulator.core.catalog import MODELS_DIR, Catalog

TARGET_S = 2.0
SIZES = (20, 1000)


def validate_seconds(*paths: str, repeat: int = 3) -> float:
    """Best of `repeat` in-process runs, each with a fresh catalog (as the command makes one)."""
    best = float("inf")
    for _ in range(repeat):
        out = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out):
            code = phonesim(["validate", *paths])
        best = min(best, time.perf_counter() - start)
        if code != 0:
            sys.exit(f"validate failed:\n{out.getvalue()}")
    return best


def command_seconds(repeat: int = 3) -> float:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "simulator", "validate"], check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def generated_folder(root: Path, count: int) -> Path:
    """`count` models copied from the real ones (in turn) under the ids gen-0001..., beside the real bases."""
    folder = root / f"models-{count}"
    folder.mkdir()
    for base in MODELS_DIR.glob("_*.yaml"):
        shutil.copy(base, folder / base.name)
    ids = Catalog().ids()
    for i in range(count):
        text = (MODELS_DIR / f"{ids[i % len(ids)]}.yaml").read_text()
        new_id = f"gen-{i + 1:04d}"
        (folder / f"{new_id}.yaml").write_text(re.sub(r"(?m)^id: .*$", f"id: {new_id}", text, count=1))
    return folder


def main() -> int:
    here = validate_seconds()
    files = len(list(MODELS_DIR.glob("*.yaml"))) + len(list((MODELS_DIR.parent / "scenarios").rglob("*.yaml")))
    command = command_seconds()
    print(f"phonesim validate (models/ and scenarios/, {files} files), best of 3")
    print(f"  in process:  {here:6.3f} s")
    print(f"  the command: {command:6.3f} s (Python's start and imports included)")
    verdict = "met" if command <= TARGET_S else "NOT met"
    print(f"  target: under {TARGET_S:g} s: {verdict}\n")

    per_model = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in SIZES:
            seconds = validate_seconds(str(generated_folder(Path(tmp), count)))
            per_model[count] = seconds / count
            print(
                f"generated folder of {count:5,} models: {seconds:7.3f} s, {per_model[count] * 1e3:6.2f} ms per model"
            )
    small, large = SIZES
    ratio = per_model[large] / per_model[small]
    print(
        f"\ntime per model, {large:,} models against {small}: {ratio:.2f}x "
        f"(1 = linear; growing with the square would be {large / small:.0f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
