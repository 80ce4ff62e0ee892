"""How fast the engine plays a full factory reset, per model (run by `make bench`).

Each run builds a fresh Phone, powers it on, presses Cancel, holds the reset combination, types the
MAC with multi-tap, confirms, and waits until the phone is running again (touch and power-sequence
devices: their own reset procedure). Prints the wall time per scenario, simulated seconds per wall
second, and where the time goes.
"""

from __future__ import annotations

import statistics
import sys
import time

from simulator.core.catalog import Catalog
from simulator.core.phone import Phone
from simulator.recipes import reset_by_mac
from simulator.scenario import Runner

TARGET_MS = 0.5


def best_of(fn, runs: int, repeat: int = 5) -> float:
    """Best mean seconds per call over `repeat` batches: the least disturbed by other processes."""
    means = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(runs):
            fn()
        means.append((time.perf_counter() - start) / runs)
    return min(means)


def main() -> int:
    catalog = Catalog()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"Full factory reset (by MAC where there is a prompt), fresh Phone each run, best of 5 x {runs} runs")
    print(f"target: <= {TARGET_MS} ms per scenario on one core\n")
    print(f"{'model':<18} {'wall ms':>8} {'simulated s':>12} {'sim/wall':>10} {'events':>7}")
    walls = []
    for model_id in catalog.ids():
        model = catalog.load(model_id)
        scenario = reset_by_mac(model)
        check = Runner(scenario).run()
        if not check["ok"]:
            print(f"{model_id:<18} FAILED: {check['failures']}")
            return 1
        simulated = check["events"][-1]["t"]
        wall = best_of(lambda s=scenario: Runner(s).run(), runs)
        walls.append(wall)
        print(f"{model_id:<18} {wall * 1e3:8.3f} {simulated:12.1f} {simulated / wall:10,.0f} {len(check['events']):7d}")
    median = statistics.median(walls)
    verdict = "met" if median * 1e3 <= TARGET_MS else "NOT met"
    print(f"\nmedian {median * 1e3:.3f} ms per scenario; target {TARGET_MS} ms: {verdict}")

    # Where the time goes on a keypad phone: the transitions machine's triggers against our own code.
    model = catalog.load("vvx-410")
    scenario = reset_by_mac(model)
    build = best_of(lambda: Phone(model), runs)
    phone = Runner(scenario)
    phone.run()
    triggers = sum(1 for e in phone.phone.events if e.kind == "phase")
    probe = Phone(model)
    probe.power_on()
    per_trigger = best_of(lambda: (probe.power_off(), probe.power_on()), runs) / 2
    total = best_of(lambda: Runner(scenario).run(), runs)
    rest = total - build - triggers * per_trigger
    print(f"\nbreakdown for {model.id} ({total * 1e3:.3f} ms):")
    machine = triggers * per_trigger
    print(f"  Phone() (one HierarchicalMachine serves every phone):  {build * 1e3:.3f} ms ({build / total:.0%})")
    print(
        f"  {triggers} phase changes x {per_trigger * 1e6:.0f} us in transitions:         "
        f"{machine * 1e3:.3f} ms ({machine / total:.0%})"
    )
    print(f"  keys, timers, multi-tap, screens, transcript (ours):   {rest * 1e3:.3f} ms ({rest / total:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
