"""`--state-file`: the window's phone state as JSON for scripts, replaced whole so a reader never sees half.

Each write goes to a temporary file of its own in the same folder (`.state.json.k3j9x2ab.tmp`), is
flushed to disk, then renamed over the state file: two windows on one state file never write into the
same temporary file, and a reader sees the old state or the new one. A window killed between the two
steps leaves its temporary file behind; the next window removes those of this naming older than a minute.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

STALE_SECONDS = 60.0  # a temporary file older than this is left over from a killed window (a write takes ms)
SUFFIX = ".tmp"


class StateFile:
    """Writes the state when it changed (the clock alone does not count); remembers the first failure."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.error: str | None = None  # why the last write failed, in one line
        self._written: dict[str, Any] | None = None
        self._prefix = f".{self.path.name}."
        remove_stale(self.path)

    def write(self, state: dict[str, Any]) -> bool:
        """Write `state` if anything but its time `t` changed; True when written."""
        changed = {k: v for k, v in state.items() if k != "t"}
        if changed == self._written:
            return False
        folder = self.path.parent
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=self._prefix, suffix=SUFFIX, dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(state, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
            tmp = None
        except OSError as exc:
            self.error = f"--state-file {self.path}: {exc.strerror or exc}"
            return False
        finally:
            if tmp is not None:
                _unlink(Path(tmp))
        self._written = changed
        self.error = None
        return True


def remove_stale(path: Path, now: float | None = None) -> list[Path]:
    """Temporary files of `path`'s naming older than STALE_SECONDS, removed; returns them."""
    prefix = f".{path.name}."
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(SUFFIX)):
            continue
        try:
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
        except OSError:
            continue
        if old and entry.is_file(follow_symlinks=False):
            _unlink(Path(entry.path))
            removed.append(Path(entry.path))
    return removed


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
