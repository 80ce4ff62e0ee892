"""Key clicks and the confirmation tone, generated in code and played through pygame.mixer.

Silent, without an error, on a machine with no audio device: `mixer.init` raises there.
"""

from __future__ import annotations

import math
from array import array

import pygame

from simulator.core.events import Event
from simulator.core.model import Tone

DEFAULT_CLICK = Tone(2400.0, 20)  # when a model defines no "click" tone
VOLUME = 0.3  # share of full scale: loud enough to hear, soft enough for a classroom
FADE_MS = 4  # ramp in and out, or every tone starts and stops with a click of its own


def tone_samples(frequency: float, ms: int, rate: int, channels: int) -> array:
    """Signed 16-bit samples of a sine tone, interleaved for `channels`, faded at both ends."""
    count = max(1, rate * ms // 1000)
    fade = max(1, rate * FADE_MS // 1000)
    peak = 32767 * VOLUME
    step = 2 * math.pi * frequency / rate
    out = array("h")
    for i in range(count):
        ramp = min(1.0, i / fade, (count - 1 - i) / fade)
        out.extend([int(peak * ramp * math.sin(step * i))] * channels)
    return out


class Sounds:
    """Plays the phone's clicks and tones; `enabled` is False when there is no audio device."""

    def __init__(self, tones: dict[str, Tone]) -> None:
        self.muted = False
        self.enabled = False
        self._cache: dict[tuple[float, int], pygame.mixer.Sound] = {}
        self._format: tuple[int, int, int] | None = None
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=44100, size=-16, channels=1, buffer=512)
            self._format = pygame.mixer.get_init()
        except pygame.error:
            self._format = None
        # Only signed 16-bit output is generated; any other format the device insists on stays silent.
        self.enabled = self._format is not None and self._format[1] == -16
        self.set_tones(tones)

    def set_tones(self, tones: dict[str, Tone]) -> None:
        """A model's tones, generated now so the first confirmation tone does not stall a frame."""
        self._click = tones.get("click", DEFAULT_CLICK)
        for tone in (self._click, *tones.values()):
            self._sound(tone.frequency, tone.ms)

    def _sound(self, frequency: float, ms: int) -> pygame.mixer.Sound | None:
        if not self.enabled or self._format is None:
            return None
        key = (frequency, ms)
        if key not in self._cache:
            rate, _, channels = self._format
            self._cache[key] = pygame.mixer.Sound(buffer=tone_samples(frequency, ms, rate, channels).tobytes())
        return self._cache[key]

    def play(self, frequency: float, ms: int) -> None:
        sound = None if self.muted else self._sound(frequency, ms)
        if sound is not None:
            sound.play()

    def events(self, events: list[Event]) -> None:
        """A click for each key press, the tone for each `tone` event (its frequency and length)."""
        for event in events:
            if event.kind == "key_down":
                self.play(self._click.frequency, self._click.ms)
            elif event.kind == "tone" and "frequency" in event.data:
                self.play(float(event.data["frequency"]), int(event.data["ms"]))
