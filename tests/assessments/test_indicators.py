"""The indicators counted on a year built with known answers (tests/assessments/scenario.py): each ratio exactly,
the scores and the grade that follow, and the same figures whether one committee or many are counted at once."""

from datetime import date

import pytest
import time_machine

from biaozhun.assessments import figures
from biaozhun.assessments.services import compute_assessment, run_assessments
from biaozhun.core.actors import SYSTEM
from biaozhun.rules.assessment import DEFAULT_SCHEME, Ratio, grade_of, score, total
from tests.factories.committees import CommitteeFactory, MemberFactory

from . import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_of_work():
    committee = CommitteeFactory(code="SAC/TC 901")
    scenario.build_year(committee)
    return committee


def test_every_indicator_counts_exactly_what_the_year_holds(year_of_work):
    counted = figures.count([year_of_work], year=scenario.YEAR, as_of=date(2025, 12, 31))[year_of_work.pk]
    assert {code: (r.numerator, r.denominator) for code, r in counted.ratios.items()} == scenario.ANSWERS
    assert counted.facts["projects_on_time"] == {"delivered_late": 1, "overdue_undelivered": 2}
    assert counted.facts["reviews_on_time"] == {"concluded_late": 1, "overdue_unreviewed": 1}
    assert counted.facts["feedback_in_time"] == {"answered": 3, "answered_late": 1, "open_overdue": 1}
    assert counted.facts["vote_attendance"] == {"ballots": 2}
    assert counted.facts["balance"] == {"seats": 6, "overweight": []}
    assert counted.facts["international"] == {"counterpart": scenario.COUNTERPART}


def test_the_assessment_scores_and_grades_the_known_ratios(year_of_work):
    with time_machine.travel(scenario.TODAY.astimezone(), tick=False):
        assessment = compute_assessment(actor=SYSTEM, committee=year_of_work, year=scenario.YEAR)
    assert assessment.as_of == date(2025, 12, 31)
    expected = {}
    for rule in DEFAULT_SCHEME.indicators:
        numerator, denominator = scenario.ANSWERS[rule.code]
        row = assessment.figures[rule.code]
        assert (row["numerator"], row["denominator"]) == (numerator, denominator)
        expected[rule.code.value] = score(numerator / denominator, full_at=rule.full_at, zero_at=rule.zero_at)
        assert row["score"] == round(expected[rule.code.value], 1)
    # projects 0.4 → 0; reviews 0.5 → 0; feedback 0.5 → 0; comments 0.8 → 50; votes 2/3 → 41.7; balance 100;
    # international 0.5 → 40. Manual items not yet scored: the provisional total is over the indicators alone,
    # (20×0 + 10×0 + 10×0 + 10×50 + 10×41.7 + 10×100 + 10×40) / 80 = 29.0.
    assert [round(expected[code], 1) for code in scenario.ANSWERS] == [0.0, 0.0, 0.0, 50.0, 41.7, 100.0, 40.0]
    assert float(assessment.total) == total(expected, DEFAULT_SCHEME.weights) == 29.0
    assert assessment.grade == grade_of(29.0, DEFAULT_SCHEME) == "fail"
    assert assessment.flagged and assessment.measure == "revocation"  # 29.0 < 30
    assert assessment.state == "computed"


def test_counting_many_committees_at_once_gives_each_its_own_figures(year_of_work):
    other = CommitteeFactory(code="SAC/TC 902")
    for category in ["producer"] * 6 + ["user", "research", "testing", "consumer"]:
        MemberFactory(committee=other, stakeholder=category)
    together = figures.count([year_of_work, other], year=scenario.YEAR, as_of=date(2025, 12, 31))
    alone = figures.count([year_of_work], year=scenario.YEAR, as_of=date(2025, 12, 31))
    assert together[year_of_work.pk].ratios == alone[year_of_work.pk].ratios
    # 10 voting seats, 6 producers: one seat beyond half → 9 / 10; nothing else to count.
    assert together[other.pk].ratios["balance"] == Ratio(9, 10)
    assert together[other.pk].facts["balance"] == {"seats": 10, "overweight": [["producer", 6]]}
    assert all(not r.applicable for code, r in together[other.pk].ratios.items() if code != "balance")


def test_the_yearly_run_computes_every_existing_committee_with_the_same_figures(year_of_work):
    revoked = CommitteeFactory(code="SAC/TC 903", status="revoked")
    quiet = CommitteeFactory(code="SAC/TC 904")
    with time_machine.travel(scenario.TODAY.astimezone(), tick=False):
        result = run_assessments(actor=SYSTEM, year=scenario.YEAR)
    assert (result.created, result.computed, result.finalised_kept) == (2, 2, 0)
    assessment = year_of_work.assessments.get()
    assert {code: (row["numerator"], row["denominator"]) for code, row in assessment.figures.items()} == \
        scenario.ANSWERS
    assert float(assessment.total) == 29.0
    assert not revoked.assessments.exists()
    # Nothing to count at all: every indicator not applicable, no total and no grade yet.
    empty = quiet.assessments.get()
    assert empty.total is None and empty.grade == "" and not empty.flagged


def test_the_year_under_way_is_counted_up_to_today(year_of_work):
    with time_machine.travel(date(2025, 7, 1), tick=False):
        counted = figures.count([year_of_work], year=2025, as_of=figures.period_end(2025, date(2025, 7, 1)))
    ratios = counted[year_of_work.pk].ratios
    # By 1 July 2025: delivered on time p1 (10 May); late p2 (15 April) and p3 (undelivered since 2024).
    assert ratios["projects_on_time"] == Ratio(1, 3)
    assert figures.period_end(2025, date(2025, 7, 1)) == date(2025, 7, 1)


def test_international_work_counts_every_committee_the_register_says_it_mirrors():
    """A committee whose counterpart text is empty but which the participation register links to two ISO/IEC
    committees is assessed on both committees' records; the text's own codes count too, each record once."""
    from biaozhun.international.services.participation.register import link_mirror, register_committee

    committee = CommitteeFactory(code="SAC/TC 902", international_counterpart="ISO/TC 996")
    for code in ("ISO/TC 997", "IEC/TC 998", "ISO/TC 996"):  # the text's committee linked too: counted once
        international = register_committee(actor=SYSTEM, code=code, title=f"{code} test", china_membership="P")
        link_mirror(actor=SYSTEM, international=international, committee=committee)
    adopted = scenario.make_standard("ISO 99701:2019", tc_code="ISO/TC 997", title_en="Adopted",
                                     published_on=date(2019, 1, 1), implemented_on=date(2019, 1, 1))
    scenario.make_standard("IEC 99702:2019", tc_code="IEC/TC 998", title_en="Not adopted",
                           published_on=date(2019, 1, 1), implemented_on=date(2019, 1, 1))
    scenario.make_standard("ISO 99703:2019", tc_code="ISO/TC 996", title_en="Not adopted either",
                           published_on=date(2019, 1, 1), implemented_on=date(2019, 1, 1))
    scenario.make_standard("GB/T 99701-2021", tc_code="SAC/TC 1", published_on=date(2021, 6, 1),
                           implemented_on=date(2021, 6, 1), adopts=[{"identifier": adopted.identifier, "degree": "IDT"}])

    counted = figures.count([committee], year=scenario.YEAR, as_of=date(2025, 12, 31))[committee.pk]

    ratio = counted.ratios["international"]
    assert (ratio.numerator, ratio.denominator) == (1, 3)
    assert counted.facts["international"] == {"counterpart": "IEC/TC 998、ISO/TC 996、ISO/TC 997"}
