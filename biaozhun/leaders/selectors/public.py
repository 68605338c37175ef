"""Reads the public pages and the API share: key products by year with their schemes and public lists, one list
with its entries and decided objections, and the leader badge of declarations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from biaozhun.accounts import policy

from ..models import (
    EntryState,
    KeyProduct,
    LeaderEntry,
    LeaderList,
    ListState,
    Objection,
    ObjectionState,
    Scheme,
    SchemeIndicator,
)


def key_products(*, viewer: Any, year: int | None = None) -> QuerySet[KeyProduct]:
    """Key products (newest year first) with their schemes and the lists the viewer may see."""
    products = KeyProduct.objects.all()
    if year:
        products = products.filter(year=year)
    lists = policy.visible("leaders.lists", viewer).order_by("-id")
    return products.prefetch_related(Prefetch("lists", queryset=lists, to_attr="visible_lists"),
                                     Prefetch("schemes", queryset=Scheme.objects.order_by("-created_at", "-id")))


def years() -> list[int]:
    return list(KeyProduct.objects.order_by("-year").values_list("year", flat=True).distinct())


def key_product(*, pk: int) -> KeyProduct | None:
    return KeyProduct.objects.filter(pk=pk).prefetch_related(
        Prefetch("schemes", queryset=Scheme.objects.order_by("-created_at", "-id").prefetch_related(
            Prefetch("indicators", queryset=SchemeIndicator.objects.order_by("position"))))).first()


def scheme(*, pk: int) -> Scheme | None:
    return Scheme.objects.select_related("key_product").prefetch_related(
        Prefetch("indicators", queryset=SchemeIndicator.objects.order_by("position"))).filter(pk=pk).first()


def leader_list_for_viewer(*, viewer: Any, pk: int) -> LeaderList | None:
    """The list if the viewer may see it (else None, as if absent)."""
    return (policy.visible("leaders.lists", viewer).select_related("key_product", "run__scheme")
            .filter(pk=pk).first())


def entries(*, leader_list: LeaderList) -> list[LeaderEntry]:
    """Every entry (removed ones too, marked), by enterprise name: no order within the top tier."""
    return list(leader_list.entries.select_related("enterprise", "declaration").prefetch_related(
        Prefetch("objections", queryset=Objection.objects.exclude(state=ObjectionState.OPEN).order_by("at", "id"),
                 to_attr="decided")))


def listed_entries(*, leader_list: LeaderList) -> QuerySet[LeaderEntry]:
    return leader_list.entries.filter(state=EntryState.LISTED).select_related("enterprise", "declaration")


@dataclass(frozen=True, slots=True)
class Badge:
    """A declaration in a published leader list (企业标准领跑者)."""

    year: int
    product: str
    list_id: int

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse("leaders:list", args=[self.list_id])


def badges_for(declaration_ids: Iterable[int]) -> dict[int, Badge]:
    """Declaration id → its newest leader badge, for the declarations that have one (one query)."""
    ids = list(declaration_ids)
    if not ids:
        return {}
    rows = (LeaderEntry.objects.filter(declaration_id__in=ids, state=EntryState.LISTED,
                                       leader_list__state=ListState.PUBLISHED)
            .order_by("declaration_id", "-leader_list__year", "-leader_list_id")
            .values_list("declaration_id", "leader_list__year", "leader_list__key_product__name", "leader_list_id"))
    badges: dict[int, Badge] = {}
    for declaration, year, product, list_id in rows:
        badges.setdefault(declaration, Badge(year, product, list_id))
    return badges
