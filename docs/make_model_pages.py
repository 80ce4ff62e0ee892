"""Writes docs/models/: one reference page per model, with a picture of its reset in progress (`make docs`).

Each picture is drawn headless at the moment that matters: the combination held in its window (the
signal showing, where there is one), or the MAC half typed at the reset prompt. A reset held on a
pinhole on the back is drawn from behind, so the held pinhole shows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from simulator.core.catalog import Catalog
from simulator.core.model import Model
from simulator.core.multitap import keystrokes
from simulator.recipes import hold_steps, reset_procedure, window_steps
from simulator.scenario import Runner, Scenario, Step
from simulator.ui.session import Session
from simulator.ui.window_run import screenshot

OUT = Path(__file__).resolve().parent / "models"
MAC = "0004f2aa814c"


def reset_moment(model: Model) -> Scenario:
    proc = reset_procedure(model)
    hold = hold_steps(model, proc)
    if proc.action == "reset_prompt":
        te = model.text_entry
        letters = {k.id: k.letters for k in model.keys if k.letters}
        typed = keystrokes(MAC[:6], te.cycle, letters, te.commit_ms)
        taps = [Step("wait", 0, None, t) if isinstance(t, int) else Step("tap", 0, (t,)) for t in typed]
        steps = window_steps(model, proc) + hold + taps
    else:  # stop while everything is still held: the touch points, pressed keys and the signal show
        steps = window_steps(model, proc) + hold[: next(i for i, s in enumerate(hold) if s.kind == "wait") + 1]
    return Scenario(path=f"<{model.id}>", model=model, steps=tuple(steps), admin_password="8675309")


def page(model: Model) -> str:
    proc = reset_procedure(model) if model.procedures else None
    out = [
        f"# {model.name}",
        "",
        f"`{model.id}` · family {model.family} · sources: {model.source} [{model.confidence}]",
        "",
    ]
    caption = proc.describe() if proc else "no procedure in the sources"
    out += [f"![{model.name}: {caption}]({model.id}.png)", "", "## Procedures", ""]
    if proc is None:
        out.append("None: no source gives a reset, reboot or other procedure for this device.")
    for p in model.procedures:
        out += [f"- **{p.id}**: {p.describe()} → `{p.action}` [{p.confidence}]", f"  - source: {p.source}"]
        if p.notes:
            out.append(f"  - note: {' '.join(p.notes.split())}")
    if model.options:
        out += ["", "## Options (where the sources disagree; the default first)", ""]
        for o in model.options:
            choices = " \\| ".join(f"`{o.as_yaml(c)}`" for c in o.choices)
            out.append(f"- `{o.id}`: {choices} [{o.confidence}] — {o.source}")
    d, sw, te = model.display, model.software, model.text_entry
    out += ["", "## Device", ""]
    out.append(
        f"- display: {d.kind}"
        + (f" {d.pixels[0]}x{d.pixels[1]}" if d.kind != "none" else "")
        + (", touch" if d.touch else "")
    )
    out.append(f"- software: default {sw.default}; oldest {sw.minimum or '-'}; known {', '.join(sw.versions) or '-'}")
    out.append(f"- keys: {', '.join(k.id for k in model.keys)}")
    out.append(f"- LEDs: {', '.join(led.id for led in model.leds) or '-'}")
    if any(p.action == "reset_prompt" for p in model.procedures):
        out.append(f"- password entry: {' -> '.join(te.labels[m] for m in te.cycle)}, MAC in {te.mac_case} case")
    out.append(f"- layout: {model.layout_confidence} ({model.layout_source})")
    return "\n".join(out) + "\n"


def main() -> int:
    catalog = Catalog()
    index = ["# Models", "", "| model | reset | confidence |", "| --- | --- | --- |"]
    for model_id in catalog.ids():
        model = catalog.load(model_id)
        if not model.procedures:  # nothing to do on it: the device as it is
            screenshot(Session.open(catalog, model_id), str(OUT / f"{model_id}.png"))
            (OUT / f"{model_id}.md").write_text(page(model))
            index.append(f"| [{model.name}]({model_id}.md) | none in the sources | {model.confidence} |")
            print(f"docs/models/{model_id}.md", flush=True)
            continue
        runner = Runner(reset_moment(model))
        result = runner.run()
        if not result["ok"]:
            print(f"{model_id}: {result['failures']}", file=sys.stderr)
            return 1
        proc = reset_procedure(model)
        back = any(k.side == "back" for k in model.keys if k.id in proc.keys)
        screenshot(Session(catalog, runner.phone), str(OUT / f"{model_id}.png"), back=back)
        (OUT / f"{model_id}.md").write_text(page(model))
        index.append(f"| [{model.name}]({model_id}.md) | {proc.describe()} | {proc.confidence} |")
        print(f"docs/models/{model_id}.md", flush=True)
    (OUT / "README.md").write_text("\n".join(index) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
