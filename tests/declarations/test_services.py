"""The write services: declaring, revising and withdrawing keep every version and event; refusals write nothing."""

import pytest

from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.declarations.models import (
    Declaration,
    DeclarationEvent,
    DeclarationEventKind,
    DeclarationState,
    DeclarationVersion,
    EnterpriseEvent,
    EnterpriseProfile,
    Indicator,
    Product,
    StandardSource,
)
from biaozhun.declarations.services import (
    DeclarationInput,
    ProductInput,
    ProfileInput,
    add_product,
    declare_standard,
    edit_product,
    revise_declaration,
    set_enterprise_profile,
    withdraw_declaration,
)
from tests.factories.accounts import OrganisationFactory
from tests.factories.files import real_pdf

pytestmark = pytest.mark.django_db
SULFUR = {"name": "硫含量", "unit": "mg/kg", "comparator": "le", "upper": "50", "category": "environment"}


def _counts():
    return (Declaration.objects.count(), DeclarationVersion.objects.count(), DeclarationEvent.objects.count(),
            Indicator.objects.count(), EnterpriseEvent.objects.count(), Product.objects.count())


def q_input(product, **fields) -> DeclarationInput:
    return DeclarationInput(**{"source": StandardSource.ENTERPRISE, "identifier": "Q/CSQY 001-2025",
                               "title": "车用柴油", "products": [product.pk], "indicators": [SULFUR], **fields})


def test_declaring_a_catalogue_standard_stores_it_with_its_first_version_and_event(
        enterprise_user, enterprise_profile, product, diesel_standards):
    declaration = declare_standard(actor=enterprise_user, enterprise=enterprise_profile.organisation,
                                   data=DeclarationInput(source="catalogue", identifier="GB 19147-2013",
                                                         products=[product.pk]))
    assert declaration.standard == diesel_standards["old"]
    assert declaration.region_code == "320102" and declaration.tier == "national"
    assert declaration.flagged is True
    assert [c["params"]["current"] for c in declaration.checks] == ["GB 19147-2016"]
    assert list(declaration.versions.values_list("version", flat=True)) == [1]
    assert list(declaration.events.values_list("kind", "actor")) == [(DeclarationEventKind.DECLARED, enterprise_user.pk)]


def test_declaring_an_enterprise_standard_with_a_weak_indicator_stores_the_table_and_flags_it(
        enterprise_user, enterprise_profile, product):
    declaration = declare_standard(actor=enterprise_user, enterprise=enterprise_profile.organisation,
                                   data=q_input(product, text=real_pdf()))
    assert declaration.fulltext_sha256 and declaration.fulltext.name
    assert [c["code"] for c in declaration.checks] == ["below_mandatory"]
    indicator = declaration.indicators.get()
    assert (indicator.name, indicator.upper, indicator.category) == ("硫含量", 50, "environment")
    assert declaration.versions.get().content["indicators"][0]["upper"] == "50"


def test_an_unknown_standard_is_refused_naming_it_and_nothing_is_written(
        enterprise_user, enterprise_profile, product, diesel_standards):
    before = _counts()
    with pytest.raises(ValidationFailed) as refused:
        declare_standard(actor=enterprise_user, enterprise=enterprise_profile.organisation,
                         data=DeclarationInput(source="catalogue", identifier="GB 19147-2009", products=[product.pk]))
    assert refused.value.errors[0]["field"] == "identifier"
    assert "GB 19147-2009" in refused.value.errors[0]["message"]
    assert _counts() == before


def test_someone_outside_the_enterprise_is_refused_and_nothing_is_written(
        registered_user, bureau_user, enterprise_profile, product):
    before = _counts()
    for user in (registered_user, bureau_user):
        with pytest.raises(PermissionDeniedError):
            declare_standard(actor=user, enterprise=enterprise_profile.organisation, data=q_input(product))
        with pytest.raises(PermissionDeniedError):
            add_product(actor=user, enterprise=enterprise_profile.organisation, data=ProductInput(name="汽油"))
        with pytest.raises(PermissionDeniedError):
            set_enterprise_profile(actor=user, enterprise=enterprise_profile.organisation,
                                   data=ProfileInput(region_code="320104"))
    assert _counts() == before


def test_a_not_a_pdf_text_is_refused_on_its_field(enterprise_user, enterprise_profile, product):
    before = _counts()
    with pytest.raises(ValidationFailed) as refused:
        declare_standard(actor=enterprise_user, enterprise=enterprise_profile.organisation,
                         data=q_input(product, indicators=[], text=b"hello"))
    assert [e["field"] for e in refused.value.errors] == ["fulltext"]
    assert _counts() == before


def test_the_same_standard_is_not_declared_twice(enterprise_user, declaration, product):
    with pytest.raises(ValidationFailed, match="声明未能保存") as refused:
        declare_standard(actor=enterprise_user, enterprise=declaration.enterprise, data=DeclarationInput(
            source="catalogue", identifier="GB 19147-2016", products=[product.pk]))
    assert "请修改该声明" in refused.value.errors[0]["message"]


