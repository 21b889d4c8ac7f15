"""Charts as inline SVG, drawn at build time: no script, nothing from another host (pure).

The functions here work out a chart's geometry and return it as values, numbers already
formatted (:class:`Columns`, :class:`Bars`, :class:`Ranges`); ``statistics/_charts.html.j2``
lays them out. Every chart scales to its box (``viewBox``, no fixed size) and is 320 units wide,
so that its text keeps nearly its size on a 320 px screen; long labels wrap onto a second line.
Its accessible name is its ``<title>``; the numbers are in the data table the page puts under
each chart. Colours keep at least 3:1 against white (WCAG 1.4.11); the legend is HTML, beside
the chart (:func:`legend`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.parts.statistics.figures import Spread

WIDTH = 320
LABEL_CHARS = 40  # characters of a label line (font size 14) in the chart's width
COLOURS = ("#1a3a7a", "#2e7d32", "#9a5b00", "#b3261e")  # 3:1 or more against white


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]
    colour: str


def series(named: Sequence[tuple[str, Sequence[int]]]) -> tuple[Series, ...]:
    return tuple(Series(n, tuple(v), COLOURS[i % len(COLOURS)]) for i, (n, v) in enumerate(named))


def nice_step(top: float, ticks: int = 4) -> int:
    """A round step (1, 2, 5, 10, 20, …) giving at most ``ticks`` steps up to ``top``."""
    step = 1
    while top / step > ticks:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= ticks:
                break
    return step


@lru_cache(maxsize=4096)
def _num(value: float) -> str:
    """A coordinate as the SVG has it: one decimal at most, no trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def wrap(text: str, width: int = LABEL_CHARS) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        elif lines and len(last := lines[-1].rsplit(" ", 1)) == 2 and len(last[1]) == 1:
            lines[-1] = last[0]  # a one-letter word („i”, „w”) does not end a line
            lines.append(f"{last[1]} {word}")
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class Label:
    """A label over a bar: its lines, each (its distance from the one before, its text); the
    first baseline at ``y``."""

    x: str
    y: str
    lines: tuple[tuple[int, str], ...]


def _label(x: float, y: float, text: str) -> tuple[Label, float]:
    """A label whose first baseline is at ``y`` (2 units down), and the height its lines take."""
    lines = tuple((16 if i else 0, line) for i, line in enumerate(wrap(text)))
    return Label(_num(x), _num(y + 2), lines), 16.0 * len(lines)


# A rectangle (x, y, width, height, colour) and a text (x, y, text), numbers formatted.
Rect = tuple[str, str, str, str, str]
Text = tuple[str, str, str]


@dataclass(frozen=True)
class Columns:
    """Vertical bars in groups (:func:`columns`)."""

    id: str
    title: str
    height: str
    left: str  # the plot's left edge, where the grid lines start
    right: str  # its right edge
    tick_x: str  # the right end of the values on the axis
    grid: tuple[tuple[str, str, int], ...]  # y, y of its value, the value
    groups: tuple[tuple[tuple[Rect, ...], Text | None], ...]  # bars and the tick under them
    base: str  # y of the axis
    kind: str = "columns"


@dataclass(frozen=True)
class Bar:
    label: Label
    rect: Rect
    value: Text


@dataclass(frozen=True)
class Bars:
    """Horizontal bars, each under its label (:func:`bars`)."""

    id: str
    title: str
    height: str
    rows: tuple[Bar, ...]
    kind: str = "bars"


@dataclass(frozen=True)
class Range:
    label: Label
    top: str  # y where the row's grid lines start
    bottom: str  # and end
    mid: str  # y of the whole range's line
    low: str  # x of the whole range's ends, of the middle half, its width, and the median
    high: str
    q1: str
    box_width: str
    median: str
    box_y: str
    median_y: str
    missing: str  # y of „brak danych” when there are no data ("" when there are)


@dataclass(frozen=True)
class Ranges:
    """Per row, the range, middle half and median of days (:func:`ranges`)."""

    id: str
    title: str
    height: str
    left: str
    right: str
    missing_x: str
    grid: tuple[str, ...]  # x of each grid line
    rows: tuple[Range, ...]
    axis: str  # y of the axis
    ticks: tuple[tuple[str, str, int], ...]  # x, anchor, value
    tick_y: str
    unit_y: str
    box_fill: str = COLOURS[0]
    median_fill: str = COLOURS[2]
    kind: str = "ranges"


