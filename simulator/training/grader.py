"""Grading an attempt: a pure function of the plan (model, software, goal) and the event log.

One pass over the events: it follows the milestones (stages and their splits), notes what the phone
did (phase, boot stage, keys held, touches) and names each mistake where it happens. The outcome
is judged on what the phone ended up doing, not on the path taken.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.core import (
    Catalog,
    Event,
    Phone,
    Procedure,
)
from simulator.training.goals import default_goal
from simulator.training.grade import Grade, Mistake, Split
from simulator.training.plan import Plan, build_plans
from simulator.training.watch import WATCH, PhoneWatch, Watching

if TYPE_CHECKING:  # the scenario runner imports the training package: read it only when playing
    from simulator.scenario import Scenario

PASS_FLOOR, FAIL_CEILING, DECAY = 51, 50, 0.8
DEFAULT_PASSWORD = "456"  # the factory admin password (config/parameters.yaml), what an attempt starts with
#: Goals without a configuration result: the event that is their result (a reboot by the combination).
_RESULTS = {"reboot": "reboot", "upload_logs": "logs_uploaded"}


@dataclass
class Attempt:
    """What grading needs besides the events: who the phone is and what its passwords were at the start."""

    mac: str
    admin_password: str
    file: str = ""


def score(passed: bool, mistakes: int, reached: int, planned: int) -> int:
    """Passed: 51 + 49 x 0.8^mistakes; failed: 50 x (stages reached / planned) x 0.8^mistakes (rounded down).

    A clean pass is 100, every mistake lowers the score, and every failure scores below every pass.
    """
    factor = DECAY**mistakes
    if passed:
        return math.floor(PASS_FLOOR + (100 - PASS_FLOOR) * factor)
    return math.floor(FAIL_CEILING * (reached / max(1, planned)) * factor)


_ROUTES: dict[int, tuple[Plan, dict[str, tuple[bool, Any, bool]]]] = {}


def _routes(plan: Plan) -> dict[str, tuple[bool, Any, bool]]:
    """Event kind -> (may mark a milestone, what watches it, may decide the goal): one look-up an event.
    Made once per plan (plans are made once per model, software and goal)."""
    hit = _ROUTES.get(id(plan))
    if hit is not None and hit[0] is plan:
        return hit[1]
    marking = {m.kind for m in plan.milestones}  # only these kinds can reach a milestone
    results = {"application_started", plan.outcome[0] if plan.outcome else _RESULTS.get(plan.goal)}
    routes = {kind: (kind in marking, WATCH.get(kind), kind in results) for kind in marking | results | WATCH.keys()}
    if len(_ROUTES) >= 1024:
        _ROUTES.clear()
    _ROUTES[id(plan)] = (plan, routes)
    return routes


class Grader(Watching):
    def __init__(self, plan: Plan, attempt: Attempt) -> None:
        self.plan = plan
        self.attempt = attempt
        self.model = plan.model
        self.proc: Procedure | None = plan.procedure
        self.first = next((p for p in self.model.procedures if self.proc and p.id == self.proc.requires), None)
        self.reached: list[tuple[str, int]] = []
        self.mistakes: list[Mistake] = []
        self._flagged: set[tuple[str, object]] = set()
        self.watch = PhoneWatch()
        self.outcome_ms: int | None = None
        self.passed_ms: int | None = None
        self.last_ms = 0
        self.saw_menu = False  # the phone's menu was opened (another route to some goals)
        self._routes = _routes(plan)

    # -- the pass --------------------------------------------------------------------------------------
    def run(self, events: Sequence[Event]) -> Grade:
        self.feed_all(events)
        return self.result(events[-1].t_ms if events else 0)

    def feed_all(self, events: Sequence[Event]) -> None:
        """Events in order, graded as they come (guided mode feeds them as they happen)."""
        routes = self._routes
        for event in events:
            route = routes.get(event.kind)
            if route is None:  # the screen, the lights, the tone: nothing to grade
                continue
            marks, watch, decides = route
            if marks:
                self._milestone(event)
            if self.passed_ms is not None:
                continue  # what happens after the goal is reached is not part of the attempt
            if watch is not None:
                watch(self, event)
            if decides:
                self._goal(event)
        if events:
            self.last_ms = events[-1].t_ms

    def feed(self, event: Event) -> None:
        self.feed_all((event,))

    @property
    def passed(self) -> bool:
        return self.passed_ms is not None

    def next_milestone(self) -> int:
        """The index of the milestone the attempt is heading for (len(milestones) when all are reached)."""
        return len(self.reached)

    def result(self, end_ms: int) -> Grade:
        """The grade of the attempt ended at `end_ms` (the grader can go on being fed afterwards)."""
        passed = self.passed_ms is not None
        mistakes = list(self.mistakes)
        if not passed:
            at = self.reached[-1][0] if self.reached else "the start"
            goal = self.plan.goal.replace("_", " ")
            detail = f"the attempt ended at {at.replace('_', ' ')}, before the {goal} was done"
            mistakes.append(Mistake("gave_up", end_ms / 1000, detail))
        return Grade(
            file=self.attempt.file,
            model=self.model.id,
            software=self.plan.software,
            goal=self.plan.goal,
            passed=passed,
            score=score(passed, len(mistakes), len(self.reached), len(self.plan.milestones)),
            stages=self._splits(end_ms),
            mistakes=tuple(sorted(mistakes, key=lambda m: m.at)),
        )

    def _milestone(self, event: Event) -> None:
        """The next milestone, in order; the latest one reached moves to a later match (a second try)."""
        milestones, reached = self.plan.milestones, self.reached
        n = len(reached)
        if n < len(milestones) and milestones[n].marks(event):
            reached.append((milestones[n].id, event.t_ms))
        elif n and n <= len(milestones) and self.passed_ms is None and milestones[n - 1].marks(event):
            reached[-1] = (milestones[n - 1].id, event.t_ms)

    def _splits(self, end_ms: int) -> tuple[Split, ...]:
        out = []
        finished = len(self.reached) == len(self.plan.milestones)
        for i, (stage_id, start) in enumerate(self.reached):
            last = start if finished else end_ms
            stop = self.reached[i + 1][1] if i + 1 < len(self.reached) else last
            out.append(Split(stage_id, start / 1000, (stop - start) / 1000))
        return tuple(out)

    def _goal(self, event: Event) -> None:
        """Passed when the goal's result happened and, for a goal that restarts the phone, it is back."""
        plan = self.plan
        if self.passed_ms is not None:
            return
        if self.outcome_ms is None:
            if plan.outcome is not None:
                kind, action = plan.outcome
                if event.kind == kind and getattr(event, "action", None) == action:
                    self.outcome_ms = event.t_ms
            elif event.kind == _RESULTS.get(plan.goal) and (plan.goal != "reboot" or self._combo_done()):
                self.outcome_ms = event.t_ms
        back = not plan.back_to_idle or event.kind == "application_started"
        if self.outcome_ms is not None and back:
            self.passed_ms = event.t_ms

    @property
    def progress(self) -> float:
        """How much of this plan's route the attempt followed."""
        return len(self.reached) / max(1, len(self.plan.milestones))

    @property
    def engaged(self) -> bool:
        """Whether the attempt took this plan's route: a procedure is always tried, the menu once opened."""
        return self.proc is not None or any(stage == "menu" for stage, _ in self.reached)

    def _next(self) -> str | None:
        """The id of the milestone the attempt is heading for."""
        n = len(self.reached)
        return self.plan.milestones[n].id if n < len(self.plan.milestones) else None

    def _combo_done(self) -> bool:
        return any(stage == "combo_held" for stage, _ in self.reached)

    # -- watching for mistakes ---------------------------------------------------------------------------


