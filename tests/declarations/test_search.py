"""The public search finds published declarations by enterprise, product, standard number and region."""

import pytest

from biaozhun.declarations.selectors.search import DeclarationQuery, Scope, Way, search_declarations

pytestmark = pytest.mark.django_db


def found(**query) -> set[str]:
    return {d.identifier for d in search_declarations(query=DeclarationQuery(**query)).items}


def test_a_fragment_of_the_enterprise_name_finds_its_declarations(scene):
    assert found(q="海尔") == {"Q/HE 001-2024"}
    assert found(q="美的洗衣", scope=Scope.ENTERPRISE) == {"GB/T 19001-2016"}


def test_the_enterprise_code_finds_every_published_declaration_of_it(scene):
    page = search_declarations(query=DeclarationQuery(q=scene.haier.uscc))
    assert page.way == Way.USCC
    assert [d.identifier for d in page.items] == ["Q/HE 001-2024"]


def test_a_product_name_or_a_piece_of_its_model_finds_it(scene):
    assert found(q="电冰箱", scope=Scope.PRODUCT) == {"Q/HE 001-2024"}
    assert found(q="bcd-470") == {"Q/HE 001-2024"}
    assert found(q="KFR 35", scope=Scope.PRODUCT) == {"GB/T 7725-2004"}


def test_a_word_in_another_field_is_not_found_within_one_field(scene):
    assert found(q="海尔", scope=Scope.PRODUCT) == set()
    assert found(q="洗衣机", scope=Scope.STANDARD) == set()


@pytest.mark.parametrize("spelling", ["GB/T 19001-2016", "GB/T19001", "gbt19001", "GB／T 19001—2016", "gb/t 19001"])
def test_a_standard_number_in_any_spelling_finds_the_declaration(scene, spelling):
    page = search_declarations(query=DeclarationQuery(q=spelling))
    assert page.way == Way.NUMBER
    assert [d.identifier for d in page.items] == ["GB/T 19001-2016"]


def test_an_enterprise_standard_number_without_its_year_finds_every_edition(scene):
    assert found(q="Q/HE 001") == {"Q/HE 001-2024"}
    assert found(q="Q/HE 001-2023") == set()


def test_every_word_must_be_found(scene):
    assert found(q="海尔 节能") == {"Q/HE 001-2024"}
    assert found(q="海尔 洗衣机") == set()


@pytest.mark.parametrize(("region", "expected"), [
    ("44", {"GB/T 19001-2016", "GB/T 7725-2004"}), ("4406", {"GB/T 19001-2016"}), ("440402", {"GB/T 7725-2004"}),
    ("11", set())])
def test_the_region_filter_takes_a_province_a_city_or_a_county(scene, region, expected):
    assert found(region=region) == expected


def test_the_region_filter_also_narrows_a_number_search(scene):
    assert found(q="GB/T 19001", region="37") == set()
    assert found(q="GB/T 19001", region="44") == {"GB/T 19001-2016"}


def test_the_flagged_filter_keeps_only_flagged_declarations(scene):
    assert found(flagged=True) == {"GB/T 7725-2004"}
    assert found(q="空调", flagged=True) == {"GB/T 7725-2004"}
    assert found(q="海尔", flagged=True) == set()


def test_withdrawn_declarations_are_never_found(scene):
    assert "Q/HE 002-2020" not in found()
    assert found(q="冷柜") == set()
    assert found(q="Q/HE 002-2020") == set()
    assert found(q=scene.haier.uscc) == {"Q/HE 001-2024"}


def test_a_keyword_of_one_character_asks_for_two(scene):
    page = search_declarations(query=DeclarationQuery(q="冰"))
    assert page.way == Way.NONE and page.items == [] and "两个字" in page.problem


def test_pages_follow_on_from_the_last_id_shown(scene):
    first = search_declarations(query=DeclarationQuery(), limit=2)
    assert first.count == 3 and first.next_after is not None
    second = search_declarations(query=DeclarationQuery(), after=first.next_after, limit=2)
    assert second.next_after is None
    seen = [d.pk for d in first.items + second.items]
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 3


def test_a_text_search_pages_the_same_way(scene):
    first = search_declarations(query=DeclarationQuery(q="有限"), limit=1)
    assert first.way == Way.INDEX and first.count == 3
    rest = search_declarations(query=DeclarationQuery(q="有限"), after=first.next_after, limit=5)
    assert len(rest.items) == 2 and rest.next_after is None
