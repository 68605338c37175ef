"""Bar charts drawn on the server as inline SVG: no script, no chart library, nothing for the Content Security Policy
to refuse. ``bar_chart(...)`` lays one out (pure arithmetic: every coordinate is computed here, already rounded);
the template tag ``{% bar_chart chart %}`` (core/templatetags/charts.py) draws it with core/bar_chart.html.

Horizontal bars, one group per label (the label on its own line above its bars, so long Chinese names never
squeeze the bars on a phone), one bar per series, each bar with its value written after its end (the bars are
scaled to leave room for the longest value), and a legend when there are several series. The bars are scaled to the largest
value; a zero draws no bar, only its "0". Accessibility: the SVG is one image (``role="img"``) named by its
<title> and described by its <desc> (what it shows, the largest value, where the figures are); each bar carries
a <title> with its label, series and value. The page keeps the table with the same figures for screen readers
and for copying. Colours are CSS classes (``bar-chart-s0``, ``-s1``… in static/css/site.css), never inline styles.

Pure: no Django (the caller passes translated texts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Number = int | float

WIDTH = 360  # the viewBox's width: drawn at about its own size on a phone
FONT = 13  # label size in viewBox units
VALUE_FONT = 11
BAR = 11  # bar height
BAR_GAP = 3  # between the bars of one group
GROUP_GAP = 9  # between groups
LABEL_LINE = FONT + 4
LEGEND_LINE = 18
MAX_SERIES = 4
MAX_GROUPS = 100


@dataclass(frozen=True, slots=True)
class Bar:
    series: int
    series_name: str
    value: Number
    value_text: str
    y: str
    width: str
    value_x: str
    value_y: str


@dataclass(frozen=True, slots=True)
class Group:
    label: str  # as drawn (shortened with … when too long)
    full_label: str
    label_y: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class LegendItem:
    series: int
    name: str
    x: str
    text_x: str


@dataclass(frozen=True, slots=True)
class BarChart:
    id: str  # unique on the page: the ids of <title> and <desc> derive from it
    title: str
    description: str
    width: int
    height: int
    legend_y: str
    legend_text_y: str
    legend: tuple[LegendItem, ...]
    groups: tuple[Group, ...]

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def desc_id(self) -> str:
        return f"{self.id}-desc"


def text_width(text: str, size: float) -> float:
    """An estimate of the drawn width (no font metrics on the server): a CJK or full-width character is about one em,
    anything else about 0.6 em."""
    return sum(size if ord(ch) > 0x2E7F else 0.6 * size for ch in text)


def shorten(text: str, size: float, room: float) -> str:
    """`text`, cut with … so that it fits in `room` (estimated)."""
    if text_width(text, size) <= room:
        return text
    cut = text
    while cut and text_width(cut + "…", size) > room:
        cut = cut[:-1]
    return cut + "…"


def _n(value: float) -> str:
    """A coordinate as SVG reads it: one decimal at most."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _value_text(value: Number) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def bar_chart(*, id: str, title: str, description: str, labels: Sequence[str],
              series: Sequence[tuple[str, Sequence[Number]]], width: int = WIDTH) -> BarChart:
    """A horizontal bar chart of `labels` (at most MAX_GROUPS, in the order given) × `series` ((name, one value per
    label), at most MAX_SERIES). Values are finite and not negative."""
    if not 1 <= len(series) <= MAX_SERIES:
        raise ValueError(f"a bar chart has 1 to {MAX_SERIES} series")
    if len(labels) > MAX_GROUPS:
        raise ValueError(f"a bar chart has at most {MAX_GROUPS} labels")
    if any(len(values) != len(labels) for _name, values in series):
        raise ValueError("each series has one value per label")
    if any(not (value >= 0) or value == float("inf") for _name, values in series for value in values):
        raise ValueError("values are finite and not negative")
    largest = max((value for _name, values in series for value in values), default=0)
    widest_value = max((text_width(_value_text(v), VALUE_FONT) for _name, values in series for v in values),
                       default=0)
    plot = width - widest_value - 6  # room for the longest value after the longest bar
    legend: list[LegendItem] = []
    y = 0.0
    if len(series) > 1:
        x = 0.0
        for index, (name, _values) in enumerate(series):
            legend.append(LegendItem(index, name, _n(x), _n(x + BAR + 4)))
            x += BAR + 4 + text_width(name, VALUE_FONT) + 14
        y = LEGEND_LINE + 4
    legend_y, legend_text_y = _n((LEGEND_LINE - BAR) / 2), _n(LEGEND_LINE / 2 + VALUE_FONT * 0.35)
    groups = []
    for index, label in enumerate(labels):
        label_y = y + FONT
        y += LABEL_LINE
        bars = []
        for number, (name, values) in enumerate(series):
            value = values[index]
            length = plot * value / largest if largest else 0.0
            bars.append(Bar(number, name, value, _value_text(value), _n(y), _n(length), _n(length + 4),
                            _n(y + BAR / 2 + VALUE_FONT * 0.35)))
            y += BAR + BAR_GAP
        y += GROUP_GAP - BAR_GAP
        groups.append(Group(shorten(label, FONT, width), label, _n(label_y), tuple(bars)))
    return BarChart(id=id, title=title, description=description, width=width, height=max(int(y + 0.999), 1),
                    legend_y=legend_y, legend_text_y=legend_text_y, legend=tuple(legend), groups=tuple(groups))
