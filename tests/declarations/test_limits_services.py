"""The limits table's services: administrators add, change and deactivate rows, each with its event; anyone else
is refused and nothing is written; every problem names its field in words a person can act on."""

from decimal import Decimal

import pytest
from django.db import connection

from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.declarations.models import LimitEventKind, MandatoryIndicator, MandatoryIndicatorEvent
from biaozhun.declarations.services.limits import LimitInput, add_limit, deactivate_limit, edit_limit
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def sulfur(**changes) -> LimitInput:
    values = {"standard_number": "GB 252-2015", "clause": "表1", "scope_keywords": "普通柴油；柴油",
              "indicator_name": "硫含量", "aliases": ["硫"], "unit": "mg/kg", "comparator": "≤", "limit_value": "10",
              "note": "", "verified": True, "active": True}
    return LimitInput(**{**values, **changes})


def counts():
    return MandatoryIndicator.objects.count(), MandatoryIndicatorEvent.objects.count()


@pytest.fixture
def administrator(admin_user):
    return admin_user


def test_an_administrator_adds_a_limit_with_its_created_event(administrator):
    limit = add_limit(actor=administrator, data=sulfur(standard_number="gb 252-2015"))
    assert (limit.standard_number, limit.comparator, limit.limit_value) == ("GB 252-2015", "le", Decimal("10"))
    assert limit.scope_keywords == ["普通柴油", "柴油"] and limit.aliases == ["硫"]
    event = limit.events.get()
    assert event.kind == LimitEventKind.CREATED and event.actor == administrator
    assert event.data["after"]["limit_value"] == "10"


@pytest.mark.parametrize("service", ["add", "edit", "deactivate"])
def test_a_person_who_is_not_an_administrator_is_refused_and_nothing_is_written(service, administrator):
    limit = add_limit(actor=administrator, data=sulfur())
    before = counts()
    enterprise_member = UserFactory()
    with pytest.raises(PermissionDeniedError):
        if service == "add":
            add_limit(actor=enterprise_member, data=sulfur(clause="表2"))
        elif service == "edit":
            edit_limit(actor=enterprise_member, limit=limit, data=sulfur(limit_value="50"))
        else:
            deactivate_limit(actor=enterprise_member, limit=limit)
    assert counts() == before
    limit.refresh_from_db()
    assert limit.active and limit.limit_value == Decimal("10")


def test_an_invalid_row_names_each_field_and_writes_nothing(administrator):
    before = counts()
    with pytest.raises(ValidationFailed) as refused:
        add_limit(actor=administrator, data=sulfur(standard_number="Q/ABC 1-2020", clause="", comparator="约",
                                                   limit_value="10mg", verified="也许"))
    problems = {p["field"]: p["message"] for p in refused.value.errors}
    assert set(problems) == {"standard_number", "clause", "comparator", "limit_value", "verified"}
    assert "GB 19147-2016" in problems["standard_number"]
    assert "≤" in problems["comparator"] and "单位" in problems["limit_value"]
    assert counts() == before


def test_a_mandatory_standard_needs_product_keywords_but_a_recommended_one_does_not(administrator):
    with pytest.raises(ValidationFailed) as refused:
        add_limit(actor=administrator, data=sulfur(scope_keywords=""))
    assert [p["field"] for p in refused.value.errors] == ["scope_keywords"]
    assert add_limit(actor=administrator, data=sulfur(standard_number="GB/T 19147-2013", scope_keywords="")).pk


def test_too_many_decimal_places_and_a_second_identical_row_are_refused(administrator):
    add_limit(actor=administrator, data=sulfur())
    with pytest.raises(ValidationFailed) as refused:
        add_limit(actor=administrator, data=sulfur(limit_value="0.000000001", clause="表9"))
    assert "8 位小数" in refused.value.errors[0]["message"]
    with pytest.raises(ValidationFailed) as duplicate:
        add_limit(actor=administrator, data=sulfur(limit_value="20"))
    assert duplicate.value.errors[0]["field"] == "indicator_name" and "已有" in duplicate.value.errors[0]["message"]


def test_a_change_records_only_the_changed_fields_before_and_after(administrator):
    limit = add_limit(actor=administrator, data=sulfur())
    edit_limit(actor=administrator, limit=limit, data=sulfur(limit_value="10.0", note="第五阶段"))
    event = limit.events.latest("id")
    assert event.kind == LimitEventKind.CHANGED
    assert event.data == {"before": {"note": ""}, "after": {"note": "第五阶段"}}
    edit_limit(actor=administrator, limit=limit, data=sulfur(note="第五阶段"))  # nothing changed: no event
    assert limit.events.count() == 2


def test_deactivating_keeps_the_row_and_records_it_once(administrator):
    limit = add_limit(actor=administrator, data=sulfur())
    deactivate_limit(actor=administrator, limit=limit)
    deactivate_limit(actor=administrator, limit=limit)
    limit.refresh_from_db()
    assert not limit.active
    assert list(limit.events.values_list("kind", flat=True)) == [LimitEventKind.CREATED, LimitEventKind.DEACTIVATED]


def test_limit_events_cannot_be_changed_in_the_database(administrator):
    limit = add_limit(actor=administrator, data=sulfur())
    with pytest.raises(Exception, match="(?i)append"), connection.cursor() as cursor:
        cursor.execute("UPDATE declarations_mandatoryindicatorevent SET kind = 'changed' WHERE indicator_id = %s",
                       [limit.pk])
