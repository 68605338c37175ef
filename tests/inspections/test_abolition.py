"""Law art. 39: a group or enterprise standard found below a mandatory national standard, whose correction order
was not followed by its deadline, is abolished by a provincial-or-higher administration; the decision is a service
with its event, the enterprise standard's declaration or the group standard's edition is marked abolished through
their own services, and the notice is public (page, list, API). Refusals write nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from biaozhun.accounts.models import MembershipRole
from biaozhun.catalog.models import Standard, StandardEvent
from biaozhun.core import clock
from biaozhun.core.errors import InvalidTransition, PermissionDeniedError, ValidationFailed
from biaozhun.declarations.models import Declaration, DeclarationEvent, DeclarationEventKind, DeclarationState
from biaozhun.inspections import services
from biaozhun.inspections.models import AbolishedKind, AbolitionNotice, CampaignEvent, CampaignEventKind, CheckItem
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.declarations import DeclarationFactory
from tests.fixtures.inspections import record_all

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
REASON = "指标低于 GB 19147-2016 表 1 硫含量限值；限期改正至期满未改正。"


def _lapse(order, actor):
    """Follow the order up as not corrected on the day after its deadline."""
    day = datetime.combine(order.deadline + timedelta(days=1), datetime.min.time(), SHANGHAI).replace(hour=10)
    with time_machine.travel(day, tick=False):
        return services.follow_up_order(actor, order=order, corrected=False, note="逾期未改正")


def _published(campaign, bureau_user, failing):
    first = campaign.items.order_by("rank").first()
    record_all(campaign, failing={first.key: failing})
    services.complete_inspection(bureau_user, campaign=campaign)
    services.publish_results(bureau_user, campaign=campaign)
    return first


@pytest.fixture
def lapsed_order(drawn_campaign, bureau_user):
    """A correction order for a below-mandatory finding, not corrected by its deadline."""
    first = _published(drawn_campaign, bureau_user, CheckItem.BELOW_MANDATORY)
    return _lapse(first.order, bureau_user)


@pytest.fixture
def enterprise_declaration(lapsed_order):
    return Declaration.objects.get(enterprise=lapsed_order.item.enterprise_id)


def written():
    return (AbolitionNotice.objects.count(), CampaignEvent.objects.filter(
        kind=CampaignEventKind.STANDARD_ABOLISHED).count(), DeclarationEvent.objects.filter(
        kind=DeclarationEventKind.ABOLISHED).count(), Declaration.objects.filter(
        state=DeclarationState.ABOLISHED).count(), StandardEvent.objects.count())


def test_a_provincial_bureau_abolishes_an_enterprise_standard_and_the_notice_is_public(
        client, lapsed_order, enterprise_declaration, bureau, bureau_user):
    notice = services.abolish_standard(bureau_user, order=lapsed_order, declaration=enterprise_declaration,
                                       reason=REASON)
    assert notice.number == f"{clock.today().year}-0001" and notice.kind == AbolishedKind.ENTERPRISE
    assert (notice.authority, notice.identifier, notice.publisher) == (
        bureau, enterprise_declaration.identifier, enterprise_declaration.enterprise.name)
    enterprise_declaration.refresh_from_db()
    assert enterprise_declaration.state == DeclarationState.ABOLISHED
    event = enterprise_declaration.events.get(kind=DeclarationEventKind.ABOLISHED)
    assert event.actor == bureau_user and event.reason == REASON
    assert event.data["notice_number"] == notice.number and event.data["notice_url"] == notice.get_absolute_url()
    assert CampaignEvent.objects.get(kind=CampaignEventKind.STANDARD_ABOLISHED).data == {
        "notice_number": notice.number, "order": lapsed_order.pk, "kind": "enterprise",
        "identifier": notice.identifier, "authority": bureau.pk, "declaration": enterprise_declaration.pk}

    page = client.get(notice.get_absolute_url()).content.decode()
    assert 'id="abolition-statement"' in page and enterprise_declaration.identifier in page and REASON in page
    listing = client.get(reverse("inspections:abolitions")).content.decode()
    assert notice.number in listing and notice.get_absolute_url() in listing
    declaration_page = client.get(reverse("declarations:detail", args=[enterprise_declaration.pk])).content.decode()
    assert 'id="abolished-notice"' in declaration_page and notice.get_absolute_url() in declaration_page
    api = client.get("/api/v1/inspections/abolitions/").json()
    assert api["count"] == 1 and api["items"][0]["number"] == notice.number
    assert api["items"][0]["declaration_url"] == reverse("declarations:detail", args=[enterprise_declaration.pk])
    one = client.get(f"/api/v1/inspections/abolitions/{notice.number}").json()
    assert one["reason"] == REASON and one["kind"] == "enterprise"


def test_an_abolished_declaration_leaves_search_and_the_next_populations(client, enterprise_declaration, lapsed_order,
                                                                       bureau_user):
    services.abolish_standard(bureau_user, order=lapsed_order, declaration=enterprise_declaration, reason=REASON)
    from biaozhun.declarations.selectors.search import DeclarationQuery, search_declarations
    from biaozhun.inspections.population import declarations_in_scope

    found = search_declarations(query=DeclarationQuery(q=enterprise_declaration.identifier)).items
    assert enterprise_declaration.pk not in {d.pk for d in found}
    assert not declarations_in_scope(lapsed_order.item.campaign).filter(pk=enterprise_declaration.pk).exists()
    enterprise = client.get(reverse("declarations:enterprise", args=[enterprise_declaration.enterprise_id]))
    assert "已废止" in enterprise.content.decode()


def test_the_national_administration_abolishes_a_group_standard_in_the_catalogue(
        lapsed_order, cas_edition, reviewer_user, national_administration):
    cited = DeclarationFactory(enterprise=lapsed_order.item.enterprise, source="catalogue", tier="group",
                               standard=cas_edition, identifier=cas_edition.identifier, title=cas_edition.title_zh)
    notice = services.abolish_standard(reviewer_user, order=lapsed_order, declaration=cited, reason=REASON)
    assert notice.kind == AbolishedKind.GROUP and notice.standard == cas_edition and notice.declaration is None
    assert notice.authority == national_administration and notice.publisher == "中国标准化协会"
    edition = Standard.objects.get(pk=cas_edition.pk)
    assert edition.abolished_on == clock.today() and edition.status == "abolished"
    assert notice.number in StandardEvent.objects.get(standard=edition, kind="abolished").reason
    cited.refresh_from_db()
    assert cited.state == DeclarationState.PUBLISHED  # the enterprise's disclosure stays; its check will flag it


def test_a_bureau_of_another_province_than_the_groups_cannot_abolish_its_standard(
        lapsed_order, cas_edition, bureau_user):
    cited = DeclarationFactory(enterprise=lapsed_order.item.enterprise, source="catalogue", tier="group",
                               standard=cas_edition, identifier=cas_edition.identifier)
    before = written()
    with pytest.raises(PermissionDeniedError):  # CAS is registered in Beijing (11), the bureau is Jiangsu's (32)
        services.abolish_standard(bureau_user, order=lapsed_order, declaration=cited, reason=REASON)
    assert written() == before and Standard.objects.get(pk=cas_edition.pk).abolished_on is None


@pytest.mark.parametrize("who", ["city_bureau_user", "other_province_user", "enterprise_user", "registered_user"])
def test_only_a_provincial_or_higher_administration_of_the_enterprises_region_may_abolish(
        request, lapsed_order, enterprise_declaration, who):
    if who == "city_bureau_user":
        city = OrganisationFactory(bureau=True, region_code="3201", name="南京市市场监督管理局")
        user = UserFactory(member_of=city, member_of__role=MembershipRole.MEMBER)
    elif who == "other_province_user":
        user = UserFactory(member_of=request.getfixturevalue("other_bureau"), member_of__role=MembershipRole.MEMBER)
    else:
        user = request.getfixturevalue(who)
    before = written()
    with pytest.raises(PermissionDeniedError):
        services.abolish_standard(user, order=lapsed_order, declaration=enterprise_declaration, reason=REASON)
    assert written() == before


def test_an_order_still_open_or_corrected_opens_no_way_to_abolition(drawn_campaign, bureau_user):
    first = _published(drawn_campaign, bureau_user, CheckItem.BELOW_MANDATORY)
    declaration = Declaration.objects.get(enterprise=first.enterprise_id)
    before = written()
    with pytest.raises(InvalidTransition):
        services.abolish_standard(bureau_user, order=first.order, declaration=declaration, reason=REASON)
    services.follow_up_order(bureau_user, order=first.order, corrected=True, note="已改正")
    with pytest.raises(InvalidTransition):
        services.abolish_standard(bureau_user, order=first.order, declaration=declaration, reason=REASON)
    assert written() == before


def test_a_non_disclosure_alone_is_no_ground_for_abolition(drawn_campaign, bureau_user):
    first = _published(drawn_campaign, bureau_user, CheckItem.DISCLOSURE)
    order = _lapse(first.order, bureau_user)
    before = written()
    with pytest.raises(InvalidTransition, match="第三十九条"):
        services.abolish_standard(bureau_user, order=order, declaration=Declaration.objects.get(
            enterprise=first.enterprise_id), reason=REASON)
    assert written() == before


def test_a_wrong_standard_or_a_missing_reason_is_refused_field_by_field(
        lapsed_order, enterprise_declaration, bureau_user, declaration):
    national = DeclarationFactory(enterprise=lapsed_order.item.enterprise, source="catalogue", tier="national",
                                  identifier="GB 19147-2016")
    before = written()
    cases = [(declaration, REASON, "declaration"), (national, REASON, "declaration"),
             (enterprise_declaration, "   ", "reason"), (enterprise_declaration, "长" * 2001, "reason")]
    for target, reason, field in cases:
        with pytest.raises(ValidationFailed) as refused:
            services.abolish_standard(bureau_user, order=lapsed_order, declaration=target, reason=reason)
        assert [e["field"] for e in refused.value.errors] == [field]
    assert written() == before


def test_a_standard_is_abolished_once(lapsed_order, enterprise_declaration, bureau_user, reviewer_user):
    services.abolish_standard(bureau_user, order=lapsed_order, declaration=enterprise_declaration, reason=REASON)
    before = written()
    with pytest.raises(ValidationFailed):
        services.abolish_standard(reviewer_user, order=lapsed_order, declaration=enterprise_declaration,
                                  reason=REASON)
    assert written() == before


def test_the_decision_page_lists_the_candidates_and_publishes_the_notice(
        client, lapsed_order, enterprise_declaration, bureau_user):
    client.force_login(bureau_user)
    queue = client.get(reverse("inspections:work_abolitions")).content.decode()
    assert reverse("inspections:work_abolish", args=[lapsed_order.pk]) in queue
    campaign_page = client.get(reverse("inspections:work_campaign", args=[lapsed_order.item.campaign_id]))
    assert f'id="abolish-{lapsed_order.pk}"' in campaign_page.content.decode()
    url = reverse("inspections:work_abolish", args=[lapsed_order.pk])
    form = client.get(url).content.decode()
    assert enterprise_declaration.identifier in form and 'id="abolish-form"' in form
    refused = client.post(url, {"declaration": enterprise_declaration.pk, "reason": ""})
    assert refused.status_code == 422 and AbolitionNotice.objects.count() == 0
    done = client.post(url, {"declaration": enterprise_declaration.pk, "reason": REASON})
    notice = AbolitionNotice.objects.get()
    assert done.status_code == 302 and done["Location"] == notice.get_absolute_url()


def test_the_public_list_and_api_keep_their_query_budgets(client, lapsed_order, bureau_user, django_assert_max_num_queries):
    for n in range(3):
        declaration = DeclarationFactory(enterprise=lapsed_order.item.enterprise, identifier=f"Q/CS 9{n:03d}-2025")
        services.abolish_standard(bureau_user, order=lapsed_order, declaration=declaration, reason=REASON)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("inspections:abolitions")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/inspections/abolitions/").json()["count"] == 3
    with django_assert_max_num_queries(8):
        assert client.get(reverse("inspections:non_compliance")).status_code == 200
    assert reverse("inspections:abolitions") in client.get(reverse("inspections:non_compliance")).content.decode()
