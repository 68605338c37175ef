"""The stored link (an abstract model each app subclasses with its own foreign key) and what a reader sees of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts import policy

from .kinds import EvidenceKind
from .resolve import url_for

# Kinds whose every record is public (the catalogue, projects, committees); the others are asked of the policy.
_PUBLIC = {EvidenceKind.STANDARD, EvidenceKind.PROJECT, EvidenceKind.COMMITTEE}
_VIEW = {EvidenceKind.FILING: "filing.view", EvidenceKind.CAMPAIGN: "inspections.view"}


class EvidenceLink(models.Model):
    """One piece of evidence: the kind, the key of the thing (number, code or id) and its label when linked."""

    kind = models.CharField(_("材料类型"), max_length=20, choices=EvidenceKind.choices)
    key = models.CharField(_("编号"), max_length=120)
    label = models.CharField(_("名称"), max_length=300)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("关联时间"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("关联人"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label}"

    @property
    def url(self) -> str:
        return url_for(self.kind, self.key)


@dataclass(frozen=True)
class Shown:
    link: EvidenceLink
    visible: bool  # False: the reader sees that a piece of evidence exists, not what it is

    @property
    def label(self) -> str:
        return self.link.label if self.visible else str(_("一项暂不公开的材料"))

    @property
    def url(self) -> str:
        return self.link.url if self.visible else ""


def _objects(kind: EvidenceKind, keys: set[str]) -> dict[str, Any]:
    from biaozhun.filing.models import Filing
    from biaozhun.inspections.models import Campaign

    model = {EvidenceKind.FILING: Filing, EvidenceKind.CAMPAIGN: Campaign}[kind]
    ids = [int(key) for key in keys if key.isdigit()]
    return {str(obj.pk): obj for obj in model.objects.filter(pk__in=ids)}


def visible_links(links: Iterable[EvidenceLink], *, viewer: Any) -> list[Shown]:
    """The links in order, each marked visible when the reader may see what it points at (one query per
    non-public kind)."""
    links = list(links)
    found: dict[EvidenceKind, dict[str, Any]] = {}
    for kind in _VIEW:
        keys = {link.key for link in links if link.kind == kind}
        if keys:
            found[kind] = _objects(kind, keys)
    shown = []
    for link in links:
        kind = EvidenceKind(link.kind)
        if kind in _PUBLIC:
            shown.append(Shown(link, True))
            continue
        obj = found.get(kind, {}).get(link.key)
        shown.append(Shown(link, obj is not None and policy.can(viewer, _VIEW[kind], obj)))
    return shown
