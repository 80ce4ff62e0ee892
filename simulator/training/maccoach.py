"""The MAC coach: how to type any MAC address on a model's keypad, and a blind check of a try.

The plan says, group by group, which keys to tap, when to switch the input mode and where to wait
for the pending letter to commit ("aa": two letters on one key). The check points at the first
character that went wrong, as the masked prompt never shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.core import Model, keystrokes, mac_as_typed, normalise_mac


@dataclass(frozen=True)
class CoachLine:
    char: str  # the character this line types ("" for a mode switch or a wait)
    keys: tuple[str, ...]  # the taps, in order (`mode` for the input-mode key)
    text: str  # what to do, in words


def mac_plan(model: Model, mac: str) -> tuple[str, list[CoachLine]]:
    """The MAC as this model's prompt wants it typed, and one line per character: the mode switches,
    the wait and the taps that type it (each character's share of the whole keystroke plan)."""
    typed = mac_as_typed(normalise_mac(mac), model.text_entry.mac_case)
    te = model.text_entry
    letters = {k.id: k.letters for k in model.keys if k.letters}
    done: list[str | int] = []
    mode = te.cycle[0]
    lines = []
    for i, char in enumerate(typed):
        plan = keystrokes(typed[: i + 1], te.cycle, letters, te.commit_ms)
        mine, done = plan[len(done) :], plan
        words = []
        for item in mine:
            if item == "mode":
                mode = te.cycle[(te.cycle.index(mode) + 1) % len(te.cycle)]
                words.append(f"mode key ({te.labels[mode]})")
            elif isinstance(item, int):
                words.append(f"wait {item / 1000:g} s (same key as the letter before)")
        taps = [k for k in mine if isinstance(k, str) and k != "mode"]
        words.append(f"tap {taps[0]}" + (f" {len(taps)} times" if len(taps) > 1 else ""))
        lines.append(CoachLine(char, tuple(k for k in mine if isinstance(k, str)), f"{char}: " + ", then ".join(words)))
    return typed, lines


def first_wrong(expected: str, typed: str) -> int | None:
    """The index of the first character of `typed` that is not `expected`'s (or where it stops short)."""
    for i, (a, b) in enumerate(zip(expected, typed, strict=False)):
        if a != b:
            return i
    return None if len(typed) == len(expected) else min(len(typed), len(expected))
