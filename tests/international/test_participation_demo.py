"""The demo loader: the demo committees' counterparts registered and linked, posts, work items with their stage
history, ballots for the demo secretary's committee (open, voted, missed); a second run loads nothing."""

import io

import pytest

from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.international.demo import participation as demo
from biaozhun.international.models import InternationalBallot, InternationalCommittee, MirrorLink, Post, WorkItem

pytestmark = pytest.mark.django_db


def test_the_demo_mirrors_the_committees_and_leaves_ballots_to_vote_on(mailoutbox):
    create_committee(actor=SYSTEM, code="SAC/TC 28", name_zh="全国信息技术标准化技术委员会",
                     international_counterpart="ISO/IEC JTC 1")
    create_committee(actor=SYSTEM, code="SAC/TC 10", name_zh="全国医用电器标准化技术委员会",
                     international_counterpart="IEC/SC 62A")
    summary = demo.load(io.StringIO())
    assert "ballots" in summary
    assert InternationalCommittee.objects.get(code="IEC/SC 62A").parent.code == "IEC/TC 62"
    assert set(MirrorLink.objects.values_list("committee__code", "international__code")) == {
        ("SAC/TC 28", "ISO/IEC JTC 1"), ("SAC/TC 10", "IEC/SC 62A")}
    assert Post.objects.count() == len(demo.POSTS) and WorkItem.objects.get(reference="ISO/IEC 30149").stage == "60.60"
    ballots = InternationalBallot.objects.all()
    assert ballots.count() == 4
    assert ballots.exclude(vote="").count() == 1 and ballots.filter(missed_on__isnull=False).count() == 1
    assert "nothing loaded" in demo.load(io.StringIO())
