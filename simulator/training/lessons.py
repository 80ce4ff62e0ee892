"""Lessons, generated from the model data: one per goal, route and software era of every model.

A lesson is a plan in plain words (what to do, what the phone shows, why, with the source and how sure
it is) plus its reference inputs. No lesson is written by hand, so a new model file brings its lessons.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.core import Catalog, Model, check_software, parse_version
from simulator.scenario import Scenario
from simulator.training.goals import all_routes, full_reset
from simulator.training.plan import Milestone, Plan, build_plan
from simulator.training.reference import reference_scenario

GOAL_TITLES = {
    "factory_reset": "Factory reset",
    "device_reset": "Device-settings reset (the combination before UC Software 4.0.0)",
    "reboot": "Reboot",
    "upload_logs": "Upload the logs",
    "reset_local": "Reset Local Configuration (menu)",
    "reset_web": "Reset Web Configuration (menu)",
    "reset_device_settings": "Reset Device Settings (menu)",
    "format_file_system": "Format File System (menu)",
    "network_reset": "Reset the network settings (menu)",
}


@dataclass(frozen=True)
class Lesson:
    id: str  # MODEL/SOFTWARE/GOAL[/menu]: stable, for `phonesim --mode guided --lesson ID`
    plan: Plan
    era: str  # what this software era means for the procedure ("Updater: Cancel first", ...)

    @property
    def model(self) -> Model:
        return self.plan.model

    @property
    def title(self) -> str:
        way = " by the menu" if self.plan.route.by_menu and self.plan.goal == "factory_reset" else ""
        return f"{self.model.name}: {GOAL_TITLES[self.plan.goal]}{way}, UC Software {self.plan.software}"

    @property
    def steps(self) -> tuple[Milestone, ...]:
        return self.plan.milestones

    def reference(self, *, mac: str | None = None, admin_password: str | None = None) -> Scenario:
        return reference_scenario(self.plan, mac=mac, admin_password=admin_password)

    def text(self) -> str:
        """The lesson as a technician reads it: numbered steps, what the phone shows, why."""
        out = [f"{self.title}  ({self.id})", f"  {self.era}"]
        number = 0
        said = ""
        for step in self.steps:
            if step.do:
                number += 1
                out.append(f"  {number}. {step.do}")
                if step.shows:
                    out.append(f"     The phone shows: {step.shows}")
            elif step.shows:
                out.append(f"     Then: {step.shows}")
            if step.why and step.why != said:  # one source said once for the steps it covers
                out.append(f"     Why: {step.why}")
                said = step.why
        proc = self.plan.procedure
        if proc is not None and proc.notes:
            out.append(f"  Note ({proc.confidence}): {' '.join(proc.notes.split())}")
        return "\n".join(out)


def eras(model: Model) -> list[tuple[str, str]]:
    """A software version for each way the model behaves (Cancel step or BootROM, full reset or not),
    with a sentence saying what that era means; the default version stands for its own era."""
    versions = [model.software.default, *sorted(model.software.versions, key=parse_version)]
    seen: dict[tuple[bool, bool], str] = {}
    for version in versions:
        try:
            check_software(model, version)
        except ValueError:
            continue
        key = (model.cancel_step(version), full_reset(model, version))
        seen.setdefault(key, version)
    out = []
    for (cancel, full), version in sorted(seen.items(), key=lambda kv: parse_version(kv[1])):  # type: ignore[arg-type, return-value]
        if not model.boot.countdown:
            words = "No Updater countdown on this device: the procedure is the same on every version."
        else:
            words = "UC Software 3.3.0 and later: press Cancel, then the Updater counts down." if cancel else (
                "Before UC Software 3.3.0: no Cancel step, the BootROM counts down.")  # fmt: skip
            words += " The combination resets to factory." if full else " The combination resets device settings only."
        out.append((version, words))
    return out


def lessons_for(model: Model) -> list[Lesson]:
    out = []
    for software, words in eras(model):
        for goal, found in all_routes(model, software).items():
            for via in found:
                suffix = "/menu" if via.by_menu and len(found) > 1 else ""
                plan = build_plan(model, software, goal, via)
                out.append(Lesson(f"{model.id}/{software}/{goal}{suffix}", plan, words))
    return out


def all_lessons(catalog: Catalog) -> list[Lesson]:
    return [lesson for model_id in catalog.ids() for lesson in lessons_for(catalog.load(model_id))]


def find_lesson(catalog: Catalog, lesson_id: str) -> Lesson:
    """A lesson by its id; the model part may be any of its names (`vvx410/6.4.3/factory_reset`)."""
    model_name, _, rest = lesson_id.partition("/")
    model = catalog.load(model_name)
    wanted = f"{model.id}/{rest}"
    lessons = lessons_for(model)
    for lesson in lessons:
        if lesson.id == wanted:
            return lesson
    raise LookupError(f"no lesson {lesson_id!r}; {model.name} has: " + ", ".join(x.id for x in lessons))
