"""What cites a changed edition, read in batches (keyset: ids after the last one done), one step per kind of link:

1. catalogue editions whose normative references name that edition (dated: StandardRelation.target_key = the
   edition; an index range read in id order);
2. catalogue editions referring to its series undated (target_key = the undated number), when the change is to the
   series' newest edition (Change.undated_affected, rules/propagation.py);
3. filings under review whose record references it (dated, or undated as above) or that will replace it;
4. published declarations executing it (Declaration.standard);
5. published declarations of enterprise standards naming it among their reference standards;
6. development projects under way that revise it;
7. development projects under way that adopt it (an ISO/IEC edition, dated or undated);
8. open implementation feedback on it;
9. development projects under way whose draft's normative references name it (dated, or undated as above).

Steps are stored by their index (Change.progress), so a new one is added at the end.

Only what is live is flagged: editions in force or coming into force (not the changed one itself nor its
replacement), filings not yet decided, published declarations, projects not ended, feedback not answered. Each
step gives the flags' rows with their owners (owners.py) and where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast

from biaozhun.catalog.models import RelationKind, Standard, StandardRelation
from biaozhun.catalog.records import target_key
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.rules import propagation as rules
from biaozhun.rules.stages import ACTIVE_STAGES

from ..models import Change, Citation, Source
from .owners import Owners

STANDARD_FIELDS = ("pk", "identifier", "title_zh", "title_en", "tier", "tc_code", "industry_code", "region_code",
                   "org_code", "competent_department")


@dataclass(frozen=True, slots=True)
class Draft:
    """One flag to write."""

    source: str
    object_id: int
    label: str
    reference: str
    citation: str
    cited_as: str
    in_force_id: int | None
    owner_id: int | None


@dataclass(frozen=True, slots=True)
class Batch:
    drafts: list[Draft]
    last: int  # the last candidate id read (the next batch starts after it)
    done: bool  # nothing is left after `last`


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    source: str
    applies: Callable[[Change], bool]
    read: Callable[[Change, int, int, Owners], Batch]


@lru_cache(maxsize=20_000)
def key_of(text: str) -> str | None:
    """What a reference written as `text` matches on (the catalogue's target_key), or None if it does not read."""
    try:
        return target_key(parse(text))
    except (IdentifierError, ValueError, TypeError):
        return None


def _citation(change: Change, text: str) -> str | None:
    """DATED or UNDATED if `text` names the changed edition in a way the change affects, else None."""
    key = key_of(text)
    if key == change.edition:
        return Citation.DATED
    if change.undated_affected and key == change.undated:
        return Citation.UNDATED
    return None


def _in_force(change: Change, citation: str) -> int | None:
    return change.series_in_force_id if citation == Citation.UNDATED else change.in_force_id


def _label(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p)[:600]


# --- 1, 2: catalogue editions ------------------------------------------------------------------------------------
def _standards(citation: str) -> Callable[[Change, int, int, Owners], Batch]:
    def read(change: Change, after: int, size: int, owners: Owners) -> Batch:
        key = change.edition if citation == Citation.DATED else change.undated
        rows = list(StandardRelation.objects.filter(target_key=key, kind=RelationKind.REFERENCES, pk__gt=after)
                    .order_by("pk").values_list("pk", "source_id", "target_identifier")[:size])
        if not rows:
            return Batch([], after, True)
        skip = {change.standard_id, change.in_force_id, change.series_in_force_id}
        sources = {s["pk"]: s for s in Standard.objects.filter(
            pk__in={source for _pk, source, _target in rows if source not in skip}, status__in=rules.LIVE_STATUSES,
            tier__in=rules.FLAGGED_TIERS).values(*STANDARD_FIELDS)}
        owned = owners.of_standards(list(sources.values()))
        in_force = _in_force(change, citation)
        drafts = [Draft(Source.STANDARD, s["pk"], _label(s["identifier"], s["title_zh"] or s["title_en"]),
                        s["identifier"], citation, target, in_force, owned[s["pk"]])
                  for _pk, source, target in rows if (s := sources.get(source)) is not None]
        return Batch(drafts, rows[-1][0], len(rows) < size)

    return read


# --- 3: filings under review -------------------------------------------------------------------------------------
def _filings(change: Change, after: int, size: int, owners: Owners) -> Batch:
    from biaozhun.filing.models import Filing, FilingState

    pending = (FilingState.AWAITING_PROVINCE, FilingState.SUBMITTED, FilingState.RETURNED)
    rows = list(Filing.objects.filter(state__in=pending, pk__gt=after).order_by("pk")
                .values_list("pk", "identifier", "title_zh", "record", "replaces", "authority_id")[:size])
    drafts = []
    for pk, identifier, title, record, replaces, authority in rows:
        found = None
        for item in (record or {}).get("references") or []:
            text = item.get("identifier", "") if isinstance(item, dict) else str(item)
            citation = _citation(change, text)
            if citation is not None:
                found = (citation, text)
                break
        written = [replaces, *((record or {}).get("replaces") or [])]
        for item in written if found is None else ():
            text = item.get("identifier", "") if isinstance(item, dict) else str(item or "")
            if text and key_of(text) == change.edition:
                found = (Citation.REPLACES, text)
                break
        if found is not None:
            drafts.append(Draft(Source.FILING, pk, _label(identifier, title), str(pk), found[0], found[1],
                                _in_force(change, found[0]), authority))
    return Batch(drafts, rows[-1][0] if rows else after, len(rows) < size)


# --- 4, 5: declarations ------------------------------------------------------------------------------------------
def _declarations(change: Change, after: int, size: int, owners: Owners) -> Batch:
    from biaozhun.declarations.models import Declaration, DeclarationState

    rows = list(Declaration.objects.filter(standard_id=change.standard_id, state=DeclarationState.PUBLISHED,
                                           pk__gt=after).order_by("pk")
                .values_list("pk", "identifier", "title", "enterprise_id")[:size])
    drafts = [Draft(Source.DECLARATION, pk, _label(identifier, title), str(pk), Citation.EXECUTES, identifier,
                    change.in_force_id, enterprise) for pk, identifier, title, enterprise in rows]
    return Batch(drafts, rows[-1][0] if rows else after, len(rows) < size)


def _declaration_references(change: Change, after: int, size: int, owners: Owners) -> Batch:
    """Enterprise standards naming it as a reference: the numbers are as the enterprise wrote them, so the rows
    holding its sequence number are read (a scan of the published ones in id order) and each number parsed."""
    from biaozhun.declarations.models import Declaration, DeclarationState, StandardSource

    number = change.undated.rsplit(" ", 1)[-1]
    rows = list(Declaration.objects.annotate(references_text=Cast("reference_standards", TextField()))
                .filter(source=StandardSource.ENTERPRISE, state=DeclarationState.PUBLISHED, pk__gt=after,
                        references_text__contains=number).order_by("pk")
                .values_list("pk", "identifier", "title", "enterprise_id", "reference_standards")[:size])
    drafts = []
    for pk, identifier, title, enterprise, references in rows:
        for text in references or []:
            citation = _citation(change, str(text))
            if citation is not None:
                drafts.append(Draft(Source.DECLARATION, pk, _label(identifier, title), str(pk), citation, str(text),
                                    _in_force(change, citation), enterprise))
                break
    return Batch(drafts, rows[-1][0] if rows else after, len(rows) < size)


# --- 6, 7: development projects ----------------------------------------------------------------------------------
PROJECT_FIELDS = ("pk", "plan_number", "title_zh", "committee_id", "adopts")


def _project_drafts(change: Change, rows: list[tuple], classify: Callable[[Any], tuple[str, str, int | None] | None],
                    owners: Owners) -> list[Draft]:
    """`classify(value)` (the row's fifth value: what it adopts, or its references): (citation, cited as, edition in
    force) for a project that is affected, else None."""
    found = [(row, hit) for row in rows if (hit := classify(row[4])) is not None]
    secretariats = owners.of_committees(row[3] for row, _hit in found)
    return [Draft(Source.PROJECT, pk, _label(plan or f"#{pk}", title), str(pk), citation, cited_as, in_force,
                  secretariats.get(committee))
            for (pk, plan, title, committee, _adopts), (citation, cited_as, in_force) in found]


def _projects_revising(change: Change, after: int, size: int, owners: Owners) -> Batch:
    from biaozhun.development.models import Project

    rows = list(Project.objects.filter(revises=change.standard_id, stage__in=ACTIVE_STAGES, pk__gt=after)
                .order_by("pk").values_list(*PROJECT_FIELDS)[:size])
    drafts = _project_drafts(change, rows, lambda _adopts: (Citation.REVISES, change.identifier, change.in_force_id),
                             owners)
    return Batch(drafts, rows[-1][0] if rows else after, len(rows) < size)


def _projects_adopting(change: Change, after: int, size: int, owners: Owners) -> Batch:
    from biaozhun.development.models import Project

    def classify(adopts: str) -> tuple[str, str, int | None] | None:
        citation = _citation(change, adopts)
        return None if citation is None else (Citation.ADOPTS, adopts, _in_force(change, citation))

    number = change.undated.rsplit(" ", 1)[-1]
    rows = list(Project.objects.filter(stage__in=ACTIVE_STAGES, pk__gt=after, adopts__contains=number)
                .order_by("pk").values_list(*PROJECT_FIELDS)[:size])
    return Batch(_project_drafts(change, rows, classify, owners), rows[-1][0] if rows else after, len(rows) < size)


# --- 8: feedback -------------------------------------------------------------------------------------------------
def _projects_referencing(change: Change, after: int, size: int, owners: Owners) -> Batch:
    """Projects whose drafts cite it: the rows whose reference list holds its sequence number, each number read."""
    from biaozhun.development.models import Project

    number = change.undated.rsplit(" ", 1)[-1]
    rows = list(Project.objects.annotate(references_text=Cast("references", TextField()))
                .filter(stage__in=ACTIVE_STAGES, pk__gt=after, references_text__contains=number).order_by("pk")
                .values_list(*PROJECT_FIELDS, "references")[:size])

    def classify(references: list) -> tuple[str, str, int | None] | None:
        for text in references or []:
            citation = _citation(change, str(text))
            if citation is not None:
                return citation, str(text), _in_force(change, citation)
        return None

    drafts = _project_drafts(change, [(*row[:4], row[5]) for row in rows], classify, owners)
    return Batch(drafts, rows[-1][0] if rows else after, len(rows) < size)


def _feedback(change: Change, after: int, size: int, owners: Owners) -> Batch:
    from biaozhun.feedback.selectors.items import feedback_on_standard
    from biaozhun.rules.feedback import OPEN

    rows = list(feedback_on_standard(standard=change.standard_id).filter(state__in=OPEN, pk__gt=after)
                .order_by("pk").values_list("pk", "tracking_number", "assigned_to_id", "escalated_to_id",
                                            "committee_id")[:size])
    committees = owners.of_committees(row[4] for row in rows if row[4] and not (row[2] or row[3]))
    top = owners.national_administration()
    drafts = [Draft(Source.FEEDBACK, pk, number, number, Citation.ABOUT, change.identifier, change.in_force_id,
                    assigned or escalated or committees.get(committee) or top)
              for pk, number, assigned, escalated, committee in rows]
    return Batch(drafts, rows[-1][0] if rows else after, len(rows) < size)


def _always(change: Change) -> bool:
    return True


def _undated(change: Change) -> bool:
    return change.undated_affected


STEPS: tuple[Step, ...] = (
    Step("standards_dated", Source.STANDARD, _always, _standards(Citation.DATED)),
    Step("standards_undated", Source.STANDARD, _undated, _standards(Citation.UNDATED)),
    Step("filings", Source.FILING, _always, _filings),
    Step("declarations", Source.DECLARATION, _always, _declarations),
    Step("declaration_references", Source.DECLARATION, _always, _declaration_references),
    Step("projects_revising", Source.PROJECT, _always, _projects_revising),
    Step("projects_adopting", Source.PROJECT, _always, _projects_adopting),
    Step("feedback", Source.FEEDBACK, _always, _feedback),
    Step("projects_referencing", Source.PROJECT, _always, _projects_referencing),
)
