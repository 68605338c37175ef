"""The public pages' reads: an enterprise (profile, declarations, withdrawn history, products), a declaration
(standard, products, indicators by category, warnings, versions), one version as it was published, a product and
the standards it executes. Everything here is public: published declarations, and the history of withdrawn ones
(a declaration revised or withdrawn is never lost); a withdrawn declaration's text is not (policy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.reference.models import RegionCode

from ..check_text import Finding, public_findings
from ..models import (
    Declaration,
    DeclarationEvent,
    DeclarationEventKind,
    DeclarationProduct,
    DeclarationState,
    DeclarationVersion,
    EnterpriseProfile,
    Indicator,
    IndicatorCategory,
    Product,
)
from .search import with_rows

LIST_LIMIT = 200  # declarations or products an enterprise's page lists at once (the search pages the rest)


@dataclass(frozen=True)
class Region:
    code: str
    province: str
    city: str

    @property
    def label(self) -> str:
        parts = [self.province, self.city if self.city != self.province else ""]
        county = self.code if len(self.code) == 6 and not self.code.endswith("00") else ""
        return " ".join(p for p in (*parts, county) if p)


def region(code: str) -> Region:
    names = dict(RegionCode.objects.filter(code__in=[code[:2], code[:4]]).values_list("code", "name_zh"))
    return Region(code=code, province=names.get(code[:2], ""), city=names.get(code[:4], ""))


def enterprise_for_public(pk: int) -> Organisation | None:
    """An enterprise with a public profile, or None."""
    return (Organisation.objects.filter(pk=pk, kind=OrganisationKind.ENTERPRISE, enterprise_profile__isnull=False)
            .select_related("enterprise_profile").first())


@dataclass
class EnterprisePage:
    enterprise: Organisation
    profile: EnterpriseProfile
    region: Region
    published: list[Declaration]
    published_count: int
    withdrawn: list[Declaration]
    products: list[Product]
    product_count: int


def enterprise_page(enterprise: Organisation) -> EnterprisePage:
    declarations = Declaration.objects.filter(enterprise=enterprise)
    published_ids = list(declarations.filter(state=DeclarationState.PUBLISHED).order_by("-id")
                         .values_list("id", flat=True)[: LIST_LIMIT + 1])
    withdrawn_ids = list(declarations.filter(state__in=[DeclarationState.WITHDRAWN, DeclarationState.ABOLISHED])
                         .order_by("-id").values_list("id", flat=True)[:LIST_LIMIT])
    rows = {d.pk: d for d in with_rows(published_ids[:LIST_LIMIT] + withdrawn_ids)}
    products = Product.objects.filter(enterprise=enterprise).order_by("name", "model", "id")
    profile = enterprise.enterprise_profile
    return EnterprisePage(
        enterprise=enterprise, profile=profile, region=region(profile.region_code),
        published=[rows[pk] for pk in published_ids[:LIST_LIMIT] if pk in rows],
        published_count=(len(published_ids) if len(published_ids) <= LIST_LIMIT
                         else declarations.filter(state=DeclarationState.PUBLISHED).count()),
        withdrawn=[rows[pk] for pk in withdrawn_ids if pk in rows],
        products=list(products[:LIST_LIMIT]), product_count=products.count(),
    )


def declaration_for_public(pk: int) -> Declaration | None:
    """Any declaration, published or withdrawn (its page says which), with its enterprise and catalogue standard."""
    return (Declaration.objects.filter(pk=pk, enterprise__kind=OrganisationKind.ENTERPRISE)
            .select_related("enterprise", "enterprise__enterprise_profile", "standard").first())


@dataclass
class DeclarationPage:
    declaration: Declaration
    region: Region
    products: list[Product]
    # Function and performance indicators first, then safety, health and environment ones, each listed apart.
    indicator_groups: list[tuple[str, str, list[Indicator]]]
    findings: list[Finding]
    versions: list[DeclarationVersion]
    has_text: bool = field(default=False)
    # An abolished declaration's abolition (law art. 39): the event with its notice, authority and reason.
    abolition: DeclarationEvent | None = None


def declaration_page(declaration: Declaration) -> DeclarationPage:
    products = [link.product for link in DeclarationProduct.objects.filter(declaration=declaration)
                .select_related("product").order_by("product__name", "product_id")]
    by_category: dict[str, list[Indicator]] = {}
    for indicator in declaration.indicators.order_by("position"):
        by_category.setdefault(indicator.category, []).append(indicator)
    groups = [(category.value, category.label, by_category[category.value]) for category in IndicatorCategory
              if category.value in by_category]
    versions = list(declaration.versions.order_by("-version").only("id", "declaration_id", "version", "at"))
    return DeclarationPage(
        declaration=declaration, region=region(declaration.region_code), products=products,
        indicator_groups=groups, findings=public_findings(declaration.checks), versions=versions,
        has_text=bool(declaration.fulltext) and declaration.state == DeclarationState.PUBLISHED,
        abolition=abolition_of(declaration),
    )


def abolition_of(declaration: Declaration) -> DeclarationEvent | None:
    """The abolition event of an abolished declaration (its notice, authority, date and reason), else None."""
    if declaration.state != DeclarationState.ABOLISHED:
        return None
    return declaration.events.filter(kind=DeclarationEventKind.ABOLISHED).order_by("-at", "-id").first()


def version_for_public(declaration: Declaration, number: int) -> DeclarationVersion | None:
    return declaration.versions.filter(version=number).first()


@dataclass
class VersionView:
    """A stored version's content (DeclarationVersion.content, written by the declaration services) as a page
    shows it. Keys read: identifier, title, products [{name, model}], indicators [{name, unit, comparator, lower,
    upper, text, test_method, category}], checks; other keys are listed as they are."""

    identifier: str
    title: str
    products: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    findings: list[Finding]
    other: list[tuple[str, str]]


KNOWN_KEYS = {"identifier", "title", "products", "indicators", "checks"}


def version_view(version: DeclarationVersion) -> VersionView:
    content = version.content if isinstance(version.content, dict) else {}
    products = [p for p in content.get("products") or () if isinstance(p, dict)]
    indicators = [i for i in content.get("indicators") or () if isinstance(i, dict)]
    categories = dict(IndicatorCategory.choices)
    for indicator in indicators:
        indicator["category_label"] = categories.get(indicator.get("category", ""), indicator.get("category", ""))
    return VersionView(
        identifier=str(content.get("identifier", "")), title=str(content.get("title", "")), products=products,
        indicators=indicators, findings=public_findings(content.get("checks") or []),
        other=[(key, str(value)) for key, value in sorted(content.items()) if key not in KNOWN_KEYS],
    )


def product_for_public(pk: int) -> Product | None:
    return (Product.objects.filter(pk=pk, enterprise__kind=OrganisationKind.ENTERPRISE)
            .select_related("enterprise").first())


def product_declarations(product: Product) -> list[Declaration]:
    """The published declarations listing the product: the standards it executes, newest first."""
    ids = list(DeclarationProduct.objects.filter(product=product, declaration__state=DeclarationState.PUBLISHED)
               .order_by("-declaration_id").values_list("declaration_id", flat=True)[:LIST_LIMIT])
    return with_rows(ids)
