"""Multi-tap entry as the FAQ describes it, and the seed's exact MAC keystrokes."""

from simulator.core.multitap import TextEntry, keystrokes
from simulator.core.phone import Phone
from tests.helpers import hold, procedure, softkey, tap, to_countdown

LETTERS = {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ"}


def entry() -> TextEntry:
    return TextEntry(("numeric", "lower", "upper"), LETTERS, 1000)


def test_digit_is_the_last_choice_of_its_cycle():
    e = entry()
    e.next_mode()
    for t in range(4):
        e.press("2", t * 200)
    assert e.text == "2"
    e.press("2", 1000)
    assert e.text == "a"


def test_pending_letter_commits_on_another_key_or_mode_or_commit():
    e = entry()
    e.next_mode()
    e.press("3", 0)
    e.press("3", 100)
    e.press("2", 200)
    assert e.committed == "e" and e.text == "ea"
    e.next_mode()
    assert e.committed == "ea" and e.mode == "upper"
    e.press("7", 300)
    e.commit()
    assert e.text == "eaP"


def test_backspace_drops_the_pending_letter_first():
    e = entry()
    e.press("1", 0)
    e.next_mode()
    e.press("2", 10)
    e.backspace()
    assert e.text == "1"
    e.backspace()
    assert e.text == ""


def test_the_faq_keystrokes_for_mac_00_04_f2_aa_81_4c_are_accepted(catalog):
    phone = Phone(catalog.load("vvx-410"), admin_password="8675309", mac="00-04-F2-AA-81-4C")
    to_countdown(phone)
    hold(phone, ["1", "3", "5"], procedure(phone.model, "reset_prompt").hold_ms / 1000 + 0.5)
    for key in ["0", "0", "0", "4", "mode", "3", "3", "3", "mode", "mode", "2", "mode", "2"]:
        tap(phone, key)
    phone.advance(2)
    for key in ["2", "mode", "mode", "8", "1", "4", "mode", "2", "2", "2"]:
        tap(phone, key)
    assert phone.screen.lines[-1].count("*") == 12
    softkey(phone, "OK")
    assert phone.phase == "confirm"


def test_without_the_two_second_wait_the_second_a_becomes_b(catalog):
    phone = Phone(catalog.load("vvx-410"), admin_password="8675309")
    to_countdown(phone)
    hold(phone, ["1", "3", "5"], 3.5)
    for key in ["0", "0", "0", "4", "mode", "3", "3", "3", "mode", "mode", "2", "mode", "2", "2"]:
        tap(phone, key)
    for key in ["mode", "mode", "8", "1", "4", "mode", "2", "2", "2"]:
        tap(phone, key)
    softkey(phone, "OK")
    assert phone.state == "password_incorrect"


def test_mode_label_follows_the_cycle_on_the_softkey(catalog):
    phone = Phone(catalog.load("vvx-410"))
    to_countdown(phone)
    hold(phone, ["1", "3", "5"], 3.5)
    labels = []
    for _ in range(3):
        labels.append(next(s for s in phone.screen.softkeys if s in ("123", "abc", "ABC")))
        tap(phone, "mode")
    assert labels == ["123", "abc", "ABC"]


def test_keystrokes_for_the_faq_mac_match_the_faq_table():
    steps = keystrokes("0004f2aa814c", ("numeric", "lower", "upper"), LETTERS, 1000)
    assert steps == [
        "0",
        "0",
        "0",
        "4",
        "mode",
        "3",
        "3",
        "3",
        "mode",
        "mode",
        "2",
        "mode",
        "2",
        1500,
        "2",
        "mode",
        "mode",
        "8",
        "1",
        "4",
        "mode",
        "2",
        "2",
        "2",
    ]
