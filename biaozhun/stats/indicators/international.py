"""The adoption rate of international standards (国际标准转化率), reused from international/adoption: the same
rows and arithmetic (rules/adoption.py, decision 0035), asked for the as-of date."""

from __future__ import annotations

from biaozhun.core import clock
from biaozhun.international.adoption import rows
from biaozhun.rules import adoption
from biaozhun.rules import stats as rules

from .registry import Context, Values, indicator


@indicator("adoption_rate", dimensions=("total", "ics"))
def adoption_rate(context: Context, dimension: str) -> Values:
    data = context.once("adoption", rows.catalogue)
    day = context.as_of if context.as_of < clock.today() else None  # today: the stored statuses, as the page
    tally = adoption.tally(data.records, data.adoptions, adoption.Scope(), dimension="ics", level=1, day=day)
    if dimension == "total":
        return {"": rules.percent(tally.overall.adopted, tally.overall.in_scope)}
    return {code: rules.percent(rate.adopted, rate.in_scope) for code, rate in tally.fields.items()}
