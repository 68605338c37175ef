"""Conversions (转化): industry or local standards converted, or merged, into a national or group standard are shown
on both editions' pages, travel through import and export, and are recorded only by those who may."""

import io

import pytest
from django.core.management import call_command

from biaozhun.catalog import exporting
from biaozhun.catalog.importing import run_import
from biaozhun.catalog.models import EventKind, RelationKind, Standard, StandardEvent, StandardRelation
from biaozhun.catalog.selectors import record_cleaner
from biaozhun.catalog.services import record_conversion
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from tests.fixtures.catalog import make_standard, wipe_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    return make_standard("GB/T 41000-2021", title_zh="机床 数控系统 通用技术条件", published_on="2021-10-11",
                         implemented_on="2022-05-01")


def test_two_industry_standards_merged_into_a_national_one_are_shown_both_ways(client, jb_standard, national,
                                                                               ministry_user):
    other = make_standard("JB/T 10002-2017", title_zh="机床 数控系统 术语", published_on="2017-04-01")
    record_conversion(actor=ministry_user, sources=[jb_standard, other], target=national, note="合并转化为国家标准")

    source_page = client.get(jb_standard.get_absolute_url()).content.decode()
    assert "转化为" in source_page and "GB/T 41000-2021" in source_page
    target_page = client.get(national.get_absolute_url()).content.decode()
    assert "转化（合并）而来" in target_page
    assert "JB/T 10001-2018" in target_page and "JB/T 10002-2017" in target_page


def test_a_conversion_records_one_event_on_each_edition_with_the_note(jb_standard, national, ministry_user):
    version = jb_standard.version
    record_conversion(actor=ministry_user, sources=[jb_standard], target=national, note="转化为国家标准")
    for standard in (jb_standard, national):
        event = standard.events.get(kind=EventKind.CONVERTED)
        assert (event.actor, event.reason) == (ministry_user, "转化为国家标准")
        assert event.data == {"sources": ["JB/T 10001-2018"], "target": "GB/T 41000-2021"}
    jb_standard.refresh_from_db()
    assert jb_standard.version == version + 1  # exports of what changed since carry the new relation


def test_another_ministry_may_not_record_a_conversion_and_nothing_is_written(jb_standard, national, bureau_user):
    events = StandardEvent.objects.count()
    with pytest.raises(PermissionDeniedError):
        record_conversion(actor=bureau_user, sources=[jb_standard], target=national, note="")
    assert not StandardRelation.objects.filter(kind=RelationKind.CONVERTED_TO).exists()
    assert StandardEvent.objects.count() == events


def test_a_conversion_within_a_tier_or_recorded_twice_is_refused(jb_standard, national, ministry_user):
    other_industry = make_standard("JB/T 20001-2022", title_zh="机床 安全", published_on="2022-01-01",
                                   implemented_on="2022-06-01")
    with pytest.raises(ValidationFailed) as refused:
        record_conversion(actor=SYSTEM, sources=[jb_standard], target=other_industry)
    assert refused.value.errors[0]["field"] == "target"
    record_conversion(actor=SYSTEM, sources=[jb_standard], target=national)
    with pytest.raises(ValidationFailed, match="转化关系未能登记"):
        record_conversion(actor=SYSTEM, sources=[jb_standard], target=national)
    assert StandardRelation.objects.filter(kind=RelationKind.CONVERTED_TO).count() == 1


def test_the_interchange_format_refuses_a_national_standard_as_the_converted_one():
    record, errors = record_cleaner().clean({"identifier": "GB/T 1-2020", "title_zh": "标准",
                                             "converted_to": ["T/CAS 1-2021"]})
    assert [e.field for e in errors] == ["converted_to[1]"]


def test_a_local_standard_may_become_an_industry_standard():
    record, errors = record_cleaner().clean({"identifier": "DB32/T 1-2015", "title_zh": "标准",
                                             "converted_to": ["JB/T 1-2021"]})
    assert not errors
    assert [(r.kind, r.target) for r in record.relations] == [("converted_to", "JB/T 1-2021")]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "xlsx"])
def test_conversions_round_trip_through_export_and_import(fmt, tmp_path):
    make_standard("GB/T 41000-2021", title_zh="机床 数控系统 通用技术条件")
    make_standard("JB/T 10001-2018", title_zh="机床 数控系统", converted_to=["GB/T 41000-2021"])
    make_standard("DB32/T 100-2015", title_zh="机床 数控系统 地方", converted_to=["GB/T 41000-2021", "T/CAS 9-2020"])
    before = list(exporting.iter_records(Standard.objects.all()))
    assert {tuple(r["converted_to"]) for r in before} == {(), ("GB/T 41000-2021",),
                                                          ("GB/T 41000-2021", "T/CAS 9-2020")}
    path = tmp_path / f"out.{fmt}"
    call_command("catalog_export", "--format", fmt, "--out", str(path), "--no-progress", stderr=io.StringIO())
    wipe_catalogue()
    run_import(path, actor=SYSTEM)
    assert list(exporting.iter_records(Standard.objects.all())) == before
    national = Standard.objects.get(identifier="GB/T 41000-2021")
    assert national.relations_in.filter(kind=RelationKind.CONVERTED_TO).count() == 2
