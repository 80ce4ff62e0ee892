"""What grading an attempt yields: the contract of `phonesim grade --json`, the progress store and xAPI.

Field names are public (trainers' scripts read them); add fields, never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Goals an attempt may have; which of them a model offers depends on its procedures and menu.
GOALS = (
    "factory_reset",
    "reboot",
    "upload_logs",
    "device_reset",
    "reset_local",
    "reset_web",
    "reset_device_settings",
    "format_file_system",
    "network_reset",
)


@dataclass(frozen=True)
class Split:
    """One stage of an attempt, in simulated seconds since the attempt began."""

    id: str
    start: float
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": round(self.start, 3), "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class Mistake:
    """A mistake by its stable id, when it happened, and a plain sentence saying what went wrong."""

    id: str
    at: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": round(self.at, 3), "detail": self.detail}


@dataclass(frozen=True)
class Grade:
    file: str
    model: str
    software: str
    goal: str
    passed: bool
    score: int
    stages: tuple[Split, ...]
    mistakes: tuple[Mistake, ...]

    @property
    def seconds(self) -> float:
        """Simulated time from the attempt's start to the end of its last stage reached."""
        return max((s.start + s.seconds for s in self.stages), default=0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "model": self.model,
            "software": self.software,
            "goal": self.goal,
            "passed": self.passed,
            "score": self.score,
            "stages": [s.to_dict() for s in self.stages],
            "mistakes": [m.to_dict() for m in self.mistakes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grade:
        return cls(
            file=data["file"],
            model=data["model"],
            software=data["software"],
            goal=data["goal"],
            passed=bool(data["passed"]),
            score=int(data["score"]),
            stages=tuple(Split(s["id"], float(s["start"]), float(s["seconds"])) for s in data["stages"]),
            mistakes=tuple(Mistake(m["id"], float(m["at"]), m["detail"]) for m in data["mistakes"]),
        )
