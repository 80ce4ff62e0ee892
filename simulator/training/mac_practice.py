"""The MAC coach's blind practice: a phone at the reset prompt, and what the coach says about a try.

The phone is brought to the password prompt by the model's own reset (headless, in a moment), with a
changed admin password, so only the MAC opens it. While the trainee types, the prompt masks every
character, as on the phone; the coach marks how far the committed characters are right and points at the
first wrong one (`maccoach.first_wrong`) without showing it. After OK it says what the phone did, and for a
rejected try which character was wrong and what it was.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulator.core import Model, Phone, mac_as_typed, normalise_mac
from simulator.recipes import CHANGED_PASSWORD, TIMEOUT_MS, hold_steps, reset_procedure, window_steps
from simulator.scenario import Runner, Scenario, Step
from simulator.training.maccoach import first_wrong, mac_plan

POLY_PREFIX = "0004f2"  # Polycom's own block of addresses: a practice MAC looks like a real label's


def random_mac(rng: random.Random) -> str:
    return POLY_PREFIX + "".join(rng.choice("0123456789abcdef") for _ in range(6))


def check_prompt(model: Model) -> None:
    """A LookupError in one line when the model's reset never asks for the MAC."""
    if reset_procedure(model).action != "reset_prompt":
        raise LookupError(f"the {model.name} never asks for the MAC: its reset has no password prompt")


def prompt_phone(model: Model, mac: str) -> Phone:
    """A phone of `model` at its reset prompt (the MAC on its label), its clock stopped there."""
    check_prompt(model)
    proc = reset_procedure(model)
    steps = window_steps(model, proc) + hold_steps(model, proc)
    steps.append(Step("wait_until", 0, ("phase", "password"), TIMEOUT_MS))
    scenario = Scenario(f"<{model.id}: MAC practice>", model, tuple(steps), mac=normalise_mac(mac),
                        admin_password=CHANGED_PASSWORD)  # fmt: skip
    runner = Runner(scenario)
    if not runner.play() or runner.phone.phase != "password":
        raise LookupError(f"the {model.name}'s reset did not reach its password prompt")
    return runner.phone


def mode_key_words(model: Model) -> str:
    """The key that switches 123 / abc / ABC on this model, in words."""
    te = model.text_entry
    labels = " / ".join(te.labels[mode] for mode in te.cycle)
    if te.mode_key:
        found = model.key(te.mode_key)
        return f"the {found.label if found is not None and found.label else te.mode_key} key ({labels})"
    return f"the softkey showing {labels}"


@dataclass(frozen=True)
class Try:
    """Where the trainee stands: one mark per character of the MAC, and what the coach says."""

    marks: tuple[str, ...]  # per character of the MAC: "right", "wrong", "typing" (a letter cycling), "empty"
    extra: int  # characters typed beyond the MAC's length
    wrong_at: int | None  # the first wrong committed character
    next_at: int | None  # the character to type next, while everything so far is right
    status: str
    state: str  # "typing", "wrong", "complete", "accepted", "rejected"


def judge(
    expected: str, committed: str, pending: bool, result: tuple[str, str] | None = None, *, can_delete: bool = True
) -> Try:
    """A try at `expected`: `committed` characters, a letter still cycling (`pending`), and the phone's answer
    to the last OK, if any: ("accepted", typed) or ("rejected", typed). `can_delete`: the model has a Delete
    key (without one, a wrong character is mended only by trying again)."""
    if result is not None:
        verdict, entered = result
        if verdict == "accepted":
            return Try(("right",) * len(expected), 0, None, None,
                       "Accepted: the phone asks to reset to factory. F11 practises again, F10 with a new MAC.",
                       "accepted")  # fmt: skip
        at = first_wrong(expected, entered)
        marks = tuple(
            "right" if at is None or i < at else "wrong" if i == at else "empty" for i in range(len(expected))
        )
        if at is None or at >= len(entered):
            what = f"it stopped after {len(entered)} of {len(expected)} characters"
        else:
            what = f"character {at + 1} was '{entered[at]}' where '{expected[at]}' was expected"
        return Try(marks, max(0, len(entered) - len(expected)), at, None,
                   f"Rejected: {what}. Cancel returns to the prompt; type it again.", "rejected")  # fmt: skip
    at = first_wrong(expected, committed)
    wrong = at is not None and at < len(committed)
    marks = []
    for i in range(len(expected)):
        if i < len(committed):
            marks.append("wrong" if wrong and i == at else "right" if not wrong or i < at else "empty")  # type: ignore[operator]
        elif i == len(committed) and pending:
            marks.append("typing")
        else:
            marks.append("empty")
    extra = max(0, len(committed) + pending - len(expected))
    if wrong:
        mend = "delete back to it and type it again" if can_delete else "press OK, then Cancel, and start again"
        status = f"Character {at + 1} is wrong (the prompt hides it): {mend}."  # type: ignore[operator]
        return Try(tuple(marks), extra, at, None, status, "wrong")
    if len(committed) >= len(expected) and not extra:
        return Try(tuple(marks), 0, None, None, f"All {len(expected)} characters right: press OK.", "complete")
    if extra:
        return Try(tuple(marks), extra, None, None, f"{extra} character(s) too many: delete them.", "wrong")
    n = len(committed)
    status = f"{n} of {len(expected)} right so far" + (": a letter is still cycling" if pending else "")
    return Try(tuple(marks), 0, None, n, status, "typing")


def expected_text(model: Model, mac: str) -> str:
    """The MAC as the model's prompt wants it typed (its letter case)."""
    return mac_as_typed(normalise_mac(mac), model.text_entry.mac_case)


class MacCoach:
    """The MAC being practised, its plan, and the phone's answers read from its event log."""

    def __init__(self, model: Model, mac: str | None, rng: random.Random | None = None) -> None:
        check_prompt(model)
        self.model = model
        self.rng = rng or random.Random()
        self.fixed = mac
        self.new_mac()

    def new_mac(self) -> None:
        self.mac = expected_text(self.model, self.fixed or random_mac(self.rng))
        self.expected, lines = mac_plan(self.model, self.mac)
        self.plan = lines
        self.mode_key = mode_key_words(self.model)
        pairs = [self.mac.upper()[i : i + 2] for i in range(0, 12, 2)]
        self.label = "-".join(pairs)

    def phone(self) -> Phone:
        return prompt_phone(self.model, self.mac)

    def judge(self, phone: Phone) -> tuple[Try | None, str]:
        """The try now, and what was said about the last rejected one."""
        answers = [e for e in phone.events if e.kind in ("password_accepted", "password_rejected")]
        answers = [e for e in answers if e.data.get("prompt") == "reset"]
        last = answers[-1] if answers else None
        can_delete = "delete" in self.model.key_ids
        previous = ""
        if last is not None:
            verdict = "accepted" if last.kind == "password_accepted" else "rejected"
            said = judge(self.expected, "", False, (verdict, str(last.data.get("entered", ""))), can_delete=can_delete)
            if phone.state != "password_entry":
                return said, ""
            previous = said.status.split(". Cancel")[0]
        if phone.state != "password_entry":
            return None, previous
        entry = phone.entry
        return judge(self.expected, entry.committed, entry.pending_key is not None, can_delete=can_delete), previous