Chart = Columns | Bars | Ranges


def columns(chart_id: str, title: str, ticks: Sequence[str], data: Sequence[Series]) -> Columns:
    """Vertical bars, one group per tick (``""`` ticks are not labelled), one bar per series."""
    left, right, top, bottom, plot_h = 34.0, 6.0, 8.0, 22.0, 170.0
    count = len(ticks)
    peak = max((v for s in data for v in s.values), default=0)
    step = nice_step(max(peak, 1))
    ceiling = step * max(1, -(-max(peak, 1) // step))
    base = top + plot_h
    grid = []
    for k in range(0, ceiling + 1, step):
        y = base - plot_h * k / ceiling
        grid.append((_num(y), _num(y + 4), k))
    slot = (WIDTH - left - right) / max(count, 1)
    bar = slot * 0.8 / max(len(data), 1)
    width = _num(max(bar - 0.5, 0.5))
    groups = []
    for i, tick in enumerate(ticks):
        x0 = left + slot * i + slot * 0.1
        rects = []
        for j, s in enumerate(data):
            h = plot_h * s.values[i] / ceiling
            rects.append((_num(x0 + bar * j), _num(base - h), width, _num(h), s.colour))
        label = (_num(left + slot * i + 1), _num(base + 15), tick) if tick else None
        groups.append((tuple(rects), label))
    return Columns(chart_id, title, _num(top + plot_h + bottom), f"{left}", f"{WIDTH - right}",
                   f"{left - 4}", tuple(grid), tuple(groups), f"{base}")


def bars(chart_id: str, title: str, rows: Sequence[tuple[str, int]], unit: str = "") -> Bars:
    """Horizontal bars, each under its label, with its value at its end."""
    x0, right = 4.0, 40.0
    peak = max((v for _, v in rows), default=0) or 1
    drawn = []
    y = 0.0
    for label, value in rows:
        text, height = _label(x0, y + 12, label)
        y += height
        w = max((WIDTH - x0 - right) * value / peak, 1)
        drawn.append(Bar(text, (f"{x0}", _num(y + 2), _num(w), "12", COLOURS[0]),
                         (_num(x0 + w + 4), _num(y + 12.5), f"{value}{unit}")))
        y += 20
    return Bars(chart_id, title, _num(max(y, 20) + 4), tuple(drawn))


def ranges(chart_id: str, title: str, rows: Sequence[tuple[str, Spread | None]]) -> Ranges:
    """Per row: the whole range (thin line), the middle half (box) and the median (a mark)."""
    x0, right, axis_h = 4.0, 14.0, 24.0
    peak = max((s.high for _, s in rows if s), default=0) or 1
    step = nice_step(peak, 5)
    ceiling = step * -(-peak // step)
    span = WIDTH - x0 - right

    def x(days: float) -> str:
        return _num(x0 + span * days / ceiling)

    steps = range(0, ceiling + 1, step)
    drawn = []
    y = 0.0
    for label, s in rows:
        text, height = _label(x0, y + 12, label)
        y += height
        mid = y + 13
        if s is None:
            drawn.append(Range(text, _num(y), _num(y + 26), "", "", "", "", "", "", "", "",
                               _num(mid + 4)))
        else:
            q1 = x(s.q1)
            width = max(float(x(s.q3)) - float(q1), 1.5)
            drawn.append(Range(text, _num(y), _num(y + 26), _num(mid), x(s.low), x(s.high), q1,
                               _num(width), _num(float(x(s.median)) - 1.5), _num(mid - 7),
                               _num(mid - 10), ""))
        y += 30
    ticks = tuple((x(k), "start" if k == 0 else "middle", k) for k in steps)
    return Ranges(chart_id, title, _num(y + axis_h + 14), f"{x0}", f"{WIDTH - right}",
                  f"{x0 + 4}", tuple(x(k) for k in steps), tuple(drawn), _num(y), ticks,
                  _num(y + 15), _num(y + 30))


def legend(data: Sequence[Series]) -> tuple[tuple[int, str], ...]:
    """The chart's legend, an HTML list (readable at any width, and in print): each series'
    colour (its place in :data:`COLOURS`, a CSS class) and name."""
    return tuple((COLOURS.index(s.colour), s.name) for s in data)
