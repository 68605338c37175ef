"""``{% bar_chart chart %}``: draw a chart laid out by biaozhun/core/charts.py as inline SVG (core/bar_chart.html).
Build the chart in the view with ``charts.bar_chart(id=..., title=..., description=..., labels=..., series=...)``
and keep the table of the same figures on the page."""

from django import template

from biaozhun.core.charts import BarChart

register = template.Library()


@register.inclusion_tag("core/bar_chart.html")
def bar_chart(chart: BarChart) -> dict:
    return {"chart": chart}
