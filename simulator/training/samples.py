"""A made-up class of trainees, deterministic from a seed: for the report benchmark, the docs and tests.

Times shrink as a trainee practises and mistakes thin out, as they do in a real class, so the
report's charts have something to show. Nothing here is read from the engine.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from simulator.training.grade import Grade, Mistake, Split
from simulator.training.store import Attempt

#: (model, software, goal, stages with typical seconds, mistakes that happen on it)
COURSES = (
    (
        "vvx-410",
        "6.4.3",
        "factory_reset",
        (("boot", 12.0), ("cancel", 2.5), ("combination", 4.5), ("password", 14.0), ("confirm", 2.0), ("reset", 40.0)),
        ("setup_pressed", "cancel_missed", "released_early", "wrong_keys", "password_case", "multitap_too_fast"),
    ),
    (
        "ip-650",
        "4.0.1",
        "factory_reset",
        (("boot", 18.0), ("cancel", 2.5), ("combination", 4.0), ("password", 16.0), ("confirm", 2.0), ("reset", 55.0)),
        ("setup_pressed", "combo_too_late", "wrong_keys", "password_wrong", "multitap_too_fast"),
    ),
    (
        "trio-8800",
        "5.9.2",
        "factory_reset",
        (("boot", 20.0), ("corners", 6.0), ("signal", 3.0), ("released", 1.0), ("reset", 60.0)),
        ("combo_too_early", "let_go_before_signal", "wrong_keys"),
    ),
    (
        "vvx-410",
        "6.4.3",
        "reboot",
        (("combination", 3.5), ("reboot", 30.0)),
        ("wrong_combination", "released_early"),
    ),
)
TRAINEES = ("Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eun-ji Park", "Femi Adeyemi")

_TRACE = """\
# phonesim trace: {trainee}, {goal}
model: {model}
software: "{software}"
steps:
  - power_on
  - wait: {boot}
  - softkey: Cancel
  - wait: 0.4
  - hold: ["1", "3", "5"]
    for: 3.2
  - wait: 1.1
  - tap: ["4", "5", "6"]
  - softkey: OK
  - wait: 0.8
  - softkey: "Yes"
  - wait_until: {{phase: running}}
"""


def sample_attempts(
    count: int, *, seed: int = 1, start: datetime | None = None, trainees: tuple[str, ...] = TRAINEES
) -> Iterator[Attempt]:
    """`count` attempts spread over the trainees and courses, each a few minutes after the last; every
    300 attempts the whole class sits an exam of five items (one exam id, the same items for all)."""
    rng = random.Random(seed)
    clock = start or datetime.fromisoformat("2026-11-02T08:30:00+00:00")
    practised: dict[tuple[str, int], int] = {}
    made = 0
    while made < count:
        if made % 300 == 270:
            exam, items = f"exam-{seed}-{made // 300 + 1}", [rng.randrange(len(COURSES)) for _ in range(5)]
            sitting = [(trainee, course, exam, i) for trainee in trainees for i, course in enumerate(items, 1)]
        else:
            sitting = [(rng.choice(trainees), rng.randrange(len(COURSES)), None, None)]
        for trainee, course, exam, item in sitting[: count - made]:
            tries = practised[trainee, course] = practised.get((trainee, course), 0) + 1
            yield _attempt(rng, trainee, course, tries, clock, exam, item)
            clock += timedelta(seconds=rng.randint(90, 600))
            made += 1


def _attempt(
    rng: random.Random, trainee: str, course: int, tries: int, when: datetime, exam: str | None, item: int | None
) -> Attempt:
    model, software, goal, stages, kinds = COURSES[course]
    skill = min(1.0, tries / 12)  # 0 at the first try, 1 after a dozen
    slow = 1.8 - 0.8 * skill
    splits, t = [], 0.0
    for stage, typical in stages:
        seconds = round(typical * slow * rng.uniform(0.85, 1.2), 2)
        splits.append(Split(stage, round(t, 2), seconds))
        t += seconds
    mistakes = []
    for kind in kinds:
        if rng.random() < 0.35 * (1.2 - skill):
            at = round(rng.uniform(0, t), 2)
            mistakes.append(Mistake(kind, at, f"sample: {kind.replace('_', ' ')}"))
    mistakes.sort(key=lambda m: m.at)
    passed = rng.random() > 0.12 + 0.25 * (1 - skill) + 0.1 * len(mistakes)
    if not passed:
        splits = splits[: rng.randint(1, len(splits) - 1)]
        mistakes.append(Mistake("gave_up", splits[-1].start + splits[-1].seconds, "ended before the goal"))
    score = max(60, 100 - 8 * len(mistakes)) if passed else min(59, 10 * len(splits))
    grade = Grade(f"{model}-{goal}.yaml", model, software, goal, passed, score, tuple(splits), tuple(mistakes))
    trace = _TRACE.format(trainee=trainee, goal=goal, model=model, software=software, boot=stages[0][1])
    mode = "exam" if exam else rng.choice(("practice", "practice", "guided", "free"))
    return Attempt(grade, trainee, trace, when, when + timedelta(seconds=t + 5), mode, 1.0, exam, item)


def make_attempt(
    trainee: str = "Ana Silva",
    *,
    model: str = "vvx-410",
    goal: str = "factory_reset",
    passed: bool = True,
    stages: tuple[tuple[str, float], ...] = (("boot", 12.0), ("cancel", 2.0), ("combination", 4.0)),
    mistakes: tuple[str, ...] = (),
    started: str = "2026-11-02T09:00:00+00:00",
    score: int | None = None,
    **attempt: object,
) -> Attempt:
    """One attempt spelled out in a line, for tests and examples: stages back to back, mistakes at 1 s."""
    splits, t = [], 0.0
    for stage, seconds in stages:
        splits.append(Split(stage, t, seconds))
        t += seconds
    grade = Grade(
        f"{trainee}.yaml",
        model,
        str(attempt.pop("software", "6.4.3")),
        goal,
        passed,
        score if score is not None else (100 - 10 * len(mistakes) if passed else 20),
        tuple(splits),
        tuple(Mistake(m, 1.0, m.replace("_", " ")) for m in mistakes),
    )
    begin = datetime.fromisoformat(started)
    trace = _TRACE.format(trainee=trainee, goal=goal, model=model, software=grade.software, boot=stages[0][1])
    return Attempt(grade, trainee, trace, begin, begin + timedelta(seconds=t + 1), **attempt)  # type: ignore[arg-type]
