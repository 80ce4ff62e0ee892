"""What grading adds to running an attempt (`make bench`): target at most 10 %.

The attempt is the FAQ's reset by MAC; grading is by every route to its goal (the combination and
the menu), as `phonesim grade` does it.
"""

from __future__ import annotations

import sys

from simulator.core import MODELS_DIR, Catalog
from simulator.scenario import Runner, load_scenario
from simulator.training.grader import grade_phone
from simulator.training.lessons import all_lessons

sys.path.insert(0, str(MODELS_DIR.parent))
from benchmarks.engine import best_of

TARGET = 0.10
SEED = MODELS_DIR.parent / "scenarios" / "vvx-410-factory-reset-by-mac.yaml"


def main() -> int:
    catalog = Catalog()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = load_scenario(SEED, catalog)
    played = Runner(seed)
    played.play()
    run = best_of(lambda: Runner(seed).play(), runs)
    grade = best_of(lambda: grade_phone(played.phone, "factory_reset", admin_password="8675309"), runs)
    verdict = "met" if grade / run <= TARGET else "NOT met"
    print(f"Grading the FAQ's reset by MAC ({len(played.phone.events)} events), best of 5 x {runs}")
    print(f"  running the attempt: {run * 1e3:.3f} ms; grading it: {grade * 1e3:.3f} ms")
    print(f"  grading adds {grade / run:.1%} (target <= {TARGET:.0%}): {verdict}")
    lessons = all_lessons(catalog)
    worst = 0.0
    for lesson in lessons[:: max(1, len(lessons) // 40)]:
        ran = Runner(lesson.reference())
        ran.play()
        cost = best_of(lambda r=ran, g=lesson.plan.goal: grade_phone(r.phone, g, admin_password="456"), 20, 3)
        reference = lesson.reference()
        worst = max(worst, cost / best_of(lambda s=reference: Runner(s).play(), 20, 3))
    print(f"  over {len(lessons[:: max(1, len(lessons) // 40)])} lessons' reference attempts: at most {worst:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
