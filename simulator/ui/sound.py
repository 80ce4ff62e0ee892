"""Key clicks and the confirmation tone, generated in code and played through pygame.mixer.

Silent, without an error and without a word on stderr, on a machine with no audio device: `mixer.init`
raises there, and ALSA prints its own complaints on file descriptor 2 first, so the device is opened
with that descriptor pointed at the null device. How tones are made (volume, fades, the fallback click)
is data in `assets/sounds.yaml`; a model's own tones come from its model file.
"""

from __future__ import annotations

import math
import os
import sys
from array import array
from collections.abc import Iterator
from contextlib import contextmanager

import pygame

from simulator.core import Event, Tone
from simulator.ui.assets import asset, load_sounds

SETTINGS = load_sounds(asset("sounds.yaml"))


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """File descriptor 2 on the null device for a while: C libraries print there, past sys.stderr."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no standard error at all (a windowed app)
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def tone_samples(frequency: float, ms: int, rate: int, channels: int) -> array:
    """Signed 16-bit samples of a sine tone, interleaved for `channels`, faded at both ends."""
    count = max(1, rate * ms // 1000)
    fade = max(1, rate * SETTINGS.fade_ms // 1000)
    peak = 32767 * SETTINGS.volume
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
                with quiet_stderr():
                    pygame.mixer.init(frequency=SETTINGS.rate, size=-16, channels=1, buffer=SETTINGS.buffer)
            self._format = pygame.mixer.get_init()
        except pygame.error:
            self._format = None
        # Only signed 16-bit output is generated; any other format the device insists on stays silent.
        self.enabled = self._format is not None and self._format[1] == -16
        self.set_tones(tones)

    def set_tones(self, tones: dict[str, Tone]) -> None:
        """A model's tones, generated now so the first confirmation tone does not stall a frame."""
        self._click = tones.get("click", SETTINGS.click)
        for tone in (self._click, SETTINGS.confirmation, *tones.values()):
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
        """A click for each key press, the tone for each `tone` event (its frequency and length, or the
        fallback confirmation tone when the model gives none)."""
        for event in events:
            if event.kind == "key_down":
                self.play(self._click.frequency, self._click.ms)
            elif event.kind == "tone":
                tone = SETTINGS.confirmation
                self.play(float(event.data.get("frequency", tone.frequency)), int(event.data.get("ms", tone.ms)))


def exit_leaving_audio_open(code: int) -> None:
    """End the process at once if a sound device is open, and let the system close it; else return.

    SDL closes a device by waiting for its audio thread, and a PulseAudio server can hold that thread up
    to about 2 s after the device opened (quitting soon after the start took 1.0-1.9 s in `pygame.quit`,
    quitting later 0.02 s). By the time this is called the window is gone and the state file written.
    """
    if not pygame.mixer.get_init():
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
