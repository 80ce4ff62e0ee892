"""Multi-tap text entry as on the reset prompt: modes numeric / lower / upper, ITU E.161 letters.

Plain code, not machine states: a key tap must cost microseconds, not a transitions trigger.
The owner schedules `commit()` at `deadline_ms` (the model's commit timeout after the last tap).
"""

from __future__ import annotations

from collections.abc import Mapping

MODES = ("numeric", "lower", "upper")


class TextEntry:
    def __init__(self, cycle: tuple[str, ...], letters: Mapping[str, str], commit_ms: int) -> None:
        self.cycle = cycle
        self.letters = letters
        self.commit_ms = commit_ms
        self.mode = cycle[0]
        self.committed = ""
        self.pending_key: str | None = None
        self.pending_index = 0
        self.deadline_ms: int | None = None

    def reset(self) -> None:
        self.mode = self.cycle[0]
        self.committed = ""
        self.pending_key = None
        self.deadline_ms = None

    def choices(self, key: str) -> str:
        """Characters one key cycles through in the current mode (the digit closes the cycle)."""
        if self.mode == "numeric" or key not in self.letters:
            return key
        letters = self.letters[key]
        letters = letters.lower() if self.mode == "lower" else letters.upper()
        return letters + key

    def press(self, key: str, now_ms: int) -> None:
        choices = self.choices(key)
        if self.pending_key == key and len(choices) > 1:
            self.pending_index = (self.pending_index + 1) % len(choices)
        else:
            self.commit()
            if len(choices) == 1:
                self.committed += choices
                return
            self.pending_key = key
            self.pending_index = 0
        self.deadline_ms = now_ms + self.commit_ms

    def commit(self) -> None:
        if self.pending_key is not None:
            self.committed += self.choices(self.pending_key)[self.pending_index]
            self.pending_key = None
        self.deadline_ms = None

    def next_mode(self) -> None:
        self.commit()
        self.mode = self.cycle[(self.cycle.index(self.mode) + 1) % len(self.cycle)]

    def backspace(self) -> None:
        if self.pending_key is not None:
            self.pending_key = None
            self.deadline_ms = None
        else:
            self.committed = self.committed[:-1]

    @property
    def text(self) -> str:
        if self.pending_key is None:
            return self.committed
        return self.committed + self.choices(self.pending_key)[self.pending_index]


def keystrokes(text: str, cycle: tuple[str, ...], letters: Mapping[str, str], commit_ms: int) -> list[str | int]:
    """The taps that type `text`: key ids, `mode` for the input-mode key, and integer waits in ms.

    A letter on the same key as the one before needs the pending one committed first: the FAQ's
    "wait for two seconds for the blinking cursor to return" between the two a's of `aa`.
    """
    lowered = {key: chars.lower() for key, chars in letters.items()}
    mode = cycle[0]
    out: list[str | int] = []
    previous = None
    for ch in text:
        if ch.isdigit() or ch in "*#":
            wanted, key, presses = "numeric", ch, 1
        else:
            wanted = "lower" if ch.islower() else "upper"
            key = next((k for k, chars in lowered.items() if ch.lower() in chars), None)
            if key is None or wanted not in cycle:
                raise ValueError(f"{ch!r} cannot be typed on this keypad")
            presses = lowered[key].index(ch.lower()) + 1
        while mode != wanted:
            out.append("mode")
            mode = cycle[(cycle.index(mode) + 1) % len(cycle)]
            previous = None
        if key == previous and wanted != "numeric":
            out.append(commit_ms + 500)
        out.extend([key] * presses)
        previous = key
    return out
