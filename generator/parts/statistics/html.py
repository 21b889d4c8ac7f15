"""Sections as HTML, built in Python: the pages have thousands of table cells, and a Jinja
macro per cell costs more than the whole rest of the statistics (every value is escaped)."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

from generator.parts.statistics.sections import Cell, Link, Section, Table

NUMERIC = re.compile(r"^[0-9][0-9,]*( \([0-9]+\))?$|^–$")


def cell(value: Cell, url: Callable[[str], str]) -> str:
    if isinstance(value, Link):
        return f'<a href="{escape(url(value.href))}">{escape(value.text)}</a>'
    return str(escape(value))


def table(t: Table, url: Callable[[str], str]) -> str:
    if not t.rows:
        return f'<p id="{t.id}">{escape(t.empty)}</p>' if t.empty else ""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in t.head)
    labels = [f' data-label="{escape(h)}"' for h in t.head[1:]]  # narrow screens: cards
    rows = []
    for row in t.rows:
        cells = "".join(
            f'<td class="kis-num"{label}>{cell(c, url)}</td>'
            if isinstance(c, str) and NUMERIC.match(c) else f"<td{label}>{cell(c, url)}</td>"
            for c, label in zip(row[1:], labels, strict=True)
        )
        rows.append(f'<tr><th scope="row">{cell(row[0], url)}</th>{cells}</tr>')
    body = "\n".join(rows)
    return (
        f'<div class="kis-table-wrap kis-stat-wrap">\n'
        f'<table class="kis-table kis-stat-table" id="{t.id}">\n'
        f"<caption>{escape(t.caption)}</caption>\n<thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody>\n</table>\n</div>"
    )


def section(s: Section, url: Callable[[str], str], show_csv: bool = True) -> Markup:
    parts = [f'<section class="kis-stat-section" aria-labelledby="{s.id}">',
             f'<h2 id="{s.id}">{escape(s.title)}</h2>']
    parts += [f"<p>{escape(p)}</p>" for p in s.text]
    if s.chart:
        legend = f" {s.legend}" if s.legend else ""
        parts.append(f'<figure class="kis-figure">\n{s.chart}\n'
                     f"<figcaption>{escape(s.caption)}{legend}</figcaption>\n</figure>")
    parts += [table(t, url) for t in s.tables]
    parts += [f"<p>{escape(p)}</p>" for p in s.notes]
    if s.csv and show_csv:
        links = ", ".join(
            f'<a href="{escape(url(path))}">{escape(path.rsplit("/", 1)[1])}</a> (CSV)'
            for path in s.csv
        )
        parts.append(f'<p class="kis-stat-csv">Dane: {links}.</p>')
    parts.append("</section>")
    return Markup("\n".join(parts))
