"""factory-boy factories for technical committees and their members.

They write rows directly (no services, no events): use them to set the scene, and call the services for the change
under test. ``MemberFactory(committee=c)`` seats a voting member in term from 2020 to 2035, in stakeholder
categories that rotate so a committee stays balanced; ``MemberFactory(committee=c, user=u)`` links the seat to an
account (the member then votes in person).
"""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from biaozhun.committees.models import Committee, CommitteeKind, Member, Stakeholder

CATEGORIES = [Stakeholder.PRODUCER, Stakeholder.USER, Stakeholder.RESEARCH, Stakeholder.TESTING,
              Stakeholder.CONSUMER, Stakeholder.GOVERNMENT]


class CommitteeFactory(DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"SAC/TC {500 + n}")
    kind = CommitteeKind.TC
    name_zh = factory.Sequence(lambda n: f"全国测试{n}标准化技术委员会")


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"委员{n}")
    organisation = factory.Sequence(lambda n: f"单位{n}")
    stakeholder = factory.Sequence(lambda n: CATEGORIES[n % len(CATEGORIES)])
    voting = True
    term_start = date(2020, 1, 1)
    term_end = date(2035, 12, 31)
    user = None
