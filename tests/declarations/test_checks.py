"""Each automatic check with cases that must fire and cases that must not (declarations/checks/)."""

from decimal import Decimal

import pytest

from biaozhun.declarations.checks import CheckContext, Draft, indicator_drafts, run_checks
from biaozhun.declarations.checks.messages import sentence
from biaozhun.declarations.models import LimitComparator, MandatoryIndicator, StandardSource
from biaozhun.rules.declaration_checks import CheckCode

pytestmark = pytest.mark.django_db
CODES = frozenset({"CSQY"})


def check(**fields) -> list[dict]:
    rows = fields.pop("indicators", [])
    indicators, problems = indicator_drafts(rows)
    draft = Draft(**{"source": StandardSource.CATALOGUE, "number": "", "enterprise_codes": CODES,
                     "product_names": ["车用柴油"], "product_count": 1, "indicators": indicators,
                     "problems": problems, **fields})
    return run_checks([draft], CheckContext.load([draft]))[0]


def codes(found: list[dict]) -> list[str]:
    return [f["code"] for f in found]


def enterprise(**fields) -> list[dict]:
    return check(**{"source": StandardSource.ENTERPRISE, "number": "Q/CSQY 001-2025", "title": "车用柴油",
                    "has_text": True, **fields})


def test_required_fields_fire_on_each_missing_field_and_not_when_filled(diesel_standards):
    found = check(number="", product_count=0)
    assert {f["params"]["field"] for f in found} == {"identifier", "products"}
    assert codes(enterprise(title="")) == [CheckCode.MISSING_FIELD]
    assert check(number="GB 19147-2016") == []
    assert enterprise() == []


def test_an_enterprise_standard_needs_its_text_or_its_indicator_table():
    assert codes(enterprise(has_text=False)) == [CheckCode.NO_DISCLOSURE]
    assert enterprise(has_text=False, indicators=[{"name": "闪点", "comparator": "ge", "lower": "60", "unit": "℃"}]) == []


def test_an_unreadable_number_is_refused_with_what_is_wrong(db):
    found = check(number="GB/T 19001-20")
    assert codes(found) == [CheckCode.BAD_NUMBER]
    assert "GB/T 19001-20" in sentence(found[0])


def test_a_catalogue_number_needs_its_year_and_a_catalogue_tier(diesel_standards):
    assert [f["params"]["reason"] for f in check(number="GB 19147")] == ["year_missing"]
    assert [f["params"]["reason"] for f in check(number="Q/CSQY 001-2025")] == ["enterprise_as_catalogue"]
    assert [f["params"]["reason"] for f in enterprise(number="GB 19147-2016")] == ["not_enterprise"]


def test_a_number_the_catalogue_does_not_hold_is_refused_naming_it(diesel_standards):
    found = check(number="GB 19147-2009")
    assert codes(found) == [CheckCode.UNKNOWN_STANDARD]
    assert "GB 19147-2009" in sentence(found[0])
    assert check(number="GB 19147-2016") == []


def test_a_q_number_must_carry_the_enterprises_own_code():
    found = enterprise(number="Q/OTHER 001-2025")
    assert [f["params"]["reason"] for f in found] == ["other_enterprise"]
    assert "CSQY" in sentence(found[0])
    assert enterprise(number="q／csqy 1—2025") == []


def test_a_replaced_edition_is_flagged_with_the_edition_in_force(diesel_standards):
    found = check(number="GB 19147-2013")
    assert codes(found) == [CheckCode.NOT_CURRENT]
    assert found[0]["params"]["current"] == "GB 19147-2016"
    assert found[0]["severity"] == "warning"
    assert "GB 19147-2016" in sentence(found[0])


def test_an_upcoming_edition_gets_a_note_and_a_current_one_nothing(diesel_standards):
    assert codes(check(number="GB/T 19148-2026")) == [CheckCode.UPCOMING]
    assert check(number="GB 19147-2016") == []


