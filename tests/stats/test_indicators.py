"""Every indicator on a catalogue whose answers are known by hand, as of two year-ends."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from biaozhun.assessments.models import Assessment, AssessmentState
from biaozhun.catalog.models import Status
from biaozhun.core import clock
from biaozhun.development.models import PeriodicReview, Project
from biaozhun.feedback.models import Feedback
from biaozhun.filing.models import Filing
from biaozhun.stats.indicators import REGISTRY, Context, compute
from biaozhun.stats.indicators.catalogue import age_band, age_years, status_on
from biaozhun.stats.models import Indicator
from tests.factories.declarations import DeclarationFactory
from tests.factories.development import ProjectFactory

from .conftest import END_2023, END_2025

pytestmark = pytest.mark.django_db


def test_every_registered_indicator_has_a_catalogue_row_that_names_its_dimensions():
    rows = {i.code: i for i in Indicator.objects.all()}
    assert set(rows) == set(REGISTRY)
    for code, registered in REGISTRY.items():
        assert set(rows[code].dimensions) <= set(registered.dimensions), code


def test_standards_in_force_as_of_a_past_year_end_differs_from_a_later_one(stats_world):
    assert compute("standards_in_force", "total", as_of=END_2023) == {"": 3}
    assert compute("standards_in_force", "total", as_of=END_2025) == {"": 2}


def test_standards_in_force_by_each_dimension(stats_world):
    assert compute("standards_in_force", "tier", as_of=END_2023) == {"national": 2, "local": 1}
    assert compute("standards_in_force", "nature", as_of=END_2023) == {"mandatory": 1, "recommended": 2}
    assert compute("standards_in_force", "ccs", as_of=END_2023) == {"A": 2, "B": 1}
    assert compute("standards_in_force", "ics", as_of=END_2025) == {"65": 1, "01": 1}
    assert compute("standards_in_force", "region", as_of=END_2023) == {"32": 1}
    assert compute("standards_in_force", "committee", as_of=END_2023) == {"SAC/TC 1": 1, "SAC/TC 2": 1}
    assert compute("standards_in_force", "year", as_of=END_2025) == {"2024": 1, "2023": 1}


def test_status_as_of_a_year_end_comes_from_dates_not_from_todays_status(stats_world):
    assert stats_world["gb2000_2015"].status == Status.REPLACED
    assert compute("standards_by_status", "status", as_of=END_2023) == {"current": 3}
    assert compute("standards_by_status", "status", as_of=END_2025) == {
        "abolished": 1, "replaced": 1, "current": 2, "upcoming": 1}
    assert compute("standards_by_status", "total", as_of=END_2025) == {"": 5}


def test_new_and_revised_standards_per_year(stats_world):
    assert compute("standards_new", "total", as_of=END_2023) == {"": 1}
    assert compute("standards_revised", "total", as_of=END_2023) == {"": 0}
    assert compute("standards_new", "total", as_of=date(2024, 12, 31)) == {"": 0}
    assert compute("standards_revised", "tier", as_of=date(2024, 12, 31)) == {"national": 1}
    assert compute("standards_new", "ccs", as_of=END_2025) == {"B": 1}


def test_standard_age_distribution_and_average(stats_world):
    assert compute("standard_age", "age", as_of=END_2023) == {"0-5": 1, "6-10": 1, "11-15": 1, "16-20": 0, "21+": 0}
    assert compute("standard_age_average", "total", as_of=END_2023) == {"": 7.0}  # (13 + 8 + 0) / 3
    assert compute("standard_age_average", "tier", as_of=END_2023) == {"national": 10.5, "local": 0.0}


def test_age_in_whole_years_and_its_band():
    assert age_years(date(2010, 7, 1), date(2023, 6, 30)) == 12
    assert age_years(date(2010, 7, 1), date(2023, 7, 1)) == 13
    assert [age_band(y) for y in (0, 5, 6, 15, 20, 21, 40)] == ["0-5", "0-5", "6-10", "11-15", "16-20", "21+", "21+"]


def test_status_on_a_day_before_publication_is_none():
    row = (1, "national", "", "current", None, date(2020, 1, 1), date(2020, 6, 1), None, "", "", "", "", None)
    assert status_on(row, date(2019, 12, 31)) is None
    assert status_on(row, date(2020, 3, 1)) == "upcoming"
    assert status_on(row, date(2020, 6, 1)) == "current"


def test_reviews_on_time(stats_world):
    """Due on 2023-12-31: GB 1000-2010 and GB/T 2000-2015 (published ≥ 5 years before); only the second reviewed."""
    PeriodicReview.objects.create(standard=stats_world["gb2000_2015"], conclusion="confirm",
                                  concluded_on=date(2020, 1, 1))
    assert compute("reviews_on_time", "total", as_of=END_2023) == {"": 50.0}
    assert compute("reviews_on_time", "committee", as_of=END_2023) == {"SAC/TC 1": 0.0, "SAC/TC 2": 100.0}
    # a review concluded after the as-of date does not count then
    PeriodicReview.objects.create(standard=stats_world["gb1000"], conclusion="confirm", concluded_on=date(2024, 1, 5))
    assert compute("reviews_on_time", "total", as_of=END_2023) == {"": 50.0}


def test_development_cycle_from_plan_to_publication(stats_world):
    ProjectFactory(standard=stats_world["gb2000_2024"], plan_issued_on=date(2022, 2, 1))
    ProjectFactory(standard=stats_world["gb3000"], plan_issued_on=date(2024, 11, 1), nature="recommended")
    assert Project.objects.count() == 2
    assert compute("development_cycle", "total", as_of=date(2024, 12, 31)) == {"": 24.0}
    assert compute("development_cycle", "nature", as_of=END_2025) == {"recommended": 12.0}
    assert compute("development_cycle", "total", as_of=END_2023) == {"": None}


def test_adoption_rate_is_the_international_apps_rate(adoption_scene):
    from biaozhun.international.adoption import params, selectors

    today = clock.today()
    rate = selectors.rate(params.Query()).tally.overall
    assert compute("adoption_rate", "total", as_of=today) == {"": round(100 * rate.adopted / rate.in_scope, 1)}
    by_field = compute("adoption_rate", "ics", as_of=today)
    assert by_field["13"] == 50.0  # ICS 13: ISO 14001, 14004 adopted (IDT, MOD) of four in force
    # at the end of 2016 neither Chinese adoption was in force yet (GB/T 24001-2016 from 2017, GB/T 24004 later)
    assert compute("adoption_rate", "ics", as_of=date(2016, 12, 31))["13"] == 0.0


def test_feedback_answer_days(answered_item):
    Feedback.objects.filter(pk=answered_item.pk).update(answer_working_days=6,
                                                        answered_at=timezone.make_aware(timezone.datetime(2025, 3, 3)))
    assert compute("feedback_answer_days", "total", as_of=END_2025) == {"": 6.0}
    assert compute("feedback_answer_days", "committee", as_of=END_2025) == {"SAC/TC 28": 6.0}
    assert compute("feedback_answer_days", "total", as_of=END_2023) == {"": None}


def test_filings_of_the_year(accepted_filing):
    filing = Filing.objects.get(pk=accepted_filing.pk)
    year_end = date(filing.filed_on.year, 12, 31)
    assert compute("filings", "total", as_of=year_end) == {"": 1}
    assert compute("filings", "region", as_of=year_end) == {filing.region_code[:2]: 1}
    assert compute("filings", "total", as_of=date(filing.filed_on.year - 1, 12, 31)) == {"": 0}


def test_declarations_public_on_the_day(db):
    now = timezone.now()
    DeclarationFactory(declared_at=now - timedelta(days=800), region_code="320102")
    DeclarationFactory(declared_at=now - timedelta(days=800), withdrawn_at=now - timedelta(days=10),
                       region_code="110101")
    DeclarationFactory(declared_at=now - timedelta(days=5), region_code="110101")
    two_years_ago = (now - timedelta(days=400)).date()
    assert compute("declarations", "total", as_of=two_years_ago) == {"": 2}
    assert compute("declarations", "region", as_of=two_years_ago) == {"32": 1, "11": 1}
    assert compute("declarations", "total", as_of=clock.today()) == {"": 2}  # one withdrawn, one new
    assert compute("declarations", "tier", as_of=clock.today()) == {"enterprise": 2}


def test_committee_grades_count_the_latest_finalised_version(tc28_committee, tc151_committee):
    finalised = timezone.make_aware(timezone.datetime(2025, 3, 1))
    first = Assessment.objects.create(committee=tc28_committee, year=2025, state=AssessmentState.FINALISED,
                                      grade="pass", finalised_at=finalised)
    Assessment.objects.create(committee=tc28_committee, year=2025, version=2, replaces=first,
                              state=AssessmentState.FINALISED, grade="good", finalised_at=finalised)
    Assessment.objects.create(committee=tc151_committee, year=2025, state=AssessmentState.DRAFT, grade="fail")
    assert compute("committee_grades", "grade", as_of=END_2025) == {"good": 1}
    assert compute("committee_grades", "total", as_of=END_2025) == {"": 1}


def test_an_unknown_dimension_is_refused():
    with pytest.raises(ValueError, match="no dimension"):
        compute("standards_in_force", "grade", as_of=END_2025)


def test_one_context_reads_the_catalogue_once_for_every_indicator(stats_world, django_assert_max_num_queries):
    context = Context(END_2025)
    compute("standards_in_force", "total", as_of=END_2025, context=context)
    with django_assert_max_num_queries(0):
        for dimension in ("tier", "ccs", "region"):
            compute("standards_in_force", dimension, as_of=END_2025, context=context)
        compute("standard_age", "age", as_of=END_2025, context=context)
