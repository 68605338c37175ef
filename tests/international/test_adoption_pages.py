"""The adoption pages: the rate with its formula, the fields under the goal with their candidates, the adoptions
behind a newer edition, both standards' pages, the flag following a new ISO edition, and the assessment agreeing."""

from datetime import date

import pytest
from django.urls import reverse

from biaozhun.assessments import figures
from biaozhun.committees.models import Committee
from biaozhun.international.adoption import params, selectors
from biaozhun.rules.adoption import Rate
from biaozhun.rules.assessment import Indicator, Ratio
from tests.fixtures.international_adoption import chinese, iso

pytestmark = pytest.mark.django_db
INDEX = reverse("international:adoption_index")
CANDIDATES = reverse("international:adoption_candidates")
BEHIND = reverse("international:adoption_behind")


class Get(dict):
    def getlist(self, key):
        value = self.get(key)
        return [] if value is None else (value if isinstance(value, list) else [value])


def test_the_rate_page_shows_the_figure_with_its_numerator_and_denominator_in_words_and_numbers(client,
                                                                                                 adoption_scene):
    page = client.get(INDEX)
    body = page.content.decode()
    assert page.status_code == 200
    # In force: ISO 14001, 14004, 14005, 14031, 50001:2018; adopted IDT/MOD by a Chinese standard in force: two.
    assert page.context["overall"] == Rate(2, 5)
    assert "40.0%" in body
    assert "等同采用（IDT）、修改采用（MOD）" in body and "现行的ISO、IEC、ISO/IEC发布的" in body
    assert "2 ÷" in page.context["formula"] and "5 = 40.0%" in page.context["formula"]


def test_the_fields_below_the_goal_are_listed_with_a_link_to_their_candidates(client, adoption_scene):
    page = client.get(INDEX, {"dimension": "ics", "level": 2})
    below = {code: rate for code, _name, rate, _pct in page.context["below"]}
    assert below == {"13.020": Rate(2, 4), "27.015": Rate(0, 1)}
    assert f'{CANDIDATES}?' in page.content.decode() and "field=13.020" in page.content.decode()


def test_the_candidates_of_a_field_are_the_unadopted_editions_in_force(client, adoption_scene):
    page = client.get(CANDIDATES, {"dimension": "ics", "level": 2, "field": "13.020"})
    listed = [s.identifier for s in page.context["standards"]]
    assert listed == ["ISO 14031:2021", "ISO 14005:2019"]  # NEQ does not count by default; newest first
    counted = client.get(CANDIDATES, {"field": "13.020", "degree": ["IDT", "MOD", "NEQ"]})
    assert [s.identifier for s in counted.context["standards"]] == ["ISO 14031:2021"]


def test_the_scope_is_configurable_and_a_wrong_value_is_named_not_fatal(client, adoption_scene):
    page = client.get(INDEX, {"degree": ["IDT", "MOD", "NEQ"], "publisher": ["IEC", "XYZ"]})
    assert page.status_code == 200
    assert page.context["overall"] == Rate(0, 0)  # no IEC editions in the scene
    assert "XYZ" in page.content.decode()
    with_neq = client.get(INDEX, {"degree": ["IDT", "MOD", "NEQ"]})
    assert with_neq.context["overall"] == Rate(3, 5)


def test_the_behind_list_names_the_newer_edition_per_field_and_per_committee(client, adoption_scene):
    page = client.get(BEHIND)
    rows = [(r.source.identifier, r.target.identifier, r.newer_identifier) for r in page.context["page"]]
    assert rows == [("GB/T 23331-2012", "ISO 50001:2011", "ISO 50001:2018")]
    assert [r.source.identifier for r in client.get(BEHIND, {"committee": "SAC/TC 20"}).context["page"]] == [
        "GB/T 23331-2012"]
    assert list(client.get(BEHIND, {"committee": "SAC/TC 207"}).context["page"]) == []
    assert [r.source.identifier for r in client.get(BEHIND, {"dimension": "ics", "field": "27.015"})
            .context["page"]] == ["GB/T 23331-2012"]
    assert list(client.get(BEHIND, {"field": "13.020"}).context["page"]) == []


