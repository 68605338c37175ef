"""Where implementation feedback goes: the routing table's rules, matched in order against the standard, and the
first whose handler exists wins. Pure: no Django; the feedback app holds the table (administrators edit it) and
answers "which organisation is that?" for each target.

A rule names what it applies to (a tier, a feedback type, a committee code prefix; blank for any) and a target:

- ``tc_secretariat``: the secretariat of the standard's technical committee (its 归口单位, SAC/TC nn);
- ``competent_department``: the standard's competent department (主管部门): the ministry owning an industry code,
  or the department a national standard names;
- ``region_bureau``: the market-regulation bureau of a local standard's region (a city's, else its province's);
- ``publisher``: the social organisation that published a group standard;
- ``organisation``: one named organisation (e.g. a ministry for all feedback of one type);
- ``national_administration``: the national administration itself;
- ``manual``: nobody by rule: the item waits, received, until the national administration routes it by hand.

When no rule finds a handler, the national administration receives the item (`FALLBACK`), so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum


class Target(StrEnum):
    """Stored in RoutingRule.target; values are never renamed."""

    TC_SECRETARIAT = "tc_secretariat"
    COMPETENT_DEPARTMENT = "competent_department"
    REGION_BUREAU = "region_bureau"
    PUBLISHER = "publisher"
    ORGANISATION = "organisation"
    NATIONAL_ADMINISTRATION = "national_administration"
    MANUAL = "manual"


FALLBACK = Target.NATIONAL_ADMINISTRATION


@dataclass(frozen=True, slots=True)
class Facts:
    """What routing knows of one item: its standard and its type."""

    tier: str
    category: str
    tc_code: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    priority: int
    target: Target
    tier: str = ""  # "" = any tier
    category: str = ""  # "" = any feedback type
    tc_prefix: str = ""  # "" = any; "SAC/TC 28" matches SAC/TC 28 and its subcommittees
    organisation_id: int | None = None  # for Target.ORGANISATION

    def matches(self, facts: Facts) -> bool:
        return (
            (not self.tier or self.tier == facts.tier)
            and (not self.category or self.category == facts.category)
            and (not self.tc_prefix or _under(facts.tc_code, self.tc_prefix))
        )


def _under(code: str, prefix: str) -> bool:
    return code == prefix or code.startswith(prefix + "/")


@dataclass(frozen=True, slots=True)
class Decision:
    organisation_id: int
    target: Target
    rule_id: int | None  # None: the fallback


Resolver = Callable[[Rule], int | None]


def route(facts: Facts, rules: Iterable[Rule], resolve: Resolver, fallback: int | None) -> Decision | None:
    """The first rule (by priority, then id) that matches `facts` and whose target `resolve` finds; else the
    fallback organisation (the national administration); None when there is not even that, or when the first
    matching rule says the item is routed by hand."""
    for rule in sorted(rules, key=lambda r: (r.priority, r.id)):
        if not rule.matches(facts):
            continue
        if rule.target == Target.MANUAL:
            return None
        organisation = resolve(rule)
        if organisation is not None:
            return Decision(organisation, rule.target, rule.id)
    return Decision(fallback, FALLBACK, None) if fallback is not None else None


# The first rows of the table (seeded by a migration; administrators change them in the admin).
DEFAULT_RULES: tuple[tuple[int, str, str], ...] = (  # (priority, tier, target)
    (10, "", Target.TC_SECRETARIAT),
    (20, "industry", Target.COMPETENT_DEPARTMENT),
    (30, "local", Target.REGION_BUREAU),
    (40, "group", Target.PUBLISHER),
    (50, "national", Target.COMPETENT_DEPARTMENT),
)
