"""Showing an attempt to a class: the demo's lesson, the replay of a trace, and what their captions say.

The window's demo and `phonesim replay` only draw what this computes: the step the attempt is heading for
(the lesson's milestone texts, with source and confidence), what the hands do now, the next input, each
mistake as it happens, and the grade at the end. Time is the Player's: every input at its own simulated
millisecond, whatever the frame rate.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.core import Model, Phone
from simulator.recipes import CHANGED_PASSWORD, FAQ_MAC, reset_procedure
from simulator.scenario import Runner, Scenario
from simulator.training.coach import STAGE_WORDS, Coach
from simulator.training.goals import default_goal
from simulator.training.grade import Grade
from simulator.training.grader import Attempt, grade, grade_phone, starting_password
from simulator.training.lessons import Lesson, lessons_for
from simulator.training.plan import Milestone, Plan, build_plans
from simulator.training.player import Action, Player

DEMO_SPEEDS = (0.5, 1.0, 2.0, 4.0)
REPLAY_SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
TAP_S = 0.3  # a key down shorter than this is a press, longer a hold (with its seconds counted)
LEAD_S = 2.0


@dataclass(frozen=True)
class Caption:
    """What the window says now, in the lesson's words."""

    heading: str  # "Step 4 of 9 · combination held", or "Done"
    do: str  # what to do (or what to wait for) to reach the next milestone
    shows: str  # what the phone will show then
    why: str  # the source and how sure it is
    now: str  # what the hands do this moment, or the next input and when
    mistakes: tuple[str, ...]  # each mistake so far, "12.3 s released_early: you let go 0.8 s early"
    result: str  # at the end: "Passed · score 100 · 62.3 s"; "" before
    passed: bool | None  # None until the end
    steps: tuple[tuple[str, str], ...] = ()  # every milestone in words, with "done", "now" or "next"


def key_words(model: Model, key: str, label: str | None = None) -> str:
    """A key as a trainer names it: the softkey's label showing, a named key's printed word, else its id."""
    if label:
        return label
    found = model.key(key)
    if found is not None and found.label and len(key) > 1 and found.label.isprintable() and found.label.isascii():
        return found.label
    return key.replace("_", " ")


def demo_lesson(model: Model, goal: str | None = None) -> Lesson:
    """The lesson the demo performs: the goal on the model's default software (its combination first)."""
    lessons = lessons_for(model)
    goal = goal or default_goal(model, model.software.default)
    found = [x for x in lessons if x.plan.goal == goal]
    if not found:
        if not lessons:
            reset_procedure(model)  # a device with nothing to practise: the sources have no reset for it
        goals = sorted({x.plan.goal for x in lessons})
        raise LookupError(f"{model.name} has no lesson for {goal}; it has {', '.join(goals) or 'none'}")
    return next((x for x in found if x.plan.software == model.software.default), found[-1])