def test_revising_keeps_every_version_whole_and_appends_an_event(enterprise_user, enterprise_profile, product):
    enterprise = enterprise_profile.organisation
    declaration = declare_standard(actor=enterprise_user, enterprise=enterprise, data=q_input(product))
    other = Product.objects.create(enterprise=enterprise, name="车用柴油", model="-10号")
    revised = revise_declaration(actor=enterprise_user, declaration=declaration, expected_version=1,
                                 reason="硫含量改为 10", data=q_input(product, products=[product.pk, other.pk],
                                                                   indicators=[{**SULFUR, "upper": "10"}]))
    assert revised.version == 2 and revised.flagged is False and revised.checks == []
    contents = [v.content for v in revised.versions.order_by("version")]
    assert [c["indicators"][0]["upper"] for c in contents] == ["50", "10"]
    assert [len(c["products"]) for c in contents] == [1, 2]
    event = revised.events.get(kind=DeclarationEventKind.REVISED)
    assert event.reason == "硫含量改为 10" and set(event.data["changed"]) == {"indicators", "products"}


def test_a_revision_of_a_stale_version_is_refused_and_writes_nothing(enterprise_user, declaration, product):
    before = _counts()
    with pytest.raises(ValidationFailed):
        revise_declaration(actor=enterprise_user, declaration=declaration, expected_version=7,
                           data=DeclarationInput(source="catalogue", identifier="GB 19147-2016",
                                                 products=[product.pk]))
    assert _counts() == before


def test_withdrawing_keeps_the_declaration_and_its_history(enterprise_user, declaration):
    withdrawn = withdraw_declaration(actor=enterprise_user, declaration=declaration, reason="停产")
    assert withdrawn.state == DeclarationState.WITHDRAWN and withdrawn.withdrawn_at
    assert Declaration.objects.filter(pk=declaration.pk).exists()
    assert list(withdrawn.events.values_list("kind", flat=True)) == ["declared", "withdrawn"]
    with pytest.raises(InvalidTransition):
        withdraw_declaration(actor=enterprise_user, declaration=withdrawn)
    with pytest.raises(InvalidTransition):
        revise_declaration(actor=enterprise_user, declaration=withdrawn, expected_version=1,
                           data=DeclarationInput(source="catalogue", identifier="GB 19147-2016"))


@pytest.mark.parametrize("code", ["320102", "110105", "120221", "419001", "320000"])
def test_a_county_code_under_a_known_city_or_province_is_accepted(enterprise_user, enterprise, code):
    profile = set_enterprise_profile(actor=enterprise_user, enterprise=enterprise, data=ProfileInput(region_code=code))
    assert profile.region_code == code
    assert EnterpriseEvent.objects.filter(enterprise=enterprise, kind="profile_set").count() == 1


@pytest.mark.parametrize("code", ["3201", "990102", "329902", "32010x", "110305"])
def test_a_county_code_that_is_not_under_a_known_city_is_refused(enterprise_user, enterprise, code):
    with pytest.raises(ValidationFailed) as refused:
        set_enterprise_profile(actor=enterprise_user, enterprise=enterprise, data=ProfileInput(region_code=code))
    assert refused.value.errors[0]["field"] == "region_code"
    assert not EnterpriseProfile.objects.filter(organisation=enterprise).exists()


def test_a_region_change_follows_onto_the_declarations(enterprise_user, declaration):
    set_enterprise_profile(actor=enterprise_user, enterprise=declaration.enterprise,
                           data=ProfileInput(region_code="320205", standard_code="CSQY"))
    declaration.refresh_from_db()
    assert declaration.region_code == "320205"


def test_the_enterprise_standard_code_is_its_own(enterprise_user, enterprise, enterprise_profile):
    other = EnterpriseProfile.objects.create(organisation=OrganisationFactory(), region_code="320102",
                                             standard_code="TAKEN")
    with pytest.raises(ValidationFailed) as refused:
        set_enterprise_profile(actor=enterprise_user, enterprise=enterprise,
                               data=ProfileInput(region_code="320102", standard_code="taken"))
    assert refused.value.errors[0]["field"] == "standard_code"
    assert other.standard_code == "TAKEN"


def test_products_are_added_and_edited_with_their_events(enterprise_user, enterprise):
    product = add_product(actor=enterprise_user, enterprise=enterprise, data=ProductInput(name=" 车用 汽油 ", model="92号"))
    assert product.name == "车用 汽油"
    with pytest.raises(ValidationFailed):
        add_product(actor=enterprise_user, enterprise=enterprise, data=ProductInput(name="车用 汽油", model="92号"))
    edit_product(actor=enterprise_user, product=product, data=ProductInput(name="车用汽油", model="92号", code="C2511"))
    kinds = list(EnterpriseEvent.objects.filter(enterprise=enterprise).values_list("kind", flat=True))
    assert kinds == ["product_added", "product_changed"]
