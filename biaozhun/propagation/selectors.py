"""Flags and changes as their readers see them: an owner's list (filters, counts per state, pages of 50), one
flag, the changes for the national administration, and how many documents cite a standard now."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.catalog.models import RelationKind, Standard, StandardRelation
from biaozhun.feedback.handlers import organisations_of
from biaozhun.rules import propagation as rules
from biaozhun.rules.stages import ACTIVE_STAGES

from .models import Change, ChangeKind, Flag, FlagState, Source

PER_PAGE = 50
STATES = (FlagState.OPEN, FlagState.RESOLVED)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class Filters:
    """What the list is narrowed to (from the query string; unknown values are ignored)."""

    state: str = FlagState.OPEN
    owner: int | None = None
    change: int | None = None
    kind: str = ""  # ChangeKind
    source: str = ""  # Source
    q: str = ""  # the changed edition's number or the citing thing's, in part

    @classmethod
    def of(cls, params: Any) -> Filters:
        state = params.get("state", FlagState.OPEN)
        kind, source = params.get("kind", ""), params.get("source", "")
        return cls(state=state if state in FlagState.values else FlagState.OPEN, owner=_int(params.get("owner")),
                   change=_int(params.get("change")), kind=kind if kind in ChangeKind.values else "",
                   source=source if source in Source.values else "", q=" ".join(str(params.get("q", "")).split())[:60])


@dataclass
class FlagList:
    organisations: list[Organisation]  # whose flags the viewer works on (empty for the national administration)
    filters: Filters
    counts: dict[str, int]
    page: Page
    oversees: bool
    owner: Organisation | None = None
    change: Change | None = None
    @property
    def shows_owner(self) -> bool:
        """An owner column: for the national administration, and for those acting for several organisations."""
        return self.oversees or len(self.organisations) > 1

    kinds: list[tuple[str, str]] = field(default_factory=lambda: list(ChangeKind.choices))
    sources: list[tuple[str, str]] = field(default_factory=lambda: list(Source.choices))


def _narrowed(flags: QuerySet[Flag], filters: Filters) -> QuerySet[Flag]:
    if filters.owner is not None:
        flags = flags.filter(owner_id=filters.owner)
    if filters.change is not None:
        flags = flags.filter(change_id=filters.change)
    if filters.kind:
        flags = flags.filter(change__kind=filters.kind)
    if filters.source:
        flags = flags.filter(source=filters.source)
    if filters.q:
        flags = flags.filter(Q(change__identifier__icontains=filters.q) | Q(label__icontains=filters.q))
    return flags


def visible_flags(*, viewer: Any, filters: Filters) -> QuerySet[Flag]:
    """The flags the viewer may see, narrowed by `filters` (all states); an owner the viewer does not act for is
    ignored, unless the viewer oversees every flag."""
    if filters.owner is not None and not policy.can(viewer, "propagation.oversee") and \
            filters.owner not in {o.pk for o in organisations_of(viewer)}:
        filters.owner = None
    return _narrowed(policy.visible("propagation.flags", viewer), filters)


def flag_list(*, viewer: Any, params: Any) -> FlagList:
    """The flags the viewer may see, narrowed by `params`, with the count in each state."""
    filters = Filters.of(params)
    oversees = policy.can(viewer, "propagation.oversee")
    organisations = [] if oversees else organisations_of(viewer)
    flags = visible_flags(viewer=viewer, filters=filters)
    counts = {state: 0 for state in STATES}
    counts.update(dict(flags.values_list("state").annotate(n=Count("pk")).order_by()))
    ids = flags.filter(state=filters.state).order_by("-pk").values_list("pk", flat=True)
    page = Paginator(ids, PER_PAGE).get_page(params.get("page"))
    rows = (Flag.objects.filter(pk__in=list(page.object_list))
            .select_related("change", "in_force", "owner", "resolved_by").in_bulk())
    page.object_list = [rows[pk] for pk in page.object_list]
    owner = next((o for o in organisations if o.pk == filters.owner), None)
    if owner is None and filters.owner is not None:
        owner = Organisation.objects.filter(pk=filters.owner).first()
    change = Change.objects.filter(pk=filters.change).first() if filters.change is not None else None
    return FlagList(organisations=organisations, filters=filters, counts=counts, page=page, oversees=oversees,
                    owner=owner, change=change)


def shows_owner(viewer: Any) -> bool:
    return policy.can(viewer, "propagation.oversee") or len(organisations_of(viewer)) > 1


def flag_for_viewer(*, viewer: Any, pk: int) -> Flag | None:
    """The flag if the viewer may see it; None for absent and hidden alike."""
    flag = Flag.objects.select_related("change", "in_force", "owner", "resolved_by").filter(pk=pk).first()
    if flag is None or not policy.can(viewer, "propagation.view", flag):
        return None
    return flag


def changes() -> QuerySet[Change]:
    return Change.objects.select_related("standard", "in_force", "partly_by").order_by("-pk")


def change_owners(change: Change) -> list[dict[str, Any]]:
    """Per owner: its name and its flags, open and resolved (most flags first)."""
    rows = (Flag.objects.filter(change=change).values("owner_id", "owner__name")
            .annotate(total=Count("pk"), open=Count("pk", filter=Q(state=FlagState.OPEN)))
            .order_by("-total", "owner__name"))
    return list(rows)


# --- How many documents cite a standard now --------------------------------------------------------------------
def citations_of(standard: Standard) -> dict[str, int]:
    """What cites this edition now and would be flagged by a change to it: per source, and "undated" (references
    to its number without year, counted when it is its series' newest edition)."""
    from biaozhun.declarations.models import Declaration, DeclarationState
    from biaozhun.development.models import Project
    from biaozhun.feedback.selectors.items import counts_for_standards

    live = {"kind": RelationKind.REFERENCES, "source__status__in": rules.LIVE_STATUSES,
            "source__tier__in": rules.FLAGGED_TIERS}
    series = [rules.Edition.of(year, pk) for year, pk in
              Standard.objects.filter(undated=standard.undated).exclude(pk=standard.pk).values_list("year", "pk")]
    newest = rules.undated_affected(rules.Edition.of(standard.year, standard.pk), series)
    counts = {
        "dated": StandardRelation.objects.filter(target_key=standard.edition, **live).count(),
        "undated": StandardRelation.objects.filter(target_key=standard.undated, **live).count() if newest else 0,
        Source.DECLARATION: Declaration.objects.filter(standard=standard, state=DeclarationState.PUBLISHED).count(),
        Source.PROJECT: Project.objects.filter(revises=standard, stage__in=ACTIVE_STAGES).count(),
        Source.FEEDBACK: counts_for_standards(standard_ids=[standard.pk]).get(standard.pk, {}).get("open", 0),
    }
    counts["total"] = sum(counts.values())
    return counts


def changes_of(standard: Standard) -> QuerySet[Change]:
    return Change.objects.filter(standard=standard).select_related("in_force", "partly_by").order_by("-pk")
