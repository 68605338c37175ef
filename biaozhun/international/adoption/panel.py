"""The adoption block of a standard's page (portal/standard_detail.html includes
international/adoption/_standard_panel.html with this context), both ways:

* a Chinese standard: the ISO/IEC editions it adopts, with the degree, whether it adopts a dated edition or the
  series, and a newer edition it is behind;
* an ISO/IEC edition: the Chinese standards adopting it (with the degree; those behind marked with the newer
  edition), the newest edition of its document when this one is not, and the Chinese standards still adopting
  an older edition of it (behind)."""

from __future__ import annotations

from dataclasses import dataclass, field

from biaozhun.catalog.models import RelationKind, Standard, StandardRelation, Tier

from . import behind

LIMIT = 50


@dataclass
class Panel:
    adopts: list = field(default_factory=list)
    adopted_by: list = field(default_factory=list)
    newest: Standard | None = None
    older_adopters: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.adopts or self.adopted_by or self.older_adopters)


def _series(relation: StandardRelation) -> bool:
    """An adoption of the series (an undated number): the catalogue links it to the newest edition."""
    return relation.target is not None and relation.target_key != relation.target.edition


def standard_panel(standard: Standard) -> Panel:
    if standard.tier == Tier.INTERNATIONAL:
        return _international(standard)
    adopts = list(behind.with_newer(standard.relations_out.filter(kind=RelationKind.ADOPTS))
                  .select_related("target").order_by("target_identifier"))
    for relation in adopts:
        relation.series = _series(relation)
    return Panel(adopts=adopts)


def _international(standard: Standard) -> Panel:
    adopted_by = list(behind.with_newer(standard.relations_in.filter(kind=RelationKind.ADOPTS,
                                                                     source__withdrawn_at__isnull=True))
                      .select_related("source", "target").order_by("source__sort_key")[:LIMIT])
    for relation in adopted_by:
        relation.series = _series(relation)
    newest = None
    if standard.published_on is not None:
        newest = (Standard.objects.filter(tier=Tier.INTERNATIONAL, undated=standard.undated,
                                          published_on__gt=standard.published_on)
                  .order_by("-published_on", "-id").only("identifier", "published_on", "status").first())
    older = (behind.adoptions().filter(target__undated=standard.undated, target__tier=Tier.INTERNATIONAL)
             .exclude(target=standard))
    if standard.published_on is not None:
        older = older.filter(target__published_on__lt=standard.published_on)
    older_adopters = [r for r in behind.with_newer(older).filter(newer_identifier__isnull=False)
                      .select_related("source", "target").order_by("source__sort_key")[:LIMIT]]
    return Panel(adopted_by=adopted_by, newest=newest, older_adopters=older_adopters)
