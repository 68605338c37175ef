"""The adoption rate's arithmetic with known answers (biaozhun/rules/adoption.py, no database)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biaozhun.rules import adoption as rules
from biaozhun.rules.adoption import Adoption, Life, Rate, Record, Scope
from biaozhun.rules.text_access import ADOPTION_DEGREES

NOW = Life("current", date(2015, 1, 1))


def record(pk, *, prefix="ISO", published=date(2015, 1, 1), life=NOW, ics=("13.020.10",), tc="ISO/TC 207/SC 1",
           ccs="Z00", industry=()):
    return Record(id=pk, prefix=prefix, published_on=published, life=life, ics=ics, ccs=ccs, industry=industry, tc=tc)


def adoption(target, degree="IDT", tier="national", life=NOW):
    return Adoption(target_id=target, degree=degree, tier=tier, life=life)


@pytest.mark.parametrize("prefix, expected", [
    ("ISO", ("ISO", "IS")), ("IEC", ("IEC", "IS")), ("ISO/IEC", ("ISO/IEC", "IS")), ("ISO/TS", ("ISO", "TS")),
    ("ISO/IEC TR", ("ISO/IEC", "TR")), ("IEC/TS", ("IEC", "TS")), ("ISO/PAS", ("ISO", "PAS")),
    ("ISO/IEC Guide", ("ISO/IEC", "GUIDE")), ("ISO/IEC/IEEE", ("ISO/IEC", "IS")), ("IWA", ("ISO", "IWA")),
])
def test_the_publisher_and_the_deliverable_type_are_read_from_the_prefix(prefix, expected):
    assert rules.publisher_and_deliverable(prefix) == expected


@pytest.mark.parametrize("dimension, code, level, expected", [
    ("ics", "03.120.10", 1, "03"), ("ics", "03.120.10", 2, "03.120"), ("ics", "03.120.10", 3, "03.120.10"),
    ("ccs", "A01", 1, "A"), ("ccs", "A01", 2, "A01"), ("industry", "C383", 1, "C"), ("industry", "C383", 2, "C38"),
    ("tc", "ISO/TC 176/SC 2", 1, "ISO/TC 176"), ("tc", "ISO/TC 176/SC 2", 2, "ISO/TC 176/SC 2"),
    ("tc", "ISO/IEC JTC 1/SC 27", 1, "ISO/IEC JTC 1"), ("tc", "IEC/TC 61", 1, "IEC/TC 61"),
])
def test_a_code_is_cut_to_its_level(dimension, code, level, expected):
    assert rules.cut(dimension, code, level) == expected


def test_the_default_degrees_are_the_assessment_s():
    assert Scope().degrees == ADOPTION_DEGREES == {"IDT", "MOD"}
    assert Scope().adopting_tiers == {"national"}


def test_nine_of_ten_adopted_meets_the_goal_exactly():
    records = [record(pk) for pk in range(1, 11)]
    adoptions = [adoption(pk, "IDT" if pk % 2 else "MOD") for pk in range(1, 10)]
    tally = rules.tally(records, adoptions, Scope())
    assert tally.overall == Rate(9, 10)
    assert tally.overall.value == 0.9 and tally.overall.meets() is True and tally.overall.candidates == 1
    assert tally.fields == {"13": Rate(9, 10)}
    assert tally.below() == []


def test_neq_counts_only_when_asked():
    records = [record(1), record(2)]
    adoptions = [adoption(1, "IDT"), adoption(2, "NEQ")]
    assert rules.tally(records, adoptions, Scope()).overall == Rate(1, 2)
    assert rules.tally(records, adoptions, Scope(degrees=frozenset(rules.DEGREES))).overall == Rate(2, 2)


def test_an_adoption_counts_only_while_the_chinese_standard_is_in_force_and_of_a_counted_tier():
    records = [record(1), record(2), record(3)]
    adoptions = [adoption(1, life=Life("replaced", date(2010, 1, 1), status_since=date(2020, 1, 1))),
                 adoption(2, tier="industry"), adoption(3, life=Life("upcoming", date(2027, 1, 1)))]
    assert rules.tally(records, adoptions, Scope()).overall == Rate(0, 3)
    both = Scope(adopting_tiers=frozenset({"national", "industry"}))
    assert rules.tally(records, adoptions, both).overall == Rate(1, 3)


def test_two_adoptions_of_one_edition_count_it_once():
    assert rules.tally([record(1)], [adoption(1), adoption(1, "MOD")], Scope()).overall == Rate(1, 1)


def test_the_scope_filters_publishers_deliverable_types_dates_and_withdrawn_editions():
    records = [record(1, prefix="ISO"), record(2, prefix="IEC"), record(3, prefix="ISO/TS"),
               record(4, published=date(2024, 6, 1)),
               record(5, life=Life("replaced", date(2001, 1, 1), status_since=date(2015, 1, 1)))]
    adoptions = [adoption(pk) for pk in (1, 2, 3, 4, 5)]
    assert rules.tally(records, adoptions, Scope()).overall == Rate(4, 4)
    assert rules.tally(records, adoptions, Scope(publishers=frozenset({"IEC"}))).overall == Rate(1, 1)
    assert rules.tally(records, adoptions, Scope(deliverables=frozenset({"IS"}))).overall == Rate(3, 3)
    assert rules.tally(records, adoptions, Scope(published_before=date(2023, 12, 31))).overall == Rate(3, 3)
    assert rules.tally(records, adoptions, Scope(in_force_only=False)).overall == Rate(5, 5)


def test_a_record_in_two_fields_counts_in_each_and_once_overall():
    records = [record(1, ics=("13.020.10", "27.015")), record(2, ics=("27.015",)), record(3, ics=())]
    tally = rules.tally(records, [adoption(1)], Scope())
    assert tally.overall == Rate(1, 3)
    assert tally.fields == {"13": Rate(1, 1), "27": Rate(1, 2), rules.UNCLASSIFIED: Rate(0, 1)}
    assert [field for field, _rate in tally.below()] == [rules.UNCLASSIFIED, "27"]  # one candidate each: by code


def test_within_keeps_the_fields_of_a_prefix_at_the_level_asked():
    records = [record(1, ics=("13.020.10",)), record(2, ics=("13.020.50",)), record(3, ics=("13.120",)),
               record(4, ics=("27.015",)), record(5, ics=("13.0201",))]
    tally = rules.tally(records, [adoption(1), adoption(4)], Scope(), level=3, within="13.020")
    assert tally.overall == Rate(1, 2)
    assert tally.fields == {"13.020.10": Rate(1, 1), "13.020.50": Rate(0, 1)}


def test_the_committee_dimension_groups_subcommittees_under_their_committee_at_level_one():
    records = [record(1, tc="ISO/TC 207/SC 1"), record(2, tc="ISO/TC 207/SC 3"), record(3, tc="ISO/TC 301")]
    tally = rules.tally(records, [adoption(1), adoption(3)], Scope(), dimension="tc")
    assert tally.fields == {"ISO/TC 207": Rate(1, 2), "ISO/TC 301": Rate(1, 1)}
    exact = rules.tally(records, [adoption(1), adoption(3)], Scope(), dimension="tc", level=2)
    assert exact.fields["ISO/TC 207/SC 1"] == Rate(1, 1)


def test_the_trend_reads_each_year_end_from_the_dates():
    old = record(1, published=date(2011, 6, 15),
                 life=Life("replaced", date(2011, 6, 15), status_since=date(2018, 8, 1)))
    new = record(2, published=date(2018, 8, 1), life=Life("current", date(2018, 8, 1)))
    adopter = Life("current", date(2013, 10, 1))
    trend = dict(rules.trend([old, new], [adoption(1, life=adopter)], Scope(), range(2012, 2020), date(2019, 6, 1)))
    assert trend[2012] == Rate(0, 1)  # the ISO edition in force, the Chinese one not yet
    assert trend[2013] == Rate(1, 1)
    assert trend[2017] == Rate(1, 1)
    assert trend[2018] == Rate(0, 1)  # the newer edition replaced the adopted one: a candidate again
    assert trend[2019] == Rate(0, 1)


@settings(max_examples=60)
@given(st.lists(st.tuples(st.integers(2000, 2025), st.integers(0, 8), st.sampled_from(["current", "replaced",
                                                                                       "abolished"])),
                min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(0, 11), st.integers(2000, 2025), st.integers(0, 8),
                          st.sampled_from(["IDT", "MOD", "NEQ"])), max_size=12),
       st.booleans())
def test_the_trend_in_one_pass_equals_the_tally_at_each_year_end(raw_records, raw_adoptions, in_force_only):
    def life(start, length, status):
        begun = date(start, 3, 1)
        ended = date(start + length, 6, 1) if status != "current" else None
        return Life(status, begun, status_since=ended if status == "replaced" else None,
                    abolished_on=ended if status == "abolished" else None)

    records = [record(pk, published=date(start, 3, 1), life=life(start, length, status),
                      prefix="ISO" if pk % 3 else "IEC/TS")
               for pk, (start, length, status) in enumerate(raw_records)]
    adoptions = [adoption(target % len(records), degree, life=life(start, length, "current" if length > 4 else "replaced"))
                 for target, start, length, degree in raw_adoptions]
    scope = Scope(in_force_only=in_force_only, deliverables=frozenset({"IS"}), published_before=date(2021, 1, 1))
    years, today = range(2000, 2027), date(2026, 7, 1)
    expected = [(year, rules.tally(records, adoptions, scope, day=min(date(year, 12, 31), today)).overall)
                for year in years]
    assert rules.trend(records, adoptions, scope, years, today) == expected


def test_an_edition_is_in_force_between_its_start_and_its_end():
    life = Life("abolished", date(2010, 1, 1), abolished_on=date(2020, 1, 1))
    assert not life.in_force(date(2009, 12, 31))
    assert life.in_force(date(2010, 1, 1)) and life.in_force(date(2019, 12, 31))
    assert not life.in_force(date(2020, 1, 1))
    assert not life.in_force()  # now: the stored status


def test_candidates_are_the_unadopted_editions_in_scope_newest_first():
    records = [record(1, published=date(2015, 1, 1)), record(2, published=date(2020, 1, 1)),
               record(3, published=date(2018, 1, 1)), record(4, prefix="IEC")]
    adopted = rules.adopted_ids([adoption(1)], Scope())
    found = rules.candidates(records, adopted, Scope(publishers=frozenset({"ISO"})))
    assert [r.id for r in found] == [2, 3]


@pytest.mark.parametrize("adopted, adopter, newer, behind", [
    (date(2011, 6, 15), date(2012, 12, 31), date(2018, 8, 1), True),
    (date(2011, 6, 15), date(2019, 1, 1), date(2018, 8, 1), False),  # the Chinese standard chose the older one
    (date(2011, 6, 15), date(2012, 12, 31), None, False),
    (date(2011, 6, 15), None, date(2018, 8, 1), False),  # an unknown date flags nothing
    (date(2018, 8, 1), date(2012, 12, 31), date(2018, 8, 1), False),
])
def test_an_adoption_is_behind_when_a_newer_edition_came_after_the_chinese_standard(adopted, adopter, newer, behind):
    assert rules.is_behind(adopted_published=adopted, adopter_published=adopter, newer_published=newer) is behind


def test_no_records_has_no_rate():
    tally = rules.tally([], [], Scope())
    assert tally.overall == Rate(0, 0) and tally.overall.value is None and tally.overall.meets() is None
