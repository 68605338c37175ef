"""Change propagation: when an edition is replaced (wholly or in part), amended, abolished or withdrawn, what that citing it is
affected, which edition is in force for it now, and who owns each citing thing. Pure: no Django; the propagation
app reads the catalogue and the other apps and asks here.

How a reference is affected (GB/T 1.1-2020 §10.3: a dated reference means that edition alone; an undated one
means the latest edition, with its amendments):

- a DATED reference (``GB/T 1-2010``) is affected by every change to that very edition;
- an UNDATED reference (``GB/T 1``) is affected only when the newest edition of its series changes: that edition
  is replaced (the new one is what the reference now means), amended (its content changed), abolished or
  withdrawn (nothing of the series may be in force any more). A change to an older edition leaves it alone.

Which edition is in force afterwards: the replacing edition (replaced), the same edition with its amendment
sheet (amended) or for what is left of it (partly replaced: the citer checks whether what it relies on moved to
the replacing edition), none (abolished); for a withdrawn edition none for a dated reference, and the newest remaining
edition of the series for an undated one.

Owners: who must look at a citing thing (decision 0031). Candidates are tried in the order of ``OWNER_ORDER`` for
the citing standard's tier, the first that exists wins, and the national administration catches the rest, so
that nothing is flagged to nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# A change whose effective date lies further back than this when the platform first sees it is history arriving
# with an import (a catalogue loaded with editions replaced years ago), not news: it is not propagated.
HISTORY_DAYS = 180
# What an owner writes when resolving a flag.
MAX_REASON = 2000


class ChangeKind(StrEnum):
    """Stored in propagation.Change.kind; values are never renamed."""

    REPLACED = "replaced"
    AMENDED = "amended"
    ABOLISHED = "abolished"
    WITHDRAWN = "withdrawn"  # 撤销: published in error and taken out of the catalogue
    PARTIAL = "partial"  # 部分代替: a newer edition replaces part of it; the rest stays in force


class Citation(StrEnum):
    """How a citing thing names the changed edition. Stored; never renamed."""

    DATED = "dated"  # a normative reference to that edition (catalogue standards, filings, enterprise standards)
    UNDATED = "undated"  # a normative reference to the series
    EXECUTES = "executes"  # an enterprise's declaration that it executes the edition
    REVISES = "revises"  # a development project revising the edition
    ADOPTS = "adopts"  # a development project adopting the (international) edition
    REPLACES = "replaces"  # a filing under review that will replace the edition
    ABOUT = "about"  # open implementation feedback on the edition


class Resolution(StrEnum):
    UPDATED = "updated"  # the citing thing was (or will be) updated to the edition in force
    NOT_AFFECTED = "not_affected"  # the change does not touch what the citing thing relies on


class Candidate(StrEnum):
    """Kinds of organisation that may own a citing catalogue standard."""

    FILING_AUTHORITY = "filing_authority"  # the ministry or bureau that filed the (industry, local) standard
    TC_SECRETARIAT = "tc_secretariat"  # the secretariat of its 归口 committee (a subcommittee's, else its TC's)
    COMPETENT_DEPARTMENT = "competent_department"  # its 主管部门: the ministry of an industry code, or by name
    REGION_BUREAU = "region_bureau"  # the bureau of a local standard's region (the city's, else the province's)
    PUBLISHER = "publisher"  # the social organisation of a group standard (its group code)
    ENTERPRISE = "enterprise"  # the enterprise of an enterprise standard (its enterprise code)
    NATIONAL_ADMINISTRATION = "national_administration"  # the fallback: nothing is flagged to nobody


OWNER_ORDER: dict[str, tuple[Candidate, ...]] = {
    "national": (Candidate.TC_SECRETARIAT, Candidate.COMPETENT_DEPARTMENT),
    "industry": (Candidate.FILING_AUTHORITY, Candidate.COMPETENT_DEPARTMENT, Candidate.TC_SECRETARIAT),
    "local": (Candidate.FILING_AUTHORITY, Candidate.REGION_BUREAU),
    "group": (Candidate.PUBLISHER,),
    "enterprise": (Candidate.ENTERPRISE,),
}
# Tiers whose citing editions are flagged: an ISO/IEC record citing a Chinese standard has nobody on the platform.
FLAGGED_TIERS = frozenset(OWNER_ORDER)
# Citing editions already out of force are not flagged: nobody applies them any more.
LIVE_STATUSES = frozenset({"current", "upcoming"})


def choose_owner(tier: str, found: Mapping[Candidate, int | None]) -> int | None:
    """The owner of a citing standard of `tier`: the first candidate of the tier's order that was found, else the
    national administration (None only when the platform has none)."""
    for candidate in OWNER_ORDER.get(tier, ()):
        if found.get(candidate) is not None:
            return found[candidate]
    return found.get(Candidate.NATIONAL_ADMINISTRATION)


@dataclass(frozen=True, slots=True, order=True)
class Edition:
    """An edition of a series, ordered as "newest": by year (an edition without one is oldest), then by id."""

    year: int
    id: int

    @classmethod
    def of(cls, year: int | None, pk: int) -> Edition:
        return cls(year or 0, pk)


def undated_affected(changed: Edition, series: Iterable[Edition], *, replacers: Iterable[int] = ()) -> bool:
    """Is an undated reference to the series affected by a change to `changed`? Only if `changed` is the series'
    newest edition, not counting the editions that replace it (they are what the reference means now)."""
    leaving_out = set(replacers) | {changed.id}
    return all(other <= changed for other in series if other.id not in leaving_out)


def in_force_after(kind: ChangeKind, *, changed_id: int, replacing_id: int | None,
                   newest_remaining_id: int | None, undated: bool) -> int | None:
    """The edition a reference of this kind (dated or not) points at once the change took effect."""
    if kind == ChangeKind.REPLACED:
        return replacing_id
    if kind in (ChangeKind.AMENDED, ChangeKind.PARTIAL):
        return changed_id
    if kind == ChangeKind.WITHDRAWN and undated:
        return newest_remaining_id
    return None


def is_history(effective_on: date | None, *, seen_on: date, days: int = HISTORY_DAYS) -> bool:
    """A change that took effect more than `days` before the platform saw it (an import's past), not news."""
    return effective_on is not None and effective_on < seen_on - timedelta(days=days)


def reason_problem(resolution: str, reason: str) -> str | None:
    """What is wrong with a resolution as written (a code the pages translate), or None."""
    if resolution not in {r.value for r in Resolution}:
        return "resolution"
    text = " ".join((reason or "").split())
    if not text:
        return "reason_missing"
    if len(text) > MAX_REASON:
        return "reason_too_long"
    return None