def test_an_indicator_weaker_than_a_mandatory_limit_in_scope_is_flagged(db):
    found = enterprise(indicators=[{"name": "硫含量", "comparator": "le", "upper": "50", "unit": "mg/kg"}])
    assert codes(found) == [CheckCode.BELOW_MANDATORY]
    assert found[0]["params"]["standard"] == "GB 19147-2016"
    assert "≤ 10 mg/kg" in sentence(found[0])


@pytest.mark.parametrize("row, products", [
    ({"name": "硫含量", "comparator": "le", "upper": "10", "unit": "mg/kg"}, ["车用柴油"]),  # within the limit
    ({"name": "硫含量", "comparator": "le", "upper": "0.008", "unit": "g/kg"}, ["车用柴油"]),  # converted: 8 mg/kg
    ({"name": "硫含量", "comparator": "le", "upper": "50", "unit": "mg/kg"}, ["船用燃料油"]),  # out of scope
    ({"name": "硫含量", "comparator": "le", "upper": "50", "unit": "%"}, ["车用柴油"]),  # another unit family
    ({"name": "密度", "comparator": "le", "upper": "850", "unit": "kg/m3"}, ["车用柴油"]),  # no limit held
])
def test_an_indicator_within_the_limit_or_outside_its_scope_is_not_flagged(db, row, products):
    assert enterprise(indicators=[row], product_names=products, title="燃料") == []


def test_the_title_of_the_declared_standard_brings_a_product_into_scope(db):
    found = enterprise(indicators=[{"name": "硫", "comparator": "le", "upper": "50", "unit": "mg/kg"}],
                       product_names=["0号燃料"], title="车用柴油企业标准")
    assert codes(found) == [CheckCode.BELOW_MANDATORY]


def test_weaker_than_a_named_recommended_standard_is_a_note_only_when_it_is_named(db):
    MandatoryIndicator.objects.create(standard_number="GB/T 99999-2020", clause="表2", scope_keywords=[],
                                      indicator_name="抗压强度", unit="MPa", comparator=LimitComparator.AT_LEAST,
                                      limit_value=Decimal("30"))
    row = {"name": "抗压强度", "comparator": "ge", "lower": "25", "unit": "MPa"}
    found = enterprise(indicators=[row], reference_standards=["GB/T 99999-2020"])
    assert codes(found) == [CheckCode.BELOW_RECOMMENDED]
    assert found[0]["severity"] == "note"
    assert enterprise(indicators=[row]) == []
    assert enterprise(indicators=[{**row, "lower": "30"}], reference_standards=["GB/T 99999-2020"]) == []


def test_unreadable_indicator_rows_name_their_row_and_field(db):
    found = enterprise(indicators=[{"name": "", "comparator": "le", "upper": "x"},
                                   {"name": "闪点", "comparator": "range", "lower": "5", "upper": "1"}])
    assert {f["params"]["field"] for f in found} == {"indicators[1].name", "indicators[1].upper",
                                                   "indicators[2].upper"}
    assert "第 1 行" in sentence(found[0])


def test_a_batch_of_drafts_is_checked_in_a_few_queries(diesel_standards, django_assert_max_num_queries):
    rows = [{"name": "硫含量", "comparator": "le", "upper": "50", "unit": "mg/kg"}]
    drafts = []
    for n in range(200):
        indicators, _problems = indicator_drafts(rows)
        number = ("GB 19147-2013", "GB 19147-2016", "GB/T 19148-2026")[n % 3]
        drafts.append(Draft(source=StandardSource.CATALOGUE, number=number, product_names=["车用柴油"], product_count=1))
        drafts.append(Draft(source=StandardSource.ENTERPRISE, number=f"Q/CSQY {n}-2025", title="车用柴油",
                            enterprise_codes=CODES, product_names=["车用柴油"], product_count=1, indicators=indicators))
    with django_assert_max_num_queries(8):
        results = run_checks(drafts, CheckContext.load(drafts))
    assert codes(results[0]) == [CheckCode.NOT_CURRENT]
    assert codes(results[1]) == [CheckCode.BELOW_MANDATORY]
