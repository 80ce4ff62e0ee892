"""How fast the engine plays a full factory reset by MAC address, per model (run by `make bench`).

Each run builds a fresh Phone, powers it on, presses Cancel, holds the reset combination, types the
MAC with multi-tap, confirms, and waits until the phone is running again. Prints the wall time per
scenario, simulated seconds / wall seconds, and where the time goes.
"""

from __future__ import annotations

import statistics
import sys
import time

from simulator.core.catalog import Catalog
from simulator.core.model import Model, parse_version
from simulator.core.multitap import keystrokes
from simulator.core.phone import Phone
from simulator.scenario import DEFAULT_TIMEOUT_S, Runner, Scenario, Step

TARGET_MS = 0.5
MAC = "0004f2aa814c"


def reset_by_mac(model: Model) -> Scenario:
    te = model.text_entry
    letters = {k.id: k.letters for k in model.keys if k.letters}
    proc = next(p for p in model.procedures if p.action == "reset_prompt")
    mac = MAC.upper() if te.mac_case == "upper" else MAC
    timeout = DEFAULT_TIMEOUT_S * 1000
    steps = [Step("power_on", 0), Step("wait_until", 0, ("phase", "countdown"), timeout)]
    if parse_version(model.software.default) >= parse_version(model.software.updater_from):
        steps[1:] = [Step("wait_until", 0, ("softkey", "Cancel"), timeout), Step("softkey", 0, "Cancel")]
    steps.append(Step("hold", 0, tuple(sorted(proc.keys)), proc.hold_ms + 500))
    for item in keystrokes(mac, te.cycle, letters, te.commit_ms):
        steps.append(Step("wait", 0, None, item) if isinstance(item, int) else Step("tap", 0, (item,)))
    steps += [
        Step("softkey", 0, "OK"),
        Step("softkey", 0, "Yes"),
        Step("wait_until", 0, ("phase", "running"), timeout),
        Step("expect", 0, {"event": "factory_reset", "phase": "running"}),
    ]
    return Scenario(path=f"<{model.id} reset by MAC>", model=model, steps=tuple(steps), admin_password="8675309")


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
    print(f"Full factory reset by MAC, fresh Phone each run, best of 5 x {runs} runs (target <= {TARGET_MS} ms)\n")
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

    # Where the time goes, on the first model: the machine's build and triggers against our own code.
    model = catalog.load(catalog.ids()[0])
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
    print(f"  build the transitions HierarchicalMachine (Phone()): {build * 1e3:.3f} ms ({build / total:.0%})")
    print(
        f"  {triggers} phase triggers x {per_trigger * 1e6:.0f} us:               "
        f"{triggers * per_trigger * 1e3:.3f} ms ({triggers * per_trigger / total:.0%})"
    )
    print(f"  keys, timers, multi-tap, screens, transcript:         {rest * 1e3:.3f} ms ({rest / total:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