def grade(plans: Plan | Sequence[Plan], events: Sequence[Event], attempt: Attempt) -> Grade:
    """Graded by each route's plan; the attempt gets the route it did best on (a pass, then the score)."""
    options = [plans] if isinstance(plans, Plan) else list(plans)
    by_keys = [Grader(plan, attempt) for plan in options if plan.procedure is not None]
    graders = by_keys
    for grader in by_keys:
        grader.feed_all(events)
    if not by_keys or any(g.saw_menu for g in by_keys):  # the menu's route counts only once it was opened
        by_menu = [Grader(plan, attempt) for plan in options if plan.procedure is None]
        for grader in by_menu:
            grader.feed_all(events)
        graders = by_keys + by_menu
    end = events[-1].t_ms if events else 0
    ranked = [(g.result(end), g) for g in graders]
    return max(ranked, key=lambda pair: (pair[0].passed, pair[1].engaged, pair[1].progress, pair[0].score))[0]


def grade_phone(phone: Phone, goal: str | None, *, admin_password: str, file: str = "") -> Grade:
    """Grade what happened to `phone` so far; `admin_password` is the one it had when the attempt began."""
    goal = goal or default_goal(phone.model, phone.software)
    plans = build_plans(phone.model, phone.software, goal)
    return grade(plans, phone.events, Attempt(phone.mac, admin_password, file))


def starting_password(scenario: Scenario) -> str:
    """The admin password the attempt began with: the scenario's, else the factory default."""
    return scenario.admin_password if scenario.admin_password is not None else DEFAULT_PASSWORD


def play_and_grade(scenario: Scenario, goal: str | None = None, file: str = "") -> tuple[Phone, Grade]:
    """Play a scenario or trace headless to its end and grade it: its `goal:` unless `goal` is given."""
    from simulator.scenario import Runner

    runner = Runner(scenario)
    runner.play()
    return runner.phone, grade_phone(runner.phone, goal or scenario.goal, admin_password=starting_password(scenario),
                                     file=file)  # fmt: skip


def grade_file(path: str | Path, catalog: Catalog, goal: str | None = None) -> Grade:
    """Play a scenario or trace and grade it; its `goal:` header unless `goal` is given (default
    factory_reset). A bad file raises DataError; a goal the model has not, LookupError."""
    from simulator.scenario import load_scenario

    return play_and_grade(load_scenario(path, catalog), goal, str(path))[1]
