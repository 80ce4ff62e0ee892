"""Time moves only through the clock, in integer milliseconds; timers fire in due order."""

import pytest

from simulator.core.clock import SimClock, WallClock
from simulator.core.timers import TimerQueue


def test_sim_clock_refuses_to_run_backwards():
    clock = SimClock()
    clock.skip_ms(200)
    with pytest.raises(ValueError):
        clock.skip_ms(-1)
    assert clock.now_ms() == 200


def test_wall_clock_scales_pauses_and_jumps():
    now = [0.0]
    clock = WallClock(speed=2.0, source=lambda: now[0])
    now[0] = 1.0
    assert clock.now_ms() == 2000
    clock.paused = True
    now[0] = 5.0
    assert clock.now_ms() == 2000
    clock.paused = False
    clock.speed = 0.25
    now[0] = 9.0
    assert clock.now_ms() == 3000
    clock.skip_ms(500)
    assert clock.now_ms() == 3500


def test_timers_fire_in_due_order_even_when_scheduled_from_a_callback():
    queue = TimerQueue()
    fired: list[str] = []
    queue.schedule(300, lambda: fired.append("c"))
    queue.schedule(100, lambda: (fired.append("a"), queue.schedule(200, lambda: fired.append("b"))))
    cancelled = queue.schedule(150, lambda: fired.append("x"))
    cancelled.cancel()
    while (timer := queue.pop_due(1000)) is not None:
        timer.callback()
    assert fired == ["a", "b", "c"]
    assert queue.next_due() is None
