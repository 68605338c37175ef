"""Implementation of mandatory national standards: the pure rule, the signals read from the records, the page."""

import csv
import io
from datetime import timedelta

import pytest

from biaozhun.core import clock
from biaozhun.declarations.models import DeclarationState
from biaozhun.rules import implementation as rules
from biaozhun.stats import implementation, services
from tests.factories.declarations import DeclarationFactory
from tests.fixtures.catalog import make_standard


def test_the_rule_adds_points_and_reads_the_sum():
    assert rules.assess(rules.Signals()).strength == rules.Strength.WEAK
    assert rules.assess(rules.Signals(use=100, citations=1)).strength == rules.Strength.MEDIUM
    strong = rules.assess(rules.Signals(use=1000, citations=5, declarations=5))
    assert (strong.strength, strong.points) == (rules.Strength.STRONG, 5)
    assert strong.points_by_signal == {"use": 2, "citations": 2, "declarations": 1, "inspections": 0}


@pytest.mark.parametrize("value, points", [(0, 0), (99, 0), (100, 1), (999, 1), (1000, 2)])
def test_thresholds_are_inclusive(value, points):
    assert rules.points("use", value) == points


@pytest.fixture
def mandatory(db):
    cited = make_standard("GB 5000-2020", published_on="2020-01-01", implemented_on="2020-06-01")
    quiet = make_standard("GB 6000-2020", published_on="2020-01-01", implemented_on="2020-06-01")
    make_standard("GB/T 7000-2021", published_on="2021-01-01", implemented_on="2021-06-01",
                  references=["GB 5000-2020"])
    return cited, quiet


@pytest.mark.django_db
def test_signals_come_from_use_citations_and_declarations(mandatory):
    cited, quiet = mandatory
    today = clock.today()
    for day in range(3):
        for _ in range(40):
            services.record_use(cited.pk, "views", day=today - timedelta(days=day))
    services.record_use(cited.pk, "views", day=today - timedelta(days=400))  # older than a year: not counted
    for _ in range(5):
        DeclarationFactory(standard=cited, state=DeclarationState.PUBLISHED, tier="national",
                           identifier=cited.identifier)
    rows = {row.identifier: row for row in implementation.rows()}
    assert rows["GB 5000-2020"].signals == rules.Signals(use=120, citations=1, declarations=5, inspections=0)
    assert rows["GB 5000-2020"].strength == "medium"  # 1 + 1 + 1 points
    assert rows["GB 6000-2020"].strength == "weak"
    assert "GB/T 7000-2021" not in rows  # recommended standards are not in the list


@pytest.mark.django_db
def test_the_page_shows_the_method_and_the_weak_list_exports(mandatory, client, reviewer_user):
    for _ in range(100):  # with its citation: medium
        services.record_use(mandatory[0].pk, "downloads")
    client.force_login(reviewer_user)
    page = client.get("/stats/implementation/?strength=weak")
    assert page.status_code == 200
    text = page.content.decode()
    assert "GB 6000-2020" in text and "GB 5000-2020" not in text.split("stats-implementation")[1]
    assert "≥ 1000" in text  # the thresholds are shown
    assert "/projects/reviews/" in text  # each standard links to its periodic review
    response = client.get("/stats/implementation/export/?strength=weak&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["GB 6000-2020"]
    xlsx = client.get("/stats/implementation/export/?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


@pytest.mark.django_db
def test_the_page_is_for_staff(mandatory, client, registered_user):
    assert client.get("/stats/implementation/").status_code in (302, 403)
    client.force_login(registered_user)
    assert client.get("/stats/implementation/").status_code == 403
