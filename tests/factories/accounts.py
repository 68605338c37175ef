"""factory-boy factories for users, organisations and memberships.

They write rows directly (no services, no events): use them to set the scene, and call the services for the
change under test. ``UserFactory(member_of=org, member_of__role="admin")`` also creates the membership.
"""

import factory
from factory.django import DjangoModelFactory, Password
from stdnum.cn import uscc as stdnum_uscc

from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User

DEFAULT_PASSWORD = "correct-horse-battery-staple"  # noqa: S105 (test data)


def make_uscc(n: int, *, region: str = "320100") -> str:
    """A valid unified social credit code: "91" (enterprise), a region, 9 digits from ``n``, the check digit."""
    body = f"91{region}{n:09d}"
    return body + stdnum_uscc.calc_check_digit(body)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.ENTERPRISE
    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    uscc = factory.Sequence(make_uscc)

    class Params:
        social_organisation = factory.Trait(
            kind=OrganisationKind.SOCIAL_ORGANISATION, name=factory.Sequence(lambda n: f"测试协会{n}")
        )
        testing_lab = factory.Trait(
            kind=OrganisationKind.TESTING_LAB, name=factory.Sequence(lambda n: f"测试检验检测中心{n}")
        )
        ministry = factory.Trait(
            kind=OrganisationKind.GOVERNMENT_DEPARTMENT, uscc="", industry_code="JB", name="工业和信息化部"
        )
        bureau = factory.Trait(kind=OrganisationKind.BUREAU, uscc="", region_code="32", name="江苏省市场监督管理局")
        national_administration = factory.Trait(
            kind=OrganisationKind.NATIONAL_ADMINISTRATION, uscc="", name="国家标准化管理委员会"
        )
        tc_secretariat = factory.Trait(
            kind=OrganisationKind.TC_SECRETARIAT,
            uscc="",
            tc_code="SAC/TC 28",
            name="全国信息技术标准化技术委员会秘书处",
        )


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    real_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = Password(DEFAULT_PASSWORD)
    is_active = True

    @factory.post_generation
    def member_of(self, create: bool, extracted: Organisation | None, **kwargs: str) -> None:
        if extracted is None:
            return
        role = kwargs.get("role", MembershipRole.MEMBER)
        if create:
            MembershipFactory(user=self, organisation=extracted, role=role)
        else:
            MembershipFactory.build(user=self, organisation=extracted, role=role)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER
