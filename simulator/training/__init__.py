"""Training around the phone: grading attempts, lessons, modes, records. Plain Python, never pygame."""
