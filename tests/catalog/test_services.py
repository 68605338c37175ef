"""Catalogue services: every write appends its event; permissions come from the policy."""

from datetime import date

import pytest
import time_machine
from django.utils import translation

from biaozhun.catalog.models import EventKind, Standard, StandardEvent
from biaozhun.catalog.services import (
    DuplicateStandard,
    StaleEdit,
    abolish_standard,
    create_standard,
    refresh_due_statuses,
    update_standard,
)
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def test_create_stores_canonical_number_components_and_one_event(admin_user):
    standard = create_standard(actor=admin_user, data={
        "identifier": "ＧＢ／Ｔ 19001—2016", "title_zh": "质量管理体系 要求", "ccs": "A00",
        "published_on": "2016-12-30", "implemented_on": "2017-07-01",
    })
    assert standard.identifier == "GB/T 19001-2016"
    assert (standard.tier, standard.nature, standard.prefix, standard.number, standard.year) == (
        "national", "recommended", "GB/T", "19001", 2016)
    assert standard.undated == "GB/T 19001"
    assert standard.status == "current"
    assert list(standard.events.values_list("kind", "actor")) == [(EventKind.CREATED, admin_user.pk)]


def test_create_refused_for_a_registered_user_and_nothing_written(registered_user):
    with pytest.raises(PermissionDeniedError):
        create_standard(actor=registered_user, data={"identifier": "GB/T 1-2020", "title_zh": "标题"})
    assert not Standard.objects.exists()
    assert not StandardEvent.objects.exists()


def test_create_twice_is_refused():
    make_standard("GB/T 1.1-2020")
    with pytest.raises(DuplicateStandard, match="GB/T 1.1-2020"):
        make_standard("GB/T 1.1-2020")


def test_invalid_fields_are_all_reported():
    with pytest.raises(ValidationFailed) as caught:
        make_standard("GB/T 2-2020", ccs="ZZZ", published_on="2020-02-30", ics=["99.999"])
    fields = {e["field"] for e in caught.value.errors}
    assert fields == {"ccs", "published_on", "ics"}
    assert not Standard.objects.exists()


def test_update_records_changed_fields_with_old_values(admin_user):
    standard = make_standard("GB/T 3-2020", title_zh="旧标题")
    updated = update_standard(actor=admin_user, standard=standard, changes={"title_zh": "新标题"}, expected_version=1)
    assert updated.title_zh == "新标题"
    assert updated.version == 2
    event = updated.events.get(kind=EventKind.UPDATED)
    assert event.data["before"] == {"title_zh": "旧标题"}
    assert event.actor == admin_user


def test_update_with_stale_version_is_refused_and_keeps_the_other_edit(admin_user):
    standard = make_standard("GB/T 4-2020")
    update_standard(actor=admin_user, standard=standard, changes={"title_zh": "甲的修改"}, expected_version=1)
    with pytest.raises(StaleEdit, match="已有其他人修改了它") as caught:
        update_standard(actor=admin_user, standard=standard, changes={"title_zh": "乙的修改"}, expected_version=1)
    assert (caught.value.code, caught.value.data["version"]) == ("stale_edit", 2)
    with translation.override("en"), pytest.raises(StaleEdit, match="was changed by someone else"):
        update_standard(actor=admin_user, standard=standard, changes={"title_zh": "乙的修改"}, expected_version=1)
    standard.refresh_from_db()
    assert standard.title_zh == "甲的修改"


def test_update_without_changes_records_nothing(admin_user):
    standard = make_standard("GB/T 5-2020")
    update_standard(actor=admin_user, standard=standard, changes={}, expected_version=1)
    assert standard.events.count() == 1


def test_abolish_moves_status_and_explains_why(admin_user):
    standard = make_standard("GB/T 6-2010", published_on="2010-01-01", implemented_on="2010-06-01")
    with time_machine.travel(date(2026, 11, 25), tick=False):
        standard = abolish_standard(actor=admin_user, standard=standard, on=date(2026, 1, 1), reason="复审结论：废止")
    assert (standard.status, standard.status_reason, standard.status_since) == ("abolished", "abolished", date(2026, 1, 1))
    kinds = list(standard.events.order_by("id").values_list("kind", flat=True))
    assert kinds == [EventKind.CREATED, EventKind.ABOLISHED, EventKind.STATUS_CHANGED]


def test_future_abolition_takes_effect_in_the_daily_sweep(admin_user):
    standard = make_standard("GB/T 7-2010", published_on="2010-01-01", implemented_on="2010-06-01")
    with time_machine.travel(date(2026, 11, 25), tick=False):
        abolish_standard(actor=admin_user, standard=standard, on=date(2027, 1, 1), reason="")
    standard.refresh_from_db()
    assert standard.status == "current"
    assert standard.next_status_change == date(2027, 1, 1)
    assert refresh_due_statuses(actor=SYSTEM, today=date(2026, 12, 31)) == 0
    assert refresh_due_statuses(actor=SYSTEM, today=date(2027, 1, 1)) == 1
    standard.refresh_from_db()
    assert standard.status == "abolished"
    assert standard.next_status_change is None


def test_upcoming_becomes_current_on_its_implementation_date():
    with time_machine.travel(date(2026, 11, 25), tick=False):
        standard = make_standard("GB/T 8-2026", published_on="2026-10-01", implemented_on="2027-04-01")
    assert standard.status == "upcoming"
    refresh_due_statuses(actor=SYSTEM, today=date(2027, 4, 1))
    standard.refresh_from_db()
    assert standard.status == "current"
    assert standard.events.filter(kind=EventKind.STATUS_CHANGED, from_status="upcoming", to_status="current").count() == 1