def test_the_chinese_standard_s_page_shows_what_it_adopts_with_the_degree_and_that_it_is_behind(client,
                                                                                                 adoption_scene):
    body = client.get(adoption_scene["gb23331"].get_absolute_url()).content.decode()
    assert "ISO 50001:2011" in body and "修改采用（MOD）" in body
    assert "落后于新版" in body and "ISO 50001:2018" in body
    current = client.get(adoption_scene["gb24001"].get_absolute_url()).content.decode()
    assert "等同采用（IDT）" in current and "落后于新版" not in current


def test_the_iso_edition_s_page_lists_its_adopters_and_the_newest_edition_lists_those_behind(client, adoption_scene):
    old = client.get(adoption_scene["iso50001_2011"].get_absolute_url()).content.decode()
    assert "GB/T 23331-2012" in old and "修改采用（MOD）" in old
    assert "已有新版本" in old and "ISO 50001:2018" in old
    new = client.get(adoption_scene["iso50001_2018"].get_absolute_url()).content.decode()
    assert "仍采用本标准旧版本的中国标准" in new and "GB/T 23331-2012" in new
    adopted = client.get(adoption_scene["iso14001"].get_absolute_url()).content.decode()
    assert "GB/T 24001-2016" in adopted and "等同采用（IDT）" in adopted and "已有新版本" not in adopted


def test_an_adoption_of_the_series_is_said_so_and_follows_the_newest_edition(client, adoption_scene):
    gb = make_series = chinese("GB/T 24031-2022", "ISO 14031", "IDT", published="2022-01-01",
                               implemented="2022-07-01")
    body = client.get(gb.get_absolute_url()).content.decode()
    assert "未注明年代号" in body and "ISO 14031:2021" in body and "落后于新版" not in body
    assert make_series.relations_out.get().target == adoption_scene["iso14031"]


def test_a_new_iso_edition_makes_the_adoption_behind_and_the_rate_follows(client, adoption_scene):
    query = params.parse(Get())
    assert selectors.rate(query).tally.overall == Rate(2, 5)
    assert "落后于新版" not in client.get(adoption_scene["gb24001"].get_absolute_url()).content.decode()

    iso("ISO 14001:2026", published="2026-03-01", replaces=["ISO 14001:2015"])

    body = client.get(adoption_scene["gb24001"].get_absolute_url()).content.decode()
    assert "落后于新版" in body and "ISO 14001:2026" in body
    behind = [r.source.identifier for r in client.get(BEHIND).context["page"]]
    assert "GB/T 24001-2016" in behind
    # The 2015 edition is replaced: the new one, adopted by no one yet, takes its place in the denominator.
    assert selectors.rate(query).tally.overall == Rate(1, 5)


def test_the_rate_of_a_mirrored_committee_agrees_with_the_assessment(adoption_scene, tc_secretariat):
    committee = Committee.objects.create(code="SAC/TC 207", kind="TC", name_zh="环境管理",
                                         international_counterpart="ISO/TC 207/SC 1")
    counted = figures.count([committee], year=2026, as_of=date(2026, 12, 31))[committee.pk]
    assessment = counted.ratios[Indicator.INTERNATIONAL.value]
    ours = selectors.compute(params.parse(Get(dimension="tc", level="2"))).tally.fields["ISO/TC 207/SC 1"]
    assert assessment == Ratio(2, 4)
    assert (ours.adopted, ours.in_scope) == (assessment.numerator, assessment.denominator)


def test_the_page_reads_the_catalogue_in_a_few_queries(client, adoption_scene, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(INDEX, {"dimension": "tc"}).status_code == 200


def test_the_trend_ends_a_replaced_iso_edition_when_its_replacement_was_published(adoption_scene):
    trend = dict(selectors.compute(params.parse(Get(within="27.015", level="2")), today=date(2026, 6, 1)).trend)
    assert trend[2017] == Rate(1, 1)  # ISO 50001:2011, adopted by GB/T 23331-2012 (in force from 2013-10-01)
    assert trend[2018] == Rate(0, 1)  # replaced by ISO 50001:2018 (published 2018-08-01), which nobody adopts
    assert trend[2026] == selectors.compute(params.parse(Get(within="27.015", level="2"))).tally.overall
