"""Draws docs/screenshots/report.png: the charts of `phonesim report --format html`, without a browser.

A sample class (simulator/training/samples.py) goes into a store in a temporary folder; the report's
own pygal charts are rendered to PNG with CairoSVG and laid out two by two with Pillow, as the page
shows them. Needs the docs extra: `.venv/bin/pip install -e '.[docs]'`, then
`.venv/bin/python docs/screenshots/report.py`.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import cairosvg
from PIL import Image

from simulator.training.report import build_report
from simulator.training.report_html import charts
from simulator.training.samples import sample_attempts
from simulator.training.store import open_store

OUT = Path(__file__).with_name("report.png")
SHOWN = ("stages-1", "stages-2", "mistakes", "pass-rate")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "progress.sqlite3") as store:
        with store.bulk():
            for attempt in sample_attempts(900, seed=3, trainees=("Ana Silva", "Ben Okafor", "Chloé Martin")):
                store.record(attempt)
        drawn = charts(store, build_report(store))
    tiles = [Image.open(io.BytesIO(cairosvg.svg2png(bytestring=drawn[name].render()))) for name in SHOWN]
    width, height = tiles[0].size
    sheet = Image.new("RGB", (2 * width + 30, 2 * height + 30), "white")
    for n, tile in enumerate(tiles):
        sheet.paste(tile, (10 + (n % 2) * (width + 10), 10 + (n // 2) * (height + 10)))
    sheet.save(OUT)
    print(f"{OUT}: {', '.join(SHOWN)}")


if __name__ == "__main__":
    main()
