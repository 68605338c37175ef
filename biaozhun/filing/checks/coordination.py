"""Coordination (协调性) of a filed standard with the standards system: candidates of the same or a higher tier
whose title or scope overlaps (biaozhun.text.overlap), with the shared words highlighted and links; a local
standard covering what a mandatory national standard covers is flagged as a possible conflict; a subject that
already has a national standard is flagged for review.

Candidates come from the search index (titles sharing the most character pairs, of the tiers that count), then
are scored over title and scope from the database. Measured in bench/bench_coordination.py.
"""

from __future__ import annotations

from django.utils.html import escape

from biaozhun.catalog.models import Nature, Standard, Status, Tier
from biaozhun.search.engine import IndexStateError, get_engine
from biaozhun.text import highlight
from biaozhun.text.overlap import overlap

from .base import Outcome, Result, Subject

# Tiers a filing is checked against: the same tier and those above it.
TIERS = {"industry": [Tier.NATIONAL, Tier.INDUSTRY], "local": [Tier.NATIONAL, Tier.INDUSTRY, Tier.LOCAL]}
CANDIDATES = 50  # read from the index
SHOWN = 10  # kept as evidence
MIN_SCORE = 0.30  # below: not shown
CONFLICT_SCORE = 0.50  # a local standard this close to a mandatory national one: possible conflict
NATIONAL_SCORE = 0.60  # this close to a national standard in force: the subject has a national standard
LIVE = (Status.CURRENT, Status.UPCOMING)


def candidates(subject: Subject) -> list[dict]:
    """Up to SHOWN standards overlapping the subject, best first, each with its scores and shared words."""
    try:
        hits = get_engine().similar(subject.title_zh, tiers=[str(t) for t in TIERS[subject.tier]], limit=CANDIDATES)
    except IndexStateError:
        return []
    ids = [hit.standard_id for hit in hits]
    rows = (Standard.objects.filter(pk__in=ids).exclude(edition__in=[subject.edition, subject.replaces])
            .values("id", "identifier", "title_zh", "scope", "tier", "nature", "status"))
    found = []
    for row in rows:
        scored = overlap(subject.title_zh, subject.scope, row["title_zh"], row["scope"])
        if scored.score < MIN_SCORE:
            continue
        found.append({
            "standard_id": row["id"], "identifier": row["identifier"], "title_zh": row["title_zh"],
            "tier": row["tier"], "nature": row["nature"], "status": row["status"], "score": scored.score,
            "title_score": scored.title, "scope_score": scored.scope, "shared": list(scored.shared),
            "flag": _flag(subject, row, scored.score),
        })
    found.sort(key=lambda c: (-c["score"], c["identifier"]))
    for candidate in found[:SHOWN]:  # highlighted only where shown (a third of the check's time when done for all)
        shared = candidate["shared"]
        candidate["highlight"] = (highlight(candidate["title_zh"], substrings=_pairs(tuple(shared))) if shared
                                  else escape(candidate["title_zh"]))
    return found[:SHOWN]


def _pairs(runs: tuple[str, ...]) -> list[str]:
    """Highlight by character pairs, so a run shared in pieces is marked wherever its pieces occur."""
    return [run[i:i + 2] for run in runs for i in range(len(run) - 1)] if runs else []


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
