"""The declaration tables keep their invariants: history rows never change, indicators keep their order."""

import pytest

from biaozhun.core.models import AppendOnlyError
from biaozhun.declarations.models import DeclarationEvent, DeclarationEventKind, DeclarationVersion
from tests.factories.declarations import DeclarationFactory, EnterpriseProfileFactory

pytestmark = pytest.mark.django_db


def test_a_declaration_carries_its_products_and_indicator_table_in_order():
    profile = EnterpriseProfileFactory(region_code="330106")
    declaration = DeclarationFactory(enterprise=profile.organisation, indicators=[
        ("能效指数", "le", None, "0.45"), ("噪声", "le", None, "38", "dB(A)"), ("冷冻能力", "ge", "4.5", None, "kg/24h"),
    ])
    assert declaration.region_code == "330106"
    assert declaration.products.count() == 1
    assert list(declaration.indicators.values_list("position", "name")) == [(1, "能效指数"), (2, "噪声"), (3, "冷冻能力")]


def test_versions_and_events_of_a_declaration_are_append_only():
    declaration = DeclarationFactory()
    version = DeclarationVersion.objects.create(declaration=declaration, version=1, content={"identifier": "x"})
    event = DeclarationEvent.objects.create(declaration=declaration, kind=DeclarationEventKind.DECLARED)
    for row in (version, event):
        with pytest.raises(AppendOnlyError):
            row.save()
        with pytest.raises(AppendOnlyError):
            row.delete()
    with pytest.raises(AppendOnlyError):
        DeclarationVersion.objects.filter(pk=version.pk).update(version=2)
