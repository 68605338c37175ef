"""Withdrawing an edition published in error: it leaves the catalogue and its number is free again, the edition
it replaced is in force again, references wait or relink, and the history keeps all of it."""

from datetime import date

import pytest
import time_machine

from biaozhun.catalog.models import EventKind, Standard, StandardEvent, StandardRelation, Status
from biaozhun.catalog.services import withdraw_standard
from biaozhun.catalog.validity import check_lines
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 30)


@pytest.fixture
def mistake():
    """GB 7258-2026, published by mistake as the new edition of the motor vehicle standard; a dated and an
    undated reference to the series."""
    with time_machine.travel(date(2026, 11, 1), tick=False):
        make_standard("GB 7258-2017", title_zh="机动车运行安全技术条件", published_on="2017-09-29",
                      implemented_on="2018-01-01")
        wrong = make_standard("GB 7258-2026", title_zh="医用电器 检验规则", published_on="2026-10-30",
                              implemented_on="2026-11-01", replaces=["GB 7258-2017"])
        make_standard("GB/T 1-2025", title_zh="引用者", references=["GB 7258-2026", "GB 7258"])
    return wrong


def test_the_withdrawn_edition_leaves_the_catalogue_and_the_replaced_one_is_in_force_again(mistake, admin_user):
    assert Standard.objects.get(identifier="GB 7258-2017").status == Status.REPLACED
    with time_machine.travel(DAY, tick=False):
        withdrawn = withdraw_standard(actor=admin_user, standard=mistake, reason="标准号填写错误，应为 GB 9706.299-2026")
    assert not Standard.objects.filter(pk=mistake.pk).exists()
    assert withdrawn.withdrawn_identifier == "GB 7258-2026"
    assert Standard.all_objects.get(pk=mistake.pk).withdrawal_reason.startswith("标准号填写错误")
    assert Standard.objects.get(identifier="GB 7258-2017").status == Status.CURRENT
    event = StandardEvent.objects.get(standard_id=mistake.pk, kind=EventKind.WITHDRAWN)
    assert (event.actor, event.data, event.reason) == (admin_user, {"identifier": "GB 7258-2026"},
                                                       "标准号填写错误，应为 GB 9706.299-2026")
    [row] = check_lines(["GB 7258-2026"])
    assert row.outcome == "not_found"


def test_references_wait_for_the_number_or_relink_to_the_series(mistake, admin_user):
    with time_machine.travel(DAY, tick=False):
        withdraw_standard(actor=admin_user, standard=mistake, reason="发布有误")
    targets = dict(StandardRelation.objects.filter(source__identifier="GB/T 1-2025")
                   .values_list("target_identifier", "target__identifier"))
    assert targets == {"GB 7258-2026": None, "GB 7258": "GB 7258-2017"}
    assert StandardEvent.objects.filter(kind=EventKind.RELATION_UNRESOLVED).count() == 1
    with time_machine.travel(DAY, tick=False):
        correct = make_standard("GB 7258-2026", title_zh="机动车运行安全技术条件", published_on="2026-11-30",
                                implemented_on="2027-07-01", replaces=["GB 7258-2017"])
    assert correct.pk != mistake.pk  # the number is free for the correct edition
    targets = dict(StandardRelation.objects.filter(source__identifier="GB/T 1-2025")
                   .values_list("target_identifier", "target_id"))
    assert targets == {"GB 7258-2026": correct.pk, "GB 7258": correct.pk}


def test_pages_and_search_no_longer_show_it(client, mistake, admin_user, search_index):
    with time_machine.travel(DAY, tick=False):
        withdraw_standard(actor=admin_user, standard=mistake, reason="发布有误")
    search_index()
    assert client.get("/std/GB 7258-2026").status_code == 404
    hits = client.get("/api/v1/search/", {"q": "医用电器 检验规则"}).json()["hits"]
    assert [hit["identifier"] for hit in hits] == []
    assert client.get("/std/GB 7258").url.endswith("/std/GB%207258-2017")


def test_only_administrators_withdraw_and_a_refusal_writes_nothing(mistake, reviewer_user, admin_user):
    with pytest.raises(PermissionDeniedError):
        withdraw_standard(actor=reviewer_user, standard=mistake, reason="发布有误")
    with pytest.raises(ValidationFailed) as refused:
        withdraw_standard(actor=admin_user, standard=mistake, reason="  ")
    assert refused.value.errors[0]["field"] == "reason"
    assert Standard.objects.filter(pk=mistake.pk).exists()
    assert not StandardEvent.objects.filter(kind=EventKind.WITHDRAWN).exists()


def test_an_edition_is_withdrawn_once(mistake, admin_user):
    withdraw_standard(actor=admin_user, standard=mistake, reason="发布有误")
    with pytest.raises(InvalidTransition, match="GB 7258-2026"):
        withdraw_standard(actor=admin_user, standard=mistake, reason="再次")


def test_an_administrator_withdraws_from_the_admin_with_a_reason(client, mistake, admin_user):
    client.force_login(admin_user)
    url = "/admin/catalog/standard/"
    asked = client.post(url, {"action": "withdraw", "_selected_action": [mistake.pk]})
    assert asked.status_code == 200 and "撤销原因" in asked.content.decode()
    assert Standard.objects.filter(pk=mistake.pk).exists()  # nothing happens before the reason is given
    done = client.post(url, {"action": "withdraw", "_selected_action": [mistake.pk], "reason": "标准号填写错误"})
    assert done.status_code == 302
    assert Standard.all_objects.get(pk=mistake.pk).withdrawal_reason == "标准号填写错误"
    history = client.get(f"/admin/catalog/standard/{mistake.pk}/change/")
    assert history.status_code == 200 and "标准号填写错误" in history.content.decode()  # read-only, still there
