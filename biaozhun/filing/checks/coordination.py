"""Coordination (协调性) of a filed standard with the standards system: candidates of the same or a higher tier
whose title or scope overlaps (biaozhun.text.overlap), with the shared words highlighted and links; a local
standard covering what a mandatory national standard covers is flagged as a possible conflict; a subject that
already has a national standard in force is flagged for review.

Candidates are standards in force (or about to be) read from the search index: titles sharing the most units
of the filed title, and titles or scopes sharing the rarest units of its scope. Each is scored over title and
scope, every unit weighted by its inverse document frequency among the standards compared with (generic pairs
such as 技术, 要求 and 规范 count little), then the best SHOWN above MIN_SCORE are kept. Other parts and editions
of the filed standard's own series are left out. Thresholds and their measured precision and recall:
docs/decisions/0013-filing-coordination.md, bench/bench_coordination.py.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from biaozhun.catalog.models import Nature, Standard, Status, Tier
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.search.engine import IndexStateError, get_engine
from biaozhun.text import highlight
from biaozhun.text.overlap import IdfWeights, Side, Weight, compare, units

from .base import Outcome, Result, Subject

# Tiers a filing is checked against: the same tier and those above it.
TIERS = {"industry": [Tier.NATIONAL, Tier.INDUSTRY], "local": [Tier.NATIONAL, Tier.INDUSTRY, Tier.LOCAL]}
LIVE = (Status.CURRENT, Status.UPCOMING)
CANDIDATES = 60  # read from the index
KEY_UNITS = 12  # of the scope's units, the rarest this many also look for candidates
SHOWN = 10  # kept as evidence
IDF_POWER = 1.0  # unit weight: inverse document frequency to this power
SURFACE = 0.0  # share of the unweighted title similarity in the title score (text.overlap.compare)
MIN_SCORE = 0.30  # below: not shown
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
        return rank(subject, *retrieve(subject))
    except IndexStateError:
        return []


def retrieve(subject: Subject) -> tuple[list[dict], IdfWeights, IdfWeights]:
    """The standards in force the index finds for the subject (CANDIDATES at most, the subject's own series left
    out), and the weights of title and scope units. IndexStateError when this machine's index cannot be used."""
    engine = get_engine()
    title_units, scope_units = units(subject.title_zh), units(subject.scope)
    documents, title_freq = engine.unit_frequencies(title_units)
    _, scope_freq = engine.unit_frequencies(scope_units, scope=True)
    scope_weight = IdfWeights(documents, scope_freq, power=IDF_POWER)
    key = sorted((u for u in scope_units if scope_freq[u]), key=lambda u: (-scope_weight(u), u))[:KEY_UNITS]
    ids = engine.similar(list(title_units), key_units=key, tiers=[str(t) for t in TIERS[subject.tier]],
                         statuses=[str(s) for s in LIVE], limit=CANDIDATES)
    rows = list(Standard.objects.filter(pk__in=ids).exclude(edition__in=[subject.edition, subject.replaces])
                .values("id", "identifier", "series", "title_zh", "scope", "tier", "nature", "status"))
    own_series = _series(subject.identifier)
    rows = [row for row in rows if not own_series or row["series"] != own_series]
    # Weights of every unit either side compares, from the index's frequencies (cached per commit).
    title_freq = {**title_freq, **engine.unit_frequencies(
        {u for row in rows for u in units(row["title_zh"])} - title_freq.keys())[1]}
    scope_freq = {**scope_freq, **engine.unit_frequencies(
        {u for row in rows for u in units(row["scope"])} - scope_freq.keys(), scope=True)[1]}
    return rows, IdfWeights(documents, title_freq, power=IDF_POWER), IdfWeights(documents, scope_freq, power=IDF_POWER)


def rank(subject: Subject, rows: list[dict], title_weight: Weight, scope_weight: Weight, *,
         min_score: float | None = None, shown: int | None = None) -> list[dict]:
    """The rows scoring at least min_score (MIN_SCORE), best first, at most `shown` (SHOWN), as evidence."""
    min_score = MIN_SCORE if min_score is None else min_score
    side = Side.of(subject.title_zh, subject.scope)
    scored = []
    for row in rows:
        other = Side.of(row["title_zh"], row["scope"])
        score = compare(side, other, title_weight=title_weight, scope_weight=scope_weight, surface=SURFACE,
                        with_shared=False).score
        if score >= min_score:
            scored.append((-score, row["identifier"], row, other))
    scored.sort(key=lambda item: item[:2])
    found = []
    for _score, _identifier, row, other in scored[:SHOWN if shown is None else shown]:
        result = compare(side, other, title_weight=title_weight, scope_weight=scope_weight, surface=SURFACE)
        found.append({
            "standard_id": row["id"], "identifier": row["identifier"], "title_zh": row["title_zh"],
            "url": reverse("portal:standard_detail", args=[row["identifier"]]),
            "tier": row["tier"], "nature": row["nature"], "status": row["status"], "score": result.score,
            "title_score": result.title, "scope_score": result.scope, "shared": list(result.shared),
            "scope_shared": list(result.scope_shared), "highlight": _highlight(row["title_zh"], result.shared),
            "flag": _flag(subject, row, result.score),
        })
    return found


def _highlight(title: str, shared: tuple[str, ...]) -> str:
    """The title HTML-escaped, the shared runs and words marked."""
    if not shared:
        return escape(title)
    return highlight(title, substrings=[r for r in shared if not r.isascii()], words=[r for r in shared if r.isascii()])


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
