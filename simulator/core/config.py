"""Configuration layers, to show what a reset really clears and why a provisioned phone comes back.

Precedence, highest first: device settings, local (phone menu), web, provisioning (files from the
server), factory defaults. Layer names follow the "Reset to Defaults" menu of the reference FAQ.
"""

from __future__ import annotations

ADMIN_PASSWORD = "device.auth.localAdminPassword"
LAYERS = ("device", "local", "web", "provisioning", "factory")
FACTORY_DEFAULTS = {ADMIN_PASSWORD: "456", "device.auth.localUserPassword": "123"}


class Config:
    def __init__(self) -> None:
        self.layers: dict[str, dict[str, str]] = {name: {} for name in LAYERS}
        self.layers["factory"] = dict(FACTORY_DEFAULTS)

    def get(self, param: str) -> str | None:
        for name in LAYERS:
            if param in self.layers[name]:
                return self.layers[name][param]
        return None

    def set(self, layer: str, param: str, value: str) -> None:
        if layer not in LAYERS or layer == "factory":
            raise ValueError(f"unknown configuration layer {layer!r}; one of {', '.join(LAYERS[:-1])}")
        self.layers[layer][param] = value

    def clear(self, *layers: str) -> list[str]:
        """Empty the named layers; returns those that held anything (for the event log)."""
        cleared = [name for name in layers if self.layers[name]]
        for name in layers:
            self.layers[name] = {}
        return cleared

    @property
    def admin_password(self) -> str:
        return self.get(ADMIN_PASSWORD) or ""
