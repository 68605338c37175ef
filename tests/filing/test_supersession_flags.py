"""A national standard published on the subject of filed standards flags them to their authorities, once per
pair, by email; the authority confirms, or dismisses with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from biaozhun.accounts.models import MembershipRole
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.filing.models import FlagEventKind, FlagState, SupersessionFlag, SupersessionFlagEvent
from biaozhun.filing.services import confirm_flag, dismiss_flag, scan_national_editions
from tests.factories.accounts import UserFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

TITLE = "电动汽车充电站运营管理规范"
SCOPE = "本文件规定了电动汽车充电站的运营管理要求。"


@pytest.fixture
def filed(ministry, bureau):
    """An industry and a local standard on one subject, and an unrelated one."""
    return [
        make_standard("JB/T 9001-2018", title_zh=TITLE, scope=SCOPE, published_on="2018-01-01",
                      implemented_on="2018-06-01"),
        make_standard("DB32/T 9002-2019", title_zh="电动汽车充电站运营管理技术规范", scope=SCOPE,
                      published_on="2019-01-01", implemented_on="2019-06-01"),
        make_standard("DB32/T 9003-2019", title_zh="茶叶加工技术规程", published_on="2019-01-01",
                      implemented_on="2019-06-01"),
    ]


def publish_national(identifier="GB/T 45001-2026", days_ago=30):
    published = clock.today() - timedelta(days=days_ago)
    return make_standard(identifier, title_zh=TITLE, scope=SCOPE, published_on=published,
                         implemented_on=published + timedelta(days=180))


def scan(search_index, capture, execute=True):
    search_index()
    with capture(execute=execute):
        return scan_national_editions(actor=SYSTEM)


def test_a_new_national_standard_flags_the_filed_standards_on_its_subject_to_their_authorities(
        filed, ministry, bureau, search_index, django_capture_on_commit_callbacks):
    national = publish_national()
    totals = scan(search_index, django_capture_on_commit_callbacks)
    flags = {f.standard.identifier: f for f in SupersessionFlag.objects.select_related("standard")}
    assert set(flags) == {"JB/T 9001-2018", "DB32/T 9002-2019"}
    assert flags["JB/T 9001-2018"].authority == ministry and flags["DB32/T 9002-2019"].authority == bureau
    assert all(f.national == national and f.state == FlagState.OPEN and f.score >= 0.6 for f in flags.values())
    assert "充电站" in "".join(flags["DB32/T 9002-2019"].shared)
    assert totals["flags"] == 2
    assert list(SupersessionFlagEvent.objects.values_list("kind", flat=True)) == [FlagEventKind.CREATED] * 2


def test_the_scan_flags_each_pair_once_however_often_it_runs(filed, search_index, django_capture_on_commit_callbacks):
    publish_national()
    scan(search_index, django_capture_on_commit_callbacks)
    assert scan(search_index, django_capture_on_commit_callbacks)["flags"] == 0
    assert SupersessionFlag.objects.count() == 2
    publish_national("GB/T 45001-2027")  # a new edition of the same national number: no second flag
    assert scan(search_index, django_capture_on_commit_callbacks)["national"] == 1
    assert SupersessionFlag.objects.count() == 2


def test_standards_issued_after_the_national_one_or_no_longer_in_force_are_not_flagged(
        ministry, search_index, django_capture_on_commit_callbacks):
    later = clock.today() - timedelta(days=10)
    make_standard("JB/T 9005-2026", title_zh=TITLE, published_on=later, implemented_on=later)
    make_standard("JB/T 9006-2010", title_zh=TITLE, published_on="2010-01-01", implemented_on="2010-06-01",
                  abolished_on="2015-01-01")
    publish_national()
    scan(search_index, django_capture_on_commit_callbacks)
    assert not SupersessionFlag.objects.exists()


def test_national_editions_published_long_ago_are_history_not_news(filed, search_index,
                                                                   django_capture_on_commit_callbacks):
    publish_national(days_ago=800)  # an import of the catalogue's past
    assert scan(search_index, django_capture_on_commit_callbacks)["national"] == 0
    assert not SupersessionFlag.objects.exists()


def test_the_authoritys_members_are_emailed_in_their_language(filed, ministry, ministry_user, search_index, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    english = UserFactory(member_of=ministry, member_of__role=MembershipRole.ADMIN, language="en")
    publish_national()
    scan(search_index, django_capture_on_commit_callbacks)
    to_ministry = {m.to[0]: m for m in mailoutbox if m.to[0] in (ministry_user.email, english.email)}
    assert set(to_ministry) == {ministry_user.email, english.email}
    assert "JB/T 9001-2018" in to_ministry[ministry_user.email].body
    assert "GB/T 45001-2026" in to_ministry[ministry_user.email].body
    assert "国家标准覆盖提示" in to_ministry[ministry_user.email].subject
    assert to_ministry[english.email].body.startswith(f"Dear {english.real_name},")  # rendered in English
    assert to_ministry[ministry_user.email].body.startswith(f"{ministry_user.real_name}，您好：")


def test_no_email_is_sent_until_the_flags_are_committed(filed, search_index, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    publish_national()
    scan(search_index, django_capture_on_commit_callbacks, execute=False)
    assert mailoutbox == []


@pytest.fixture
def flag(filed, search_index, django_capture_on_commit_callbacks):
    publish_national()
    scan(search_index, django_capture_on_commit_callbacks)
    return SupersessionFlag.objects.get(standard__identifier="JB/T 9001-2018")


def test_dismissing_needs_a_reason_and_records_it(flag, ministry_user):
    with pytest.raises(ValidationFailed) as refused:
        dismiss_flag(actor=ministry_user, flag=flag, reason="  ")
    assert refused.value.errors[0]["field"] == "reason"
    flag.refresh_from_db()
    assert flag.state == FlagState.OPEN
    dismiss_flag(actor=ministry_user, flag=flag, reason="本标准针对机床行业的专用充电设备，国家标准不覆盖")
    flag.refresh_from_db()
    assert (flag.state, flag.decided_by) == (FlagState.DISMISSED, ministry_user)
    event = flag.events.get(kind=FlagEventKind.DISMISSED)
    assert (event.actor, event.reason) == (ministry_user, "本标准针对机床行业的专用充电设备，国家标准不覆盖")


def test_confirming_once_and_only_by_the_authority(flag, ministry_user, bureau_user):
    with pytest.raises(PermissionDeniedError):
        confirm_flag(actor=bureau_user, flag=flag)
    with pytest.raises(PermissionDeniedError):
        dismiss_flag(actor=bureau_user, flag=flag, reason="")
    assert flag.events.count() == 1
    confirm_flag(actor=ministry_user, flag=flag, note="拟废止")
    with pytest.raises(InvalidTransition):
        dismiss_flag(actor=ministry_user, flag=flag, reason="改变主意")
    flag.refresh_from_db()
    assert flag.state == FlagState.CONFIRMED


def test_the_daily_task_runs_the_scan(filed, settings, search_index, django_capture_on_commit_callbacks):
    from biaozhun.filing.tasks import flag_superseded_standards

    assert ("biaozhun.filing.tasks.flag_superseded_standards", "00:45") in settings.BIAOZHUN_DAILY_TASKS
    publish_national()
    search_index()
    with django_capture_on_commit_callbacks(execute=True):
        result = flag_superseded_standards.enqueue()
    assert result.return_value["flags"] == 2
