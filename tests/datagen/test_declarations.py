"""The national-scale generator of enterprises, products, declarations and indicators, at a small scale: exact
counts, valid codes, and rows that refer only to what exists."""

from collections import Counter

import pytest
from stdnum.cn import uscc as stdnum_uscc

from biaozhun.datagen.declarations import FULL, DeclarationWorld, scaled
from biaozhun.identifiers import parse


@pytest.fixture(scope="module")
def world():
    counts = scaled(0.002)
    return counts, list(DeclarationWorld(counts, seed=7).enterprises())


def test_the_counts_are_the_scaled_national_figures(world):
    counts, enterprises = world
    assert counts == {name: round(n * 0.002) for name, n in FULL.items()}
    assert len(enterprises) == counts["enterprises"]
    assert sum(len(e.products) for e in enterprises) == counts["products"]
    assert sum(len(e.declarations) for e in enterprises) == counts["declarations"]


def test_ids_run_from_one_without_gaps(world):
    _counts, enterprises = world
    declarations = [d[0] for e in enterprises for d in e.declarations]
    products = [p[0] for e in enterprises for p in e.products]
    assert declarations == list(range(1, len(declarations) + 1))
    assert products == list(range(1, len(products) + 1))


def test_every_enterprise_has_a_valid_uscc_and_a_county_code_of_the_city_in_its_name(world):
    _counts, enterprises = world
    usccs = [e.organisation[2] for e in enterprises]
    assert len(set(usccs)) == len(usccs) and all(stdnum_uscc.is_valid(code) for code in usccs)
    for e in enterprises:
        region = e.profile[1]
        assert len(region) == 6 and region.isdigit()
        assert e.organisation[2][2:8] == region
        assert all(d[2] == region for d in e.declarations)


def test_products_are_unique_per_enterprise_and_declarations_list_only_their_own(world):
    _counts, enterprises = world
    for e in enterprises:
        assert len({(p[2], p[3]) for p in e.products}) == len(e.products)
        own = {p[0] for p in e.products}
        assert all(product in own for _d, product in e.links)
        assert len(set(e.links)) == len(e.links)


def test_most_declarations_are_enterprise_standards_with_indicators_and_numbers_that_parse(world):
    _counts, enterprises = world
    declarations = [d for e in enterprises for d in e.declarations]
    sources = Counter(d[3] for d in declarations)
    assert 0.75 < sources["enterprise"] / len(declarations) < 0.9
    with_indicators = {i[0] for e in enterprises for i in e.indicators}
    assert with_indicators == {d[0] for d in declarations if d[3] == "enterprise"}
    for d in declarations[:500]:
        ident = parse(d[5])
        assert ident.undated == d[6]


def test_indicator_positions_are_unique_and_safety_health_environment_ones_occur(world):
    _counts, enterprises = world
    indicators = [i for e in enterprises for i in e.indicators]
    assert len({(i[0], i[1]) for i in indicators}) == len(indicators)
    assert {"performance", "safety", "health", "environment"} <= {i[9] for i in indicators}


def test_versions_and_events_match_each_declarations_state(world):
    _counts, enterprises = world
    for e in enterprises:
        versions = Counter(v[0] for v in e.versions)
        kinds = {}
        for declaration_id, kind, _at in e.events:
            kinds.setdefault(declaration_id, []).append(kind)
        for d in e.declarations:
            assert versions[d[0]] == d[9]
            assert kinds[d[0]][0] == "declared"
            assert ("withdrawn" in kinds[d[0]]) == (d[8] == "withdrawn")
