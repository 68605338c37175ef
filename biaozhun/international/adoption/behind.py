"""Adoptions behind a newer ISO/IEC edition, computed by one query each time (decision 0035): an adoption of an
edition is behind when a newer edition of the same document (same undated number, ISO 9001) was published after
both the adopted edition and the Chinese standard (rules/adoption.is_behind says the same in pure form).

Nothing is stored, so nothing goes stale: a new ISO/IEC edition makes every adoption of the older ones behind at
its next read. The query walks the resolved adoptions (partial index catalog_rel_adopts) and looks up newer
editions by the indexed `undated` column."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, OuterRef, QuerySet, Subquery

from biaozhun.catalog.models import RelationKind, Standard, StandardRelation, Status, Tier


def _newer(field: str):
    newer = (Standard.objects.filter(tier=Tier.INTERNATIONAL, undated=OuterRef("target__undated"),
                                     published_on__gt=OuterRef("target__published_on"))
             .filter(published_on__gt=OuterRef("source__published_on")).order_by("-published_on", "-id"))
    return Subquery(newer.values(field)[:1])


def with_newer(relations: QuerySet) -> QuerySet:
    """Annotate adoptions with the newest later edition (`newer_identifier`, `newer_published_on`), or None."""
    return relations.annotate(newer_identifier=_newer("identifier"), newer_published_on=_newer("published_on"))


def adoptions() -> QuerySet:
    return StandardRelation.objects.filter(kind=RelationKind.ADOPTS, target__isnull=False,
                                           source__withdrawn_at__isnull=True)


def behind(*, in_force_only: bool = True, target_ids: Iterable[int] | None = None, committee: str = "",
           degrees: Iterable[str] | None = None) -> QuerySet:
    """Adoptions behind, newest ISO/IEC edition first. `target_ids`: only of these ISO/IEC editions (a field's);
    `committee`: only Chinese standards of this committee (SAC/TC 151, with its subcommittees)."""
    relations = adoptions()
    if in_force_only:
        relations = relations.filter(source__status=Status.CURRENT)
    if target_ids is not None:
        relations = relations.filter(target_id__in=list(target_ids))
    if committee:
        relations = relations.filter(source__tc_code__in=_committee_codes(committee))
    if degrees is not None:
        relations = relations.filter(degree__in=sorted(degrees))
    return (with_newer(relations).filter(newer_identifier__isnull=False).select_related("source", "target")
            .order_by(F("newer_published_on").desc(), "source__sort_key"))


def _committee_codes(committee: str) -> list[str]:
    from biaozhun.committees.models import Committee

    codes = list(Committee.objects.filter(code__startswith=committee + "/").values_list("code", flat=True))
    return [committee, *codes]