class Show:
    """A scenario played on its own phone at a speed, with a coach following the lesson's plan."""

    def __init__(self, scenario: Scenario, plan: Plan, speed: float, speeds: tuple[float, ...], title: str) -> None:
        self.scenario = scenario
        self.plan = plan
        self.speeds = speeds
        self.title = title
        self._speed = max(speeds[0], min(speeds[-1], speed))  # any speed in range; `,` and `.` step along `speeds`
        self.restart()

    @classmethod
    def demo(cls, model: Model, goal: str | None = None, speed: float = 1.0, lesson: Lesson | None = None) -> Show:
        """The lesson performed: `lesson` as it is (its route and software), else the model's for `goal`."""
        lesson = lesson or demo_lesson(model, goal)
        plan = lesson.plan
        if plan.procedure is not None and plan.procedure.action == "reset_prompt" and plan.goal == "factory_reset":
            scenario = lesson.reference(mac=FAQ_MAC, admin_password=CHANGED_PASSWORD)  # the MAC is typed
        else:
            scenario = lesson.reference()
        return cls(scenario, plan, speed, DEMO_SPEEDS, lesson.title)

    @classmethod
    def replay(cls, scenario: Scenario, speed: float = 1.0) -> Show:
        software = scenario.software or scenario.model.software.default
        goal = scenario.goal or default_goal(scenario.model, software)
        runner = Runner(scenario)
        runner.play()
        attempt = Attempt(runner.phone.mac, starting_password(scenario))
        # The captions follow the route the attempt took (the combination or the menu), as the grade does.
        graded = [(grade(p, runner.phone.events, attempt), p) for p in build_plans(scenario.model, software, goal)]
        plan = max(graded, key=lambda pair: (pair[0].passed, pair[0].score, len(pair[0].stages)))[1]
        return cls(scenario, plan, speed, REPLAY_SPEEDS, f"{scenario.model.name}: {goal}, {scenario.path}")

    def restart(self) -> None:
        """From power off again, at the same speed."""
        self.player = Player(self.scenario, self._speed)
        self.admin = starting_password(self.scenario)
        self.coach = Coach(self.plan, Attempt(self.player.phone.mac, self.admin), self.player.phone.events)
        self.mistakes: list[str] = []
        self._grade: Grade | None = None
        self.lead = LEAD_S  # simulated seconds before time starts: the class reads the first step first

    # -- the trainer's controls ------------------------------------------------------------------------
    @property
    def phone(self) -> Phone:
        return self.player.phone

    @property
    def speed(self) -> float:
        return self.player.speed

    @property
    def paused(self) -> bool:
        return self.player.paused

    def toggle_pause(self) -> None:
        self.player.paused = not self.player.paused

    def set_speed(self, speed: float) -> None:
        self._speed = self.player.speed = speed

    def step_speed(self, step: int) -> None:
        """One notch slower (-1) or faster (+1) along this show's speeds."""
        at = min(range(len(self.speeds)), key=lambda i: abs(self.speeds[i] - self.player.speed))
        self.set_speed(self.speeds[max(0, min(len(self.speeds) - 1, at + step))])

    def advance(self, wall_seconds: float) -> None:
        """Let wall time pass: first the lead-in before the first input, then the player's time."""
        if self.paused:
            return
        lead = min(self.lead, wall_seconds * self.speed)
        self.lead -= lead
        if self.lead > 0:
            return
        self.player.advance(wall_seconds - lead / self.speed)
        self._follow()

    def step(self) -> None:
        """To the next input and do it."""
        self.lead = 0.0
        self.player.step()
        self._follow()

    @property
    def finished(self) -> bool:
        return self.player.finished

    def _follow(self) -> None:
        for mistake in self.coach.follow():
            self.mistakes.append(f"{mistake.at:.1f} s {mistake.id}: {mistake.detail}")

    def grade(self) -> Grade | None:
        """The attempt's grade once the player has played everything (as `phonesim grade` gives it)."""
        if self._grade is None and self.finished:
            self._grade = grade_phone(self.phone, self.plan.goal, admin_password=self.admin, file=self.scenario.path)
        return self._grade

    # -- what the window says --------------------------------------------------------------------------
    def steps(self) -> tuple[tuple[str, str], ...]:
        """The plan's milestones in words, each done, the one heading for now, or still to come."""
        at = len(self.plan.milestones) if self.coach.done else self.coach.grader.next_milestone()
        return tuple(
            (STAGE_WORDS.get(m.id, m.id), "done" if i < at else "now" if i == at else "next")
            for i, m in enumerate(self.plan.milestones)
        )

    def caption(self) -> Caption:
        grade = self.grade()
        if grade is not None:
            verdict = "Passed" if grade.passed else "Not passed"
            result = f"{verdict} · score {grade.score} · {grade.seconds:.1f} s"
            mistakes = tuple(f"{m.at:.1f} s {m.id}: {m.detail}" for m in grade.mistakes)
            if grade.passed:
                words = self.plan.milestones[-1].shows or "The goal is reached."
            else:
                missed = next((w for w, state in self.steps() if state != "done"), "the goal")
                words = f"The attempt stopped before {missed}" + (": the mistakes below say why." if mistakes else ".")
            return Caption("Done", words, "", "", self.now(), mistakes, result, grade.passed, self.steps())
        step = self.coach.step
        total = len(self.plan.milestones)
        if step is None:
            return Caption(
                "Done", "The goal is reached.", "", "", self.now(), tuple(self.mistakes), "", None, self.steps()
            )
        number = self.plan.milestones.index(step) + 1
        heading = f"Step {number} of {total}  ·  {STAGE_WORDS.get(step.id, step.id)}"
        do, shows = self._words(step)
        return Caption(heading, do, shows, step.why, self.now(), tuple(self.mistakes), "", None, self.steps())

    def _words(self, step: Milestone) -> tuple[str, str]:
        """What to do to reach `step` and what the phone will show then."""
        if step.do:
            return step.do, step.shows
        return (f"Wait: {step.shows}" if step.shows else "Wait."), ""

    def now(self) -> str:
        """What the hands do this moment ("Holding 1 + 3 + 5 · 2.1 s"), else the next input and when; while a
        password is typed, what is typed so far (the prompt masks it)."""
        phone = self.phone
        typed = f"typed {phone.entry.text or 'nothing'}" if phone.screen.entry is not None else ""
        held = sorted(phone.held, key=lambda k: (len(k) > 1, k))
        touching = len(phone.touches)
        if held or touching:
            since, labels, wanted = None, {}, set(held)
            for event in reversed(phone.events):  # newest first: stop once the last press and each label are known
                if event.kind in ("key_down", "touch") and since is None:
                    since = event.t_ms
                if event.kind == "key_down" and event.data["key"] in wanted:
                    wanted.discard(event.data["key"])
                    labels[event.data["key"]] = event.data.get("label")
                if since is not None and not wanted:
                    break
            since = since or 0
            parts = [key_words(phone.model, k, labels.get(k)) for k in held]
            if touching:
                parts.append(f"{touching} finger{'s' * (touching > 1)} on the screen")
            seconds = (phone.now_ms - since) / 1000
            words = (
                f"Holding {' + '.join(parts)} · {seconds:.1f} s"
                if seconds >= TAP_S
                else f"Pressing {' + '.join(parts)}"
            )
            return f"{words} · {typed}" if typed else words
        action = self.player.next_action
        if action is None:
            return (
                "Finished · R plays it again"
                if self.finished
                else "Nothing more to press: the phone finishes by itself"
            )
        wait = max(0, action.t_ms - phone.now_ms) / 1000 + self.lead
        words = f"Next: {self.action_words(action)} in {wait:.1f} s"
        return f"{words} · {typed}" if typed else words

    def action_words(self, action: Action) -> str:
        phone = self.phone
        if action.kind in ("power_on", "power_off"):
            return "connect power" if action.kind == "power_on" else "disconnect power"
        if action.kind == "lift":
            return "lift every finger"
        if action.kind == "touch":
            count = len(action.arg)  # type: ignore[arg-type]
            return f"touch the screen with {count} finger{'s' * (count > 1)}"
        key = str(action.arg)
        label = None
        if key.startswith("softkey_") and key[8:].isdigit():
            shown = phone.screen.softkeys
            index = int(key[8:]) - 1
            label = shown[index] if index < len(shown) else None
        return f"{action.kind} {key_words(phone.model, key, label)}"
