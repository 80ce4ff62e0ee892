"""Touch points on a display, from 0 to 1 across and down, and the corners four-corner resets use."""

from __future__ import annotations

from collections.abc import Iterable

from simulator.core.model import CORNERS, Procedure

Point = tuple[float, float]
CORNER_ZONE = 0.25  # a touch within a quarter of the width and height of a corner counts as that corner
CORNER_POINTS: dict[str, Point] = {
    "top_left": (0.05, 0.05),
    "top_right": (0.95, 0.05),
    "bottom_left": (0.05, 0.95),
    "bottom_right": (0.95, 0.95),
}


def corner_of(point: Point) -> str | None:
    x, y = point
    col = "left" if x < CORNER_ZONE else "right" if x > 1 - CORNER_ZONE else None
    row = "top" if y < CORNER_ZONE else "bottom" if y > 1 - CORNER_ZONE else None
    return f"{row}_{col}" if row and col else None


def resolve(points: Iterable[str | Point]) -> tuple[Point, ...]:
    """Corner names or (x, y) pairs -> points; anything off the screen is an error."""
    out = []
    for point in points:
        if isinstance(point, str):
            if point not in CORNER_POINTS:
                raise ValueError(f"unknown corner {point!r}; corners: {', '.join(CORNERS)}")
            out.append(CORNER_POINTS[point])
        else:
            x, y = point
            if not (0 <= x <= 1 and 0 <= y <= 1):
                raise ValueError(f"touch point {point!r} is off the screen (x and y run from 0 to 1)")
            out.append((float(x), float(y)))
    return tuple(out)


def matches(proc: Procedure, touches: tuple[Point, ...]) -> bool:
    """N fingers anywhere, exactly the procedure's corners, or no touch for a key-only procedure."""
    if proc.fingers:
        return len(touches) == proc.fingers
    if proc.touch:
        corners = [corner_of(p) for p in touches]
        return None not in corners and set(corners) == proc.touch
    return not touches
