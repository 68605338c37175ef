"""Coordination (协调性) of a filed standard with the standards system: candidates of the same or a higher tier
whose title or scope overlaps (biaozhun.text.overlap), with the shared words (stored as words, marked in the
title when a page shows it: check_text.marked_title) and links; a local
standard covering what a mandatory national standard covers is flagged as a possible conflict; a subject that
already has a national standard in force is flagged for review.

Candidates are standards in force (or about to be) of those tiers, read from the search index: those sharing
the most weight of the filed title's words (in their title, or less in their scope) and of its scope's rarest
words, national ones also looked for apart. Each is scored over title and scope (text.overlap: words weighted by
their inverse document frequency among the standards compared with, so 技术, 要求 and 规范 count little; the
filer's own place names and part designations left out); those scoring MIN_SCORE and RELATIVE of the best are
shown, SHOWN at most. Other parts and editions of the filed standard's own series are left out. The thresholds and
their measured precision and recall: docs/decisions/0013-filing-coordination.md, bench/bench_coordination.py.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from django.urls import reverse

from biaozhun.catalog.models import Nature, Standard, Status, Tier
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.reference.models import RegionCode
from biaozhun.search.engine import IndexStateError, get_engine
from biaozhun.text.overlap import IdfWeights, Side, Weight, compare, units, without_places

from .base import Outcome, Result, Subject

logger = logging.getLogger(__name__)

# Tiers a filing is checked against: the same tier and those above it.
TIERS = {"industry": [Tier.NATIONAL, Tier.INDUSTRY], "local": [Tier.NATIONAL, Tier.INDUSTRY, Tier.LOCAL]}
TIER_ORDER = {Tier.NATIONAL: 0, Tier.INDUSTRY: 1, Tier.LOCAL: 2}
LIVE = (Status.CURRENT, Status.UPCOMING)
CANDIDATES = 100  # read from the index
NATIONAL_CANDIDATES = 20  # and of national standards alone
KEY_UNITS = 12  # of the scope's units, the rarest this many also look for candidates
COMMON_SHARE = 0.1  # title words in more than this share of the standards are not looked up
SHOWN = 10  # kept as evidence
IDF_POWER = 1.5  # unit weight: inverse document frequency to this power
TITLE_SHARE = 0.7  # of the score, when both scopes are known
MIN_SCORE = 0.40  # below: not shown
RELATIVE = 0.85  # nor below this share of the best candidate's score
CONFLICT_SCORE = 0.50  # a local standard this close to a mandatory national one: possible conflict
NATIONAL_SCORE = 0.60  # this close to a national standard in force: the subject has a national standard


def _series(identifier: str) -> str:
    try:
        return parse(identifier).series
    except IdentifierError:
        return ""


def candidates(subject: Subject) -> list[dict]:
    """Up to SHOWN standards overlapping the subject, best first, each with its scores and shared words."""
    try:
        compared, rows, title_weight, scope_weight = retrieve(subject)
    except (IndexStateError, ValueError) as exc:  # tantivy reports an unreadable index as ValueError
        logger.warning("coordination check without candidates: the search index cannot be used (%s)", exc)
        return []
    return rank(compared, rows, title_weight, scope_weight)


def retrieve(subject: Subject) -> tuple[Subject, list[dict], IdfWeights, IdfWeights]:
    """The subject as compared (its own places left out: text.overlap.without_places), the standards in force
    the index finds for it (CANDIDATES at most, its own series left out) and the weights of title and scope
    units. IndexStateError when this machine's index cannot be used."""
    places = _places(subject)
    subject = replace(subject, title_zh=without_places(subject.title_zh, places),
                      scope=without_places(subject.scope, places))
    engine = get_engine()
    title_units, scope_units = units(subject.title_zh), units(subject.scope)
    documents, title_freq = engine.unit_frequencies(title_units)
    _, scope_freq = engine.unit_frequencies(scope_units, scope=True)
    title_weight = IdfWeights(documents, title_freq, power=IDF_POWER)
    scope_weight = IdfWeights(documents, scope_freq, power=IDF_POWER)
    key = sorted((u for u in scope_units if scope_freq[u]), key=lambda u: (-scope_weight(u), u))[:KEY_UNITS]
    # Words many titles have (的, 技术, 要求) hardly rank candidates but cost the most to look up: left out here,
    # unless the title has no other.
    found = [u for u in title_units if title_freq[u]]
    wanted = {u: title_weight(u) for u in found if title_freq[u] <= COMMON_SHARE * documents}
    wanted = wanted or {u: title_weight(u) for u in found}
    keys = {u: scope_weight(u) for u in key}
    statuses = [str(s) for s in LIVE]
    # National standards are looked for apart too, so that many local or industry standards sharing one title
    # never crowd out the national one a flag is about.
    ids = engine.similar(wanted, key_units=keys, tiers=[Tier.NATIONAL], statuses=statuses, limit=NATIONAL_CANDIDATES)
    ids += engine.similar(wanted, key_units=keys, tiers=[str(t) for t in TIERS[subject.tier]], statuses=statuses,
                          limit=CANDIDATES)
    rows = list(Standard.objects.filter(pk__in=ids).exclude(edition__in=[subject.edition, subject.replaces])
                .values("id", "identifier", "series", "title_zh", "scope", "tier", "nature", "status"))
    own_series = _series(subject.identifier)
    rows = [row for row in rows if not own_series or row["series"] != own_series]
    # Weights of every unit either side compares, from the index's frequencies (cached per commit).
    title_freq = {**title_freq, **engine.unit_frequencies(
        {u for row in rows for u in units(row["title_zh"])} - title_freq.keys())[1]}
    scope_freq = {**scope_freq, **engine.unit_frequencies(
        {u for row in rows for u in units(row["scope"])} - scope_freq.keys(), scope=True)[1]}
    return (subject, rows, IdfWeights(documents, title_freq, power=IDF_POWER),
            IdfWeights(documents, scope_freq, power=IDF_POWER))


