"""What a person asks of the rate (the page's form, the API's query, the export's link), read into one `Query`:
unknown values are dropped with a message, never an error page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from biaozhun.rules import adoption as rules

MAX_LEVEL = {"ics": 3, "ccs": 2, "industry": 3, "tc": 2}
MAX_WITHIN = 60


@dataclass(frozen=True)
class Query:
    dimension: str = "ics"
    level: int = 1
    within: str = ""
    scope: rules.Scope = rules.Scope()
    problems: tuple[str, ...] = field(default=(), compare=False)

    def key(self) -> str:
        s = self.scope
        return "|".join([self.dimension, str(self.level), self.within, ",".join(sorted(s.degrees)),
                         ",".join(sorted(s.adopting_tiers)), ",".join(sorted(s.publishers)),
                         ",".join(sorted(s.deliverables)), str(s.in_force_only), str(s.published_before or "")])

    def as_params(self, **overrides) -> list[tuple[str, str]]:
        """The query as URL parameters (links to candidates, lists, the export), with some replaced."""
        s = self.scope
        values: dict[str, list[str]] = {
            "dimension": [self.dimension], "level": [str(self.level)], "within": [self.within] if self.within else [],
            "degree": sorted(s.degrees), "tier": sorted(s.adopting_tiers), "publisher": sorted(s.publishers),
            "deliverable": sorted(s.deliverables), "all": [] if s.in_force_only else ["1"],
            "before": [s.published_before.isoformat()] if s.published_before else [],
        }
        for name, value in overrides.items():
            values[name] = [value] if isinstance(value, str) else list(value)
        return [(name, v) for name, vs in values.items() for v in vs]

    def urlencode(self, **overrides) -> str:
        return urlencode(self.as_params(**overrides))


def _choices(get, name: str, allowed: tuple[str, ...], default: frozenset[str], problems: list[str]) -> frozenset[str]:
    raw = [v.strip().upper() if name != "tier" else v.strip().lower() for v in get.getlist(name) if v.strip()]
    kept = frozenset(v for v in raw if v in allowed)
    if len(kept) < len(set(raw)):
        problems.append(_("已忽略无法识别的取值：%(values)s") % {"values": "、".join(sorted(set(raw) - kept))})
    return kept or default


def parse(get) -> Query:
    """A Query from a QueryDict (or anything with get and getlist)."""
    problems: list[str] = []
    dimension = get.get("dimension", "ics")
    if dimension not in rules.DIMENSIONS:
        problems.append(_("未知的领域分类，已按国际标准分类（ICS）统计。"))
        dimension = "ics"
    try:
        level = min(max(int(get.get("level", 1)), 1), MAX_LEVEL[dimension])
    except (TypeError, ValueError):
        level = 1
    within = (get.get("within") or "").strip()[:MAX_WITHIN]
    before = None
    if get.get("before"):
        try:
            before = date.fromisoformat(get.get("before"))
        except ValueError:
            problems.append(_("发布日期截止应写作 2024-12-31 这样的日期，已忽略。"))
    scope = rules.Scope(
        degrees=_choices(get, "degree", rules.DEGREES, rules.DEFAULT_DEGREES, problems),
        adopting_tiers=_choices(get, "tier", rules.ADOPTING_TIERS, rules.DEFAULT_ADOPTING_TIERS, problems),
        publishers=_choices(get, "publisher", rules.PUBLISHERS, frozenset(rules.PUBLISHERS), problems),
        deliverables=_choices(get, "deliverable", rules.DELIVERABLES, frozenset(rules.DELIVERABLES), problems),
        in_force_only=not get.get("all"),
        published_before=before,
    )
    return Query(dimension=dimension, level=level, within=within, scope=scope, problems=tuple(problems))
