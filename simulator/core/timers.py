"""One queue for every delay in the phone (countdowns, hold thresholds, multi-tap commit, boot stages).

Timers fire in due-time order; a callback may schedule or cancel others and the queue keeps order.
No threads: the Timeout state that `transitions` offers runs a thread per timer; it is never used here.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable


class Timer:
    __slots__ = ("callback", "cancelled", "due_ms", "name")

    def __init__(self, due_ms: int, callback: Callable[[], None], name: str) -> None:
        self.due_ms = due_ms
        self.callback = callback
        self.name = name
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class TimerQueue:
    def __init__(self) -> None:
        self._heap: list[tuple[int, int, Timer]] = []
        self._seq = 0  # ties fire in the order they were scheduled

    def schedule(self, due_ms: int, callback: Callable[[], None], name: str = "") -> Timer:
        timer = Timer(due_ms, callback, name)
        self._seq += 1
        heapq.heappush(self._heap, (due_ms, self._seq, timer))
        return timer

    def next_due(self) -> int | None:
        """Due time of the earliest live timer, or None when nothing is pending."""
        heap = self._heap
        while heap and heap[0][2].cancelled:
            heapq.heappop(heap)
        return heap[0][0] if heap else None

    def pop_due(self, until_ms: int) -> Timer | None:
        """The earliest live timer due at or before `until_ms`, removed from the queue."""
        due = self.next_due()
        if due is None or due > until_ms:
            return None
        return heapq.heappop(self._heap)[2]

    def pop(self) -> Timer:
        """Remove and return the earliest live timer (call `next_due` first: it drops cancelled ones)."""
        return heapq.heappop(self._heap)[2]

    def clear(self) -> None:
        for _, _, timer in self._heap:
            timer.cancelled = True
        self._heap.clear()
