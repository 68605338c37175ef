"""factory-boy factories for enterprises' profiles, products, declarations and indicators.

They write rows directly (no services, no events, no checks): use them to set a scene — an inspection
campaign's population, a 领跑者 ranking's declared values — and call the services for the change under test.
``DeclarationFactory(indicators=[("能效", "ge", 3.5, None)])`` adds indicator rows (name, comparator, lower, upper).
"""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from biaozhun.catalog.models import Tier
from biaozhun.declarations.models import (
    Comparator,
    Declaration,
    DeclarationProduct,
    EnterpriseProfile,
    Indicator,
    IndicatorCategory,
    Product,
    StandardSource,
)
from tests.factories.accounts import OrganisationFactory


class EnterpriseProfileFactory(DjangoModelFactory):
    class Meta:
        model = EnterpriseProfile

    organisation = factory.SubFactory(OrganisationFactory)
    region_code = "320102"
    industry_class = "C38"
    address = factory.Sequence(lambda n: f"南京市玄武区测试路{n}号")


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    enterprise = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"家用电冰箱{n}")
    model = factory.Sequence(lambda n: f"BCD-{200 + n}")


class DeclarationFactory(DjangoModelFactory):
    """An enterprise standard (Q/…) declared for one product of the enterprise, with the enterprise's region."""

    class Meta:
        model = Declaration
        skip_postgeneration_save = True

    enterprise = factory.SubFactory(OrganisationFactory)
    region_code = factory.LazyAttribute(
        lambda d: getattr(getattr(d.enterprise, "enterprise_profile", None), "region_code", "") or "320102"
    )
    source = StandardSource.ENTERPRISE
    tier = Tier.ENTERPRISE
    identifier = factory.Sequence(lambda n: f"Q/CS {n:04d}-2025")
    undated = factory.LazyAttribute(lambda d: d.identifier.rsplit("-", 1)[0])
    title = factory.Sequence(lambda n: f"家用电冰箱企业标准{n}")

    @factory.post_generation
    def products(self, create: bool, extracted, **kwargs) -> None:
        if not create:
            return
        products = extracted if extracted is not None else [ProductFactory(enterprise=self.enterprise)]
        DeclarationProduct.objects.bulk_create(
            DeclarationProduct(declaration=self, product=product) for product in products
        )

    @factory.post_generation
    def indicators(self, create: bool, extracted, **kwargs) -> None:
        """[(name, comparator, lower, upper) or (name, comparator, lower, upper, unit, category)...]"""
        if not create or not extracted:
            return
        rows = []
        for position, row in enumerate(extracted, 1):
            name, comparator, lower, upper, *rest = row
            unit = rest[0] if rest else ""
            category = rest[1] if len(rest) > 1 else IndicatorCategory.PERFORMANCE
            rows.append(Indicator(
                declaration=self, position=position, name=name, unit=unit, comparator=Comparator(comparator),
                lower=None if lower is None else Decimal(str(lower)),
                upper=None if upper is None else Decimal(str(upper)), category=category,
            ))
        Indicator.objects.bulk_create(rows)
