"""The boot timeline: the model's boot phases with their durations, and where the phone is on it now.

Read from the model's `boot` data and the phone's public state only (phase, stage, the event log's
phase and countdown_started events), so it follows the engine without peeking at its timers.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.core import Model, Phone

FULL_BOOT_FROM = ("off", "rebooting")  # a boot entered from these runs every stage; from others, only the load
DONE = ("running", "menu")


@dataclass(frozen=True)
class Segment:
    id: str
    label: str
    ms: int
    kind: str  # "stage", "starting", "countdown" or "load"
    optional: bool = False  # the Updater's countdown only happens when Cancel interrupts the start


@dataclass(frozen=True)
class Cursor:
    ms: int  # position along the whole timeline
    moving: bool  # False when the boot waits (password prompt, confirmation, ...) or is done


def segments(model: Model, software: str) -> list[Segment]:
    """Boot stages, then the Updater's start and countdown (or the BootROM's countdown), then the load."""
    boot = model.boot
    out = [Segment(s.id, s.id, s.ms, "stage") for s in boot.stages]
    if model.cancel_step(software):
        out.append(Segment("starting", "starting", boot.starting_ms, "starting"))
        out.append(Segment("countdown", "countdown", boot.countdown_s * 1000, "countdown", optional=True))
    elif boot.countdown:
        out.append(Segment("countdown", "BootROM", boot.bootrom_countdown_s * 1000, "countdown"))
    out.extend(Segment(s.id, s.id, s.ms, "load") for s in boot.load)
    return out


def cursor(phone: Phone, parts: list[Segment]) -> Cursor | None:
    """Where the phone is on the timeline; None while it is off.

    The log is scanned from its end and only as far as needed: it grows all session long.
    """
    phase = phone.phase
    if phase == "off":
        return None
    starts = [sum(p.ms for p in parts[:i]) for i in range(len(parts) + 1)]
    count = next((i for i, p in enumerate(parts) if p.kind == "countdown"), None)
    before = starts[count] if count is not None else sum(p.ms for p in parts if p.kind != "load")
    countdown = parts[count].ms if count is not None else 0
    if phase in DONE:
        return Cursor(starts[-1], False)
    if phase == "boot":
        entered, previous = _last_phases(phone)
        elapsed = phone.now_ms - entered
        full = previous in FULL_BOOT_FROM and elapsed < before
        # A full boot runs from the start; without Cancel it goes straight on to the load, skipping the
        # countdown. A boot after the countdown (or the prompt) is the load alone.
        at = elapsed if full else before + countdown + (elapsed - before if previous in FULL_BOOT_FROM else elapsed)
        # Keep the cursor in the segment of the stage showing now (a stage may wait for a held combination).
        kinds = ("stage", "starting") if full else ("load",)
        i = next((i for i, p in enumerate(parts) if p.id == phone.stage and p.kind in kinds), None)
        if i is not None:
            at = min(max(at, starts[i]), starts[i + 1])
        return Cursor(min(at, starts[-1]), True)
    events = phone.events
    started = next((i for i in range(len(events) - 1, -1, -1) if events[i].kind == "countdown_started"), None)
    if started is None:
        return Cursor(before, False)
    t0 = events[started].t_ms
    if phase == "countdown":
        return Cursor(before + min(phone.now_ms - t0, countdown), True)
    left = next(
        (e.t_ms for e in events[started:] if e.kind == "phase" and e.data.get("phase") != "countdown"), phone.now_ms
    )
    return Cursor(before + min(left - t0, countdown), False)


def _last_phases(phone: Phone) -> tuple[int, str]:
    """When the current phase was entered, and the phase before it ("off" when there was none)."""
    found = []
    for event in reversed(phone.events):
        if event.kind == "phase":
            found.append(event)
            if len(found) == 2:
                break
    entered = found[0].t_ms if found else 0
    previous = str(found[1].data.get("phase")) if len(found) == 2 else "off"
    return entered, previous


def phase_entered_ms(phone: Phone) -> int:
    """When the phone entered the phase it is in (changes between its sub-states do not count)."""
    entered = 0
    for event in reversed(phone.events):
        if event.kind == "phase":
            if event.data.get("phase") != phone.phase:
                break
            entered = event.t_ms
    return entered


def label(phone: Phone, where: Cursor | None) -> str:
    """The timeline's heading: where the boot is while it runs; otherwise what the phone does now and for how
    long (so it never stands still while the phone goes on), and where the boot stopped."""
    phase = phone.phase
    if where is None:
        return phase
    if where.moving:
        return f"{phase} at {where.ms / 1000:.1f} s"
    if phase in DONE:
        return f"{phase} · boot done"
    elapsed = (phone.now_ms - phase_entered_ms(phone)) / 1000
    return f"{phase} {elapsed:.1f} s · stopped at {where.ms / 1000:.1f} s"
