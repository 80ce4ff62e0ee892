"""The report as one self-contained HTML file: the tables, and charts drawn by pygal as inline SVG.

A trainer mails it or opens it offline, so nothing is fetched: pygal's tooltips script is left out
and every chart's SVG sits in the page.
"""

from __future__ import annotations

import html
import re
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime

import pygal
from pygal.style import Style

from simulator.training.report import GroupStats, Report, SeriesPoint, attempt_series
from simulator.training.store import Store

# pygal appends a legacy import hook for its map plugins (not used here); on Python 3.11 it turns every
# failed optional import anywhere in the process into an ImportWarning. Keep the process clean.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

#: Charts are drawn for this many groups (the most practised first) so a year of a class stays readable.
CHARTED_GROUPS = 12
STYLE = Style(
    font_family="DejaVu Sans, Helvetica, Arial, sans-serif",
    background="white",
    plot_background="white",
    foreground="#333",
    foreground_strong="#111",
    foreground_subtle="#888",
    colors=("#1f6fb2", "#e8871e", "#3a9d5d", "#c0392b", "#8e5ea2", "#7f8c8d", "#d4ac0d", "#17a2b8"),
    title_font_size=15,
    legend_font_size=12,
    label_font_size=11,
    major_label_font_size=11,
)
_CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.fail { color: #c0392b; } .pass { color: #2e7d32; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.chart svg { width: 100%; height: auto; }
"""


def _chart(kind: type, title: str, **config: object) -> pygal.graph.graph.Graph:
    return kind(
        title=title,
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        width=config.pop("width", 640),
        height=config.pop("height", 360),
        legend_at_bottom=True,
        print_values=False,
        truncate_label=-1,
        max_scale=8,
        **config,
    )


def _svg(chart: pygal.graph.graph.Graph, name: str) -> str:
    """Inline SVG with a stable element id, so the same report renders to the same file; without the
    configuration script pygal writes for its tooltips, which would need its script from the web."""
    svg = re.sub(r"<script\b.*?</script>", "", chart.render(is_unicode=True), flags=re.S)
    svg = re.sub(r"chart-[0-9a-f-]{36}", f"chart-{name}", svg)
    return re.sub(r" on \d{4}-\d\d-\d\d-->", "-->", svg)


def stage_chart(group: GroupStats, attempts: list[SeriesPoint]) -> pygal.graph.graph.Graph:
    chart = _chart(
        pygal.StackedBar,
        f"{group.trainee}: {group.model} {group.goal}, stage times (s)",
        x_title="attempt (x = not passed)",
        x_label_rotation=0,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, len(attempts) // 10),
    )
    chart.x_labels = [f"{a.number}{'' if a.passed else ' x'}" for a in attempts]
    for stage in dict.fromkeys(s.stage for s in group.stages) or dict.fromkeys(k for a in attempts for k in a.stages):
        chart.add(stage, [a.stages.get(stage) for a in attempts])
    return chart


def mistakes_chart(report: Report) -> pygal.graph.graph.Graph:
    totals: Counter[str] = Counter()
    for g in report.groups:
        totals.update(dict(g.mistakes))
    chart = _chart(pygal.HorizontalBar, "Mistakes by kind", show_legend=False)
    ranked = totals.most_common()[::-1]
    chart.x_labels = [m for m, _ in ranked]
    chart.add("mistakes", [n for _, n in ranked])
    return chart


def pass_rate_chart(report: Report) -> pygal.graph.graph.Graph:
    per_model: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for g in report.groups:
        per_model[g.model][0] += g.passed
        per_model[g.model][1] += g.attempts
    chart = _chart(pygal.Bar, "Pass rate per model (%)", show_legend=False, range=(0, 100))
    models = sorted(per_model)
    chart.x_labels = models
    chart.add("pass rate", [round(100 * per_model[m][0] / per_model[m][1], 1) for m in models])
    return chart


def charts(store: Store, report: Report) -> dict[str, pygal.graph.graph.Graph]:
    """Every chart of the report by a file-friendly name: the page embeds them, the docs render them."""
    out = {"mistakes": mistakes_chart(report), "pass-rate": pass_rate_chart(report)}
    for n, (group, attempts) in enumerate(attempt_series(store, report, CHARTED_GROUPS).items(), 1):
        out[f"stages-{n}"] = stage_chart(group, attempts)
    return out


def _e(value: object) -> str:
    return html.escape(str(value))


def _s(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.1f}"


def _groups_table(report: Report) -> list[str]:
    out = [
        "<table><tr><th>trainee</th><th>model</th><th>goal</th><th>attempts</th><th>passed</th>"
        "<th>best (s)</th><th>median (s)</th><th>stages: best / median (s)</th><th>most common mistakes</th></tr>"
    ]
    for g in report.groups:
        stages = "<br>".join(f"{_e(s.stage)} {s.best:.1f} / {s.median:.1f}" for s in g.stages) or "-"
        mistakes = ", ".join(f"{_e(m)} {n}" for m, n in g.mistakes[:3]) or "-"
        out.append(
            f"<tr><td>{_e(g.trainee)}</td><td>{_e(g.model)}</td><td>{_e(g.goal)}</td><td class=n>{g.attempts}</td>"
            f"<td class=n>{g.pass_rate:.0%}</td><td class=n>{_s(g.best)}</td><td class=n>{_s(g.median)}</td>"
            f"<td>{stages}</td><td>{mistakes}</td></tr>"
        )
    return [*out, "</table>"]


def _exams_table(report: Report) -> list[str]:
    if not report.exams:
        return []
    out = ["<h2>Exams</h2>", "<table><tr><th>exam</th><th>date</th><th>trainee</th><th>score</th><th>passed</th>"]
    out[-1] += "<th>items</th></tr>"
    for e in report.exams:
        items = " ".join(
            f'<span class="{"pass" if i.passed else "fail"}" title="{_e(i.model)} {_e(i.goal)}">'
            f"{i.item}: {i.score}</span>"
            for i in e.items
        )
        out.append(
            f"<tr><td>{_e(e.exam_id)}</td><td>{_e(e.started[:10])}</td><td>{_e(e.trainee)}</td>"
            f"<td class=n>{e.score}</td><td class=n>{e.passed}/{len(e.items)}</td><td>{items}</td></tr>"
        )
    return [*out, "</table>"]


def as_html(store: Store, report: Report, now: datetime | None = None) -> str:
    drawn = charts(store, report)
    stamp = (now or datetime.now(UTC)).astimezone().strftime("%Y-%m-%d %H:%M")
    w = report.where
    scope = ", ".join(
        part
        for part in (
            f"trainee {w.trainee}" if w.trainee else "",
            f"model {w.model}" if w.model else "",
            f"since {w.since:%Y-%m-%d}" if w.since else "",
        )
        if part
    )
    head = f"{report.attempts} attempts" + (f" ({scope})" if scope else "") + f", made {stamp}"
    body = [f"<h1>phonesim progress report</h1><p>{_e(head)}. Times are of passed attempts.</p>"]
    if not report.groups:
        body.append("<p>No attempts recorded.</p>")
    else:
        body += ["<h2>Trainees</h2>", *_groups_table(report), "<h2>Charts</h2>", '<div class="charts">']
        body += [f'<div class="chart">{_svg(chart, name)}</div>' for name, chart in drawn.items()]
        body.append("</div>")
        groups = len(report.groups)
        if groups > CHARTED_GROUPS:
            body.append(f"<p>Stage charts for the {CHARTED_GROUPS} most practised of {groups} groups.</p>")
        body += _exams_table(report)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>phonesim progress report</title>'
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
