"""The event log: the single record of what happened, read by scenarios, the UI log, tests and scoring."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Event kinds; a public contract (scenarios `expect: {event: ...}`). Append only.
EVENT_KINDS = (
    "power_on",
    "power_off",
    "key_down",
    "key_up",
    "screen",
    "phase",
    "tone",
    "combo",
    "countdown_started",
    "password_prompt",
    "password_accepted",
    "password_rejected",
    "factory_reset",
    "device_reset",
    "logs_uploaded",
    "reboot",
    "application_started",
    "config_reset",
    "config_loaded",
    "touch",
    "lift",
)


@dataclass(slots=True)
class Event:
    t_ms: int
    kind: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def t(self) -> float:
        """Simulated seconds since the phone was created."""
        return self.t_ms / 1000

    def to_dict(self) -> dict[str, Any]:
        return {"t": self.t, "kind": self.kind, **self.data}

    def describe(self) -> str:
        detail = ", ".join(f"{k}={v}" for k, v in self.data.items() if k not in ("lines", "softkeys"))
        if self.kind == "screen":
            detail = " | ".join(self.data["lines"]) or "(blank)"
        return f"{self.t:8.2f}s {self.kind}" + (f"  {detail}" if detail else "")
