"""Reads of the enterprise work pages and the write API (the public reads are in selectors/): an enterprise's
profile, products and declarations as its members see them, one declaration with its versions and events."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation, OrganisationKind

from .models import Declaration, DeclarationImport, DeclarationProduct, DeclarationState, EnterpriseProfile, Product
from .permissions import enterprises_of


def enterprise_for_work(*, viewer: Any, enterprise_id: int) -> Organisation | None:
    """The enterprise, if the viewer may see its work pages (None otherwise: 404 whether it exists or not)."""
    enterprise = Organisation.objects.filter(pk=enterprise_id, kind=OrganisationKind.ENTERPRISE).first()
    if enterprise is None or not policy.can(viewer, "declarations.view_enterprise", enterprise):
        return None
    return enterprise


def my_enterprises(*, viewer: Any) -> list[Organisation]:
    return sorted(enterprises_of(viewer), key=lambda o: (o.name, o.pk))


def profile_of(enterprise: Organisation) -> EnterpriseProfile | None:
    return EnterpriseProfile.objects.filter(organisation=enterprise).first()


def products_of(*, enterprise: Organisation) -> QuerySet[Product]:
    """The enterprise's products with how many published declarations cover each."""
    return (Product.objects.filter(enterprise=enterprise).order_by("name", "model", "id"))


def declared_counts(products: list[Product]) -> dict[int, int]:
    rows = (DeclarationProduct.objects.filter(product__in=[p.pk for p in products],
                                              declaration__state=DeclarationState.PUBLISHED)
            .values("product").annotate(n=Count("id")).values_list("product", "n"))
    return dict(rows)


def declarations_of(*, enterprise: Organisation, state: str = "") -> QuerySet[Declaration]:
    declarations = Declaration.objects.filter(enterprise=enterprise)
    if state:
        declarations = declarations.filter(state=state)
    return declarations.order_by("-updated_at", "-id")


def declaration_for_work(*, viewer: Any, pk: int) -> Declaration | None:
    """One declaration for its work page, if the viewer may work on it (None otherwise)."""
    declaration = Declaration.objects.select_related("enterprise", "standard").filter(pk=pk).first()
    if declaration is None or not policy.can(viewer, "declarations.work_on", declaration):
        return None
    return declaration


def products_by_declaration(declarations: list[Declaration]) -> dict[int, list[Product]]:
    found: dict[int, list[Product]] = {d.pk: [] for d in declarations}
    rows = (DeclarationProduct.objects.filter(declaration__in=[d.pk for d in declarations])
            .select_related("product").order_by("product__name", "product__model", "product_id"))
    for row in rows:
        found[row.declaration_id].append(row.product)
    return found


def history_of(declaration: Declaration) -> tuple[list, list]:
    """(versions newest first, events oldest first), each with its actor."""
    versions = list(declaration.versions.select_related("actor").order_by("-version"))
    events = list(declaration.events.select_related("actor").order_by("at", "id"))
    return versions, events


# --- Bulk declaration files -------------------------------------------------------------------------------------------
def imports_of(*, enterprise: Organisation, limit: int = 20) -> list[DeclarationImport]:
    """The enterprise's latest bulk files, newest first."""
    return list(DeclarationImport.objects.filter(enterprise=enterprise).select_related("started_by")
                .order_by("-started_at", "-id")[:limit])


def import_for_work(*, viewer: Any, pk: int) -> DeclarationImport | None:
    """A bulk file's job, if the viewer may import for its enterprise (None otherwise: 404 whether it exists or
    not). Jobs of the command (no enterprise) are not shown on the pages."""
    job = DeclarationImport.objects.select_related("enterprise", "started_by").filter(pk=pk).first()
    if job is None or job.enterprise is None or not policy.can(viewer, "declarations.import", job.enterprise):
        return None
    return job
