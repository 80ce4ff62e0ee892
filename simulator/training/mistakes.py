"""The mistakes a grader names: stable ids (a public contract), what each means, where the fact comes from.

Each id says what the trainee did; the detail of one occurrence says how (by how much, which key).
"""

from __future__ import annotations

FAQ = "poly-reset-faq.txt"

#: id -> (the trainee ..., the source of the rule). Append only: reports and trainers' scripts use the ids.
MISTAKES: dict[str, tuple[str, str]] = {
    "setup_pressed": ("pressed Setup in the Updater instead of Cancel", f"{FAQ} (Setup never resets)"),
    "cancel_missed": ('let "press Cancel to interrupt" pass without Cancel', FAQ),
    "combo_too_early": ("held the combination before its window opened", FAQ),
    "combo_too_late": ("started the combination after its window closed", FAQ),
    "released_early": ("let go before the hold time", "the model's hold time"),
    "wrong_keys": ("held a set with extra or missing keys", "the model's procedure"),
    "wrong_combination": ("held another procedure's combination", "the model's procedures"),
    "let_go_before_signal": ("let go before the signal the procedure waits for", "the model's procedure"),
    "power_order": ("connected power before holding the keys or pinhole", "the model's procedure"),
    "password_case": ("typed the MAC in the wrong letter case", f"{FAQ} (lower case)"),
    "password_wrong": ("typed another wrong password", FAQ),
    "multitap_too_fast": ("tapped two letters of one key without waiting, so a wrong letter went in", FAQ),
    "reset_declined": ("answered No or Cancel at the confirmation", FAQ),
    "gave_up": ("ended the attempt before reaching the goal", ""),
}
