"""Reads of the 对标达标 page: the person's enterprises' published declarations, and the schemes that state
requirements."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from biaozhun.accounts.models import OrganisationKind
from biaozhun.declarations.models import Declaration, DeclarationState, Indicator

from ..models import Scheme, SchemeIndicator

MAX_CHOICES = 500


def _enterprises(viewer: Any) -> list[int]:
    return [m.organisation_id for m in viewer.memberships_of_kind(OrganisationKind.ENTERPRISE)]


def own_declarations(*, viewer: Any) -> list[Declaration]:
    return list(Declaration.objects.filter(enterprise__in=_enterprises(viewer), state=DeclarationState.PUBLISHED)
                .order_by("-declared_at", "-id").only("pk", "identifier", "title")[:MAX_CHOICES])


def own_declaration(*, viewer: Any, pk: int) -> Declaration | None:
    """One of the viewer's enterprises' declarations with its indicator rows (else None)."""
    return (Declaration.objects.filter(pk=pk, enterprise__in=_enterprises(viewer)).select_related("enterprise")
            .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("position"))).first())


def schemes_with_requirements() -> list[Scheme]:
    return list(Scheme.objects.filter(indicators__requirement__isnull=False).distinct()
                .select_related("key_product").order_by("-key_product__year", "key_product__name", "-id"))


def scheme(*, pk: int) -> Scheme:
    return Scheme.objects.select_related("key_product").prefetch_related(
        Prefetch("indicators", queryset=SchemeIndicator.objects.order_by("position"))).get(pk=pk)
