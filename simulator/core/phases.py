"""What a phone does as it enters each phase: boot stages, countdown, prompts, resets, reboot, menu.

The machine (machine.py) calls these by name on the phone it moves: `_entered` on every state,
which runs the phase's `on_enter_<phase>` when the phase changes and then the sub-state's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.core.events import (
    ApplicationStarted,
    CountdownStarted,
    LogsUploaded,
    PasswordAccepted,
    PasswordPrompt,
    PasswordRejected,
    PhaseChanged,
    Reboot,
    StageShown,
)
from simulator.core.machine import PHASE_TREE, STATE_PHASE
from simulator.core.model import Procedure, Stage
from simulator.core.passwords import accepts
from simulator.core.phone_config import RESET_ACTIONS

if TYPE_CHECKING:
    from simulator.core.phone import Phone

_ENTRY_STATES = ("password_entry", "setup_password", "menu_password")


def _hook(name: str) -> Callable[[Phone], None] | None:
    return getattr(PhaseBehaviour, f"on_enter_{name}", None)


class PhaseBehaviour:
    """Mixed into Phone: the machine's callbacks. Reads and writes the phone's own fields."""

    # -- called by the machine on every change ----------------------------------------------------------
    def _entered(self: Phone) -> None:
        """Leave the previous state (its timers and holds end), log the change, enter the new state."""
        for timer in self._phase_timers:
            timer.cancel()
        self._phase_timers.clear()
        self.chords.reset()
        if self._entry_timer is not None:
            self._entry_timer.cancel()
            self._entry_timer = None
        state = self.state
        phase = STATE_PHASE[state]
        previous, self._phase_entered = self._phase_entered, phase
        phase_hook, state_hook = _ENTER[state]
        if phase_hook is not None and phase != previous:
            phase_hook(self)
        if state_hook is not None:
            state_hook(self)
        self.log(PhaseChanged(self.now_ms, phase, state))

    # -- boot -------------------------------------------------------------------------------------------
    def _plan_full_boot(self: Phone) -> None:
        self.muted = False
        self._boot_full = True
        self.chords.armed.clear()
        self._boot_plan = list(self.model.boot.stages)
        if self.cancel_step:
            self._boot_plan.append(Stage("starting", self.model.boot.starting_ms, "starting"))

    def _plan_load(self: Phone) -> None:
        self._boot_full = False
        self._boot_plan = self._load_stages()

    def on_enter_off(self: Phone) -> None:
        self.timers.clear()
        self._phase_timers.clear()
        self.boot_stage = None

    def on_enter_boot(self: Phone) -> None:
        self._next_stage()

    def _next_stage(self: Phone) -> None:
        """Step through the boot plan; a full boot ends in the BootROM countdown or the load stages."""
        if not self._boot_plan:
            if not self._boot_full:
                self.fire("loaded")
                return
            self._boot_full = False
            if not self.updater and self.model.boot.countdown:
                self.fire("bootrom")
                return
            self._boot_plan = self._load_stages()
        stage = self._boot_plan.pop(0)
        previous = self.boot_stage
        if stage.id == "provisioning" or (previous is not None and previous.id == "provisioning"):
            self._show_stage(stage)  # a provisioning message; after the last, the download is installed
        self.boot_stage = stage
        self.log(StageShown(self.now_ms, stage.id))
        if stage.ms:  # the Updater with nothing to load waits for the person (a power cycle)
            self.after(stage.ms, self._next_stage, "stage")

    def _cancel_offered(self: Phone) -> bool:
        return self.boot_stage is not None and self.boot_stage.id == "starting"

    def hold_phase(self: Phone) -> None:
        """Stop the phase's own timers (boot stages, countdown): the phone waits for the person."""
        for timer in self._phase_timers:
            timer.cancel()
        self._phase_timers.clear()

    # -- countdown --------------------------------------------------------------------------------------
    def on_enter_countdown(self: Phone) -> None:
        self.boot_stage = None
        boot = self.model.boot
        self.seconds_left = boot.countdown_s if self.updater else boot.bootrom_countdown_s
        self.log(CountdownStarted(self.now_ms, self.seconds_left))
        self.after(1000, self._count_down, "countdown")

    def _count_down(self: Phone) -> None:
        self.seconds_left -= 1
        if self.seconds_left <= 0:
            self.fire("autoload")
        else:
            self.after(1000, self._count_down, "countdown")

    # -- prompts ----------------------------------------------------------------------------------------
    def on_enter_password(self: Phone) -> None:
        self.reset_kind = "factory_reset" if self._full_reset else "reset_device"
        self.log(PasswordPrompt(self.now_ms))

    def _clear_entry(self: Phone) -> None:
        self.entry.reset()

    on_enter_password_entry = on_enter_setup_password = on_enter_menu_password = _clear_entry

    def on_enter_password_incorrect(self: Phone) -> None:
        self.log(PasswordRejected(self.now_ms, "reset", self.entry.text))

    def on_enter_setup_incorrect(self: Phone) -> None:
        self.log(PasswordRejected(self.now_ms, "setup", self.entry.text))
        self.after(self.model.boot.incorrect_ms, lambda: self.fire("expire"), "incorrect")

    def on_enter_menu_incorrect(self: Phone) -> None:
        self.log(PasswordRejected(self.now_ms, "menu", self.entry.text))

    def on_enter_confirm(self: Phone) -> None:
        self.log(PasswordAccepted(self.now_ms, "reset", self.entry.text))

    def on_enter_setup_network(self: Phone) -> None:
        self.log(PasswordAccepted(self.now_ms, "setup", self.entry.text))

    def _entry_correct(self: Phone) -> bool:
        self.entry.commit()
        return accepts(
            self.entry.text,
            admin=self.config.admin_password,
            mac=self.mac,
            mac_case=self.model.text_entry.mac_case,
            reset_prompt=self.state == "password_entry",
        )

    # -- reset and reboot -------------------------------------------------------------------------------
    def on_enter_resetting(self: Phone) -> None:
        self._reset_step(0)

    def _reset_step(self: Phone, index: int) -> None:
        messages = self.model.reset_messages
        if index == 1 or (index == len(messages) and index <= 1):
            self.apply_reset(self.reset_kind)
        if index >= len(messages):
            self.fire("reset_done")
            return
        self.message = messages[index].text
        self.after(messages[index].ms, lambda: self._reset_step(index + 1), "reset")

    def on_enter_rebooting(self: Phone) -> None:
        self.boot_stage = None
        self.log(Reboot(self.now_ms))
        self.after(self.model.boot.shutdown_ms, lambda: self.fire("restart"), "shutdown")

    def on_enter_running(self: Phone) -> None:
        self.boot_stage = None
        self.logs.append(f"Application started, UC Software {self.software}")
        self.log(ApplicationStarted(self.now_ms, self.software))

    # -- what a recognised combination does -------------------------------------------------------------
    def act(self: Phone, proc: Procedure) -> None:
        action = proc.action
        if action == "reset_prompt":
            self.fire("prompt")
        elif action == "reboot":
            self.fire("reboot")
        elif action == "upload_logs":
            self.log(LogsUploaded(self.now_ms, len(self.logs)))
        elif action == "factory_reset":
            self.reset_kind = "factory_reset"
            self.fire("direct_reset")
        elif action == "arm":
            chords = self.chords
            chords.armed.add(proc.id)
            chords.signal = proc if (proc.signal_leds or proc.signal_screen) else None
            if self.state == "boot" and self.boot_stage is not None and not self._phase_timers:
                # The boot waited while the fingers were held: the stage shows again for its full time.
                self.after(self.boot_stage.ms, self._next_stage, "stage")

    # -- the on-screen menu -----------------------------------------------------------------------------
    def on_enter_menu(self: Phone) -> None:
        self.menu.reset()

    def _menu_accepted(self: Phone) -> None:
        self.log(PasswordAccepted(self.now_ms, "menu", self.entry.text))

    def _menu_descend(self: Phone) -> None:
        self.menu.descend()

    def _menu_action_reboots(self: Phone) -> bool:
        action = self.menu.target.action if self.menu.target else None
        if action in ("factory_reset", "format_file_system"):
            self.reset_kind = action
            return True
        return False

    def on_enter_menu_done(self: Phone) -> None:
        target = self.menu.target
        if target is None:
            return
        if target.action == "set":
            self.menu_set(target.sets)
            self.message = target.done
        elif target.action in RESET_ACTIONS:
            self.apply_reset(target.action)
            self.message = target.done


def _enter_table() -> dict[str, tuple[Any, Any]]:
    table = {}
    for state, phase in STATE_PHASE.items():
        nested = bool(PHASE_TREE[phase])
        table[state] = (_hook(phase), _hook(state) if nested else None)
    return table


_ENTER = _enter_table()
