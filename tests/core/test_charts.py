"""Server-drawn SVG bar charts (core/charts.py and the {% bar_chart %} tag): bars in proportion, inside the picture,
each labelled with its value; one image named by <title> and described by <desc>; text escaped; no inline style."""

import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.core.charts import MAX_SERIES, WIDTH, bar_chart, shorten, text_width

SVG = "{http://www.w3.org/2000/svg}"


def _render(chart) -> ET.Element:
    html = Template("{% load charts %}{% bar_chart chart %}").render(Context({"chart": chart}))
    return ET.fromstring(html[html.index("<svg"):])


def _chart(labels, *series, **kwargs):
    return bar_chart(id="chart-test", title="按省份", description="共 3 项。数字见下表。", labels=labels,
                     series=[(f"系列{n}", values) for n, values in enumerate(series)], **kwargs)


def test_the_chart_is_one_image_named_and_described_with_a_bar_and_a_value_per_label():
    svg = _render(_chart(["北京", "上海", "江苏"], [12, 6, 0], [30, 3, 1]))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-test-title chart-test-desc"
    assert svg.find(f"{SVG}title").get("id") == "chart-test-title" and svg.find(f"{SVG}title").text == "按省份"
    assert svg.find(f"{SVG}desc").text == "共 3 项。数字见下表。"
    groups = svg.findall(f"{SVG}g")
    assert [g.find(f"{SVG}text").text for g in groups] == ["北京", "上海", "江苏"]
    values = [t.text for g in groups for t in g.findall(f"{SVG}text")[1:]]
    assert values == ["12", "30", "6", "3", "0", "1"]
    bars = [g.findall(f"{SVG}rect") for g in groups]
    assert [rect.find(f"{SVG}title").text for rect in bars[0]] == ["北京 · 系列0：12", "北京 · 系列1：30"]
    assert bars[2][0].get("width") == "0"  # a zero draws no bar, only its value
    assert not any(element.get("style") for element in svg.iter())  # colours are classes (CSP: no inline styles)
    assert {rect.get("class") for rect in svg.iter(f"{SVG}rect")} == {"bar-chart-s0", "bar-chart-s1"}


def test_a_legend_names_the_series_when_there_are_several():
    one = _render(_chart(["北京"], [1]))
    assert one.findall(f"{SVG}text") == []  # no legend: the only texts are inside the group
    two = _render(_chart(["北京"], [1], [2]))
    assert [t.text for t in two.findall(f"{SVG}text")] == ["系列0", "系列1"]


def test_labels_and_names_are_escaped_text():
    svg = _render(bar_chart(id="x", title="<b>标题</b>", description="&", labels=["<script>alert(1)</script>"],
                            series=[("<i>系列</i>", [1])]))
    assert svg.find(f"{SVG}title").text == "<b>标题</b>"
    assert svg.find(f"{SVG}g").find(f"{SVG}text").text == "<script>alert(1)</script>"
    assert not svg.findall(f".//{SVG}script") and not svg.findall(".//script")


def test_a_label_too_long_for_the_width_is_shortened_and_kept_whole_in_its_title():
    label = "电力、热力、燃气及水生产和供应业" * 3
    svg = _render(_chart([label], [5]))
    text = svg.find(f"{SVG}g").find(f"{SVG}text")
    assert text.text.endswith("…") and text_width(text.text, 13) <= WIDTH
    assert text.find(f"{SVG}title").text == label
    assert shorten("北京", 13, WIDTH) == "北京"


@pytest.mark.parametrize("series, labels", [([], ["北京"]), ([("a", [1])] * (MAX_SERIES + 1), ["北京"]),
                                            ([("a", [1, 2])], ["北京"]), ([("a", [-1])], ["北京"]),
                                            ([("a", [float("nan")])], ["北京"])])
def test_a_chart_it_cannot_draw_is_a_programming_error(series, labels):
    with pytest.raises(ValueError):
        bar_chart(id="x", title="t", description="d", labels=labels, series=series)


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**5)),
                min_size=1, max_size=40))
def test_bars_are_in_proportion_inside_the_picture_and_never_overlap(rows):
    chart = _chart([f"地区{n}" for n in range(len(rows))], [a for a, _b in rows], [b for _a, b in rows])
    largest = max(max(a, b) for a, b in rows)
    bars = [bar for group in chart.groups for bar in group.bars]
    widths = [float(bar.width) for bar in bars]
    assert all(0 <= w <= chart.width for w in widths)
    assert all(float(bar.value_x) + text_width(bar.value_text, 11) <= chart.width for bar in bars)
    if largest:
        for bar, width in zip(bars, widths, strict=True):  # the same scale for every bar (rounded to 0.1)
            assert width == pytest.approx(widths[widths.index(max(widths))] * bar.value / largest, abs=0.11)
    tops = [float(bar.y) for bar in bars]
    assert tops == sorted(tops) and all(b - a >= 11 for a, b in zip(tops, tops[1:], strict=False))
    assert tops[-1] + 11 <= chart.height