def _places(subject: Subject) -> list[str]:
    """The names of a local filing's region and of its province (a city's standard)."""
    if subject.tier != "local" or not subject.code:
        return []
    return list(RegionCode.objects.filter(code__in={subject.code, subject.code[:2]}).values_list("name_zh", flat=True))


def rank(subject: Subject, rows: list[dict], title_weight: Weight, scope_weight: Weight, *,
         min_score: float | None = None, relative: float | None = None, shown: int | None = None) -> list[dict]:
    """The rows scoring at least min_score (MIN_SCORE) and `relative` (RELATIVE) of the best score, best first,
    at most `shown` (SHOWN), as evidence."""
    min_score = MIN_SCORE if min_score is None else min_score
    relative = RELATIVE if relative is None else relative
    side = Side.of(subject.title_zh, subject.scope)
    scored = []
    for row in rows:
        other = Side.of(row["title_zh"], row["scope"])
        score = compare(side, other, title_weight=title_weight, scope_weight=scope_weight, title_share=TITLE_SHARE,
                        with_shared=False).score
        if score >= min_score:
            scored.append((-score, TIER_ORDER[row["tier"]], row["identifier"], row, other))
    scored.sort(key=lambda item: item[:3])  # equal scores: the higher tier first
    if scored:
        scored = [item for item in scored if -item[0] >= -scored[0][0] * relative]
    found = []
    for _score, _tier, _identifier, row, other in scored[:SHOWN if shown is None else shown]:
        result = compare(side, other, title_weight=title_weight, scope_weight=scope_weight, title_share=TITLE_SHARE)
        found.append({
            "standard_id": row["id"], "identifier": row["identifier"], "title_zh": row["title_zh"],
            "url": reverse("portal:standard_detail", args=[row["identifier"]]),
            "tier": row["tier"], "nature": row["nature"], "status": row["status"], "score": result.score,
            "title_score": result.title, "scope_score": result.scope, "shared": list(result.shared),
            "scope_shared": list(result.scope_shared),
            "flag": _flag(subject, row, result.score),
        })
    return found


def _flag(subject: Subject, row: dict, score: float) -> str:
    national_live = row["tier"] == Tier.NATIONAL and row["status"] in LIVE
    if subject.tier == "local" and national_live and row["nature"] == Nature.MANDATORY and score >= CONFLICT_SCORE:
        return "mandatory_conflict"
    if national_live and score >= NATIONAL_SCORE:
        return "national_exists"
    return ""


def coordination(subject: Subject) -> Result:
    found = candidates(subject)
    flags = sorted({c["flag"] for c in found if c["flag"]})
    params = {"candidates": len(found), "flags": flags}
    return Result("coordination", Outcome.FLAG if flags else (Outcome.NOTE if found else Outcome.OK), params, found)
