"""`manage.py load_demo_groups`: three organisations with valid USCCs, group standards in the catalogue, an open
征求意见 with comments; a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from stdnum.cn import uscc

from biaozhun.catalog.models import Standard
from biaozhun.core import clock
from biaozhun.groups.models import Announcement, AnnouncementComment, GroupProfile, GroupStandard
from biaozhun.groups.services import comment_phase

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_valid_codes_and_an_open_call():
    call_command("load_demo_groups", stdout=io.StringIO())
    counts = (GroupProfile.objects.count(), GroupStandard.objects.count(), AnnouncementComment.objects.count())
    assert counts == (3, 7, 2)
    assert all(uscc.is_valid(p.organisation.uscc) for p in GroupProfile.objects.select_related("organisation"))
    assert Standard.objects.filter(tier="group", org_code="CSAE").count() == 2
    call = Announcement.objects.get(kind="draft_for_comment")
    assert comment_phase(call, clock.today()) == "open" and call.draft
    call_command("load_demo_groups", stdout=io.StringIO())
    assert (GroupProfile.objects.count(), GroupStandard.objects.count(), AnnouncementComment.objects.count()) == counts
