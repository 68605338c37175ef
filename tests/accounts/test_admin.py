"""The admin: every accounts model is searchable; memberships made there go through the services."""

import pytest
from django.urls import reverse

from biaozhun.accounts.models import AccountEvent, AccountEventKind, Membership, Organisation, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["user", "organisation", "membership", "accountevent"])
def test_changelists_render_and_search(admin_client, enterprise_user, model):
    url = reverse(f"admin:accounts_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "测试"}).status_code == 200


def test_account_events_are_read_only(admin_client, admin_user):
    event = AccountEvent.objects.create(kind=AccountEventKind.USER_REGISTERED, actor=admin_user)
    assert admin_client.get(reverse("admin:accounts_accountevent_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:accounts_accountevent_delete", args=[event.pk]), {"post": "yes"}).status_code
        == 403
    )


def test_adding_a_membership_in_the_admin_writes_its_event(admin_client, enterprise, registered_user):
    response = admin_client.post(
        reverse("admin:accounts_membership_add"),
        {"user": registered_user.pk, "organisation": enterprise.pk, "role": "member"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=registered_user, organisation=enterprise).exists()
    assert AccountEvent.objects.get().kind == AccountEventKind.MEMBER_ADDED


def test_user_change_page_shows_memberships_inline(admin_client, enterprise_user):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[enterprise_user.pk]))
    assert response.status_code == 200
    assert "memberships-TOTAL_FORMS" in response.content.decode()


def test_administrators_add_users_with_real_name_and_email(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "chen",
            "real_name": "陈",
            "email": "chen@example.com",
            "password1": "Zhun-bei-2019!",
            "password2": "Zhun-bei-2019!",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="chen").check_password("Zhun-bei-2019!")


def user_form(user, **changes):
    """The admin's change form for ``user`` as posted unchanged (plus ``changes``)."""
    data = {
        "username": user.username, "real_name": user.real_name, "email": user.email, "phone": user.phone,
        "language": user.language, "is_active": "on" if user.is_active else "", "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [g.pk for g in user.groups.all()], "user_permissions": [p.pk for p in user.user_permissions.all()],
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}  # an unticked box is not sent


def test_administrators_added_in_the_admin_are_registered_through_the_service(admin_client, admin_user):
    admin_client.post(reverse("admin:accounts_user_add"), {
        "username": "chen", "real_name": "陈", "email": "chen@example.com", "password1": "Zhun-bei-2019!",
        "password2": "Zhun-bei-2019!", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    event = AccountEvent.objects.get()
    assert (event.kind, event.actor, event.target_user.username, event.data["self_registered"]) == (
        AccountEventKind.USER_REGISTERED, admin_user, "chen", False)


def test_changing_details_in_the_admin_writes_one_event(admin_client, admin_user, registered_user):
    response = admin_client.post(reverse("admin:accounts_user_change", args=[registered_user.pk]),
                                 user_form(registered_user, real_name="王芳"))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AccountEvent.objects.get()
    assert (event.kind, event.actor, event.data["after"]) == (
        AccountEventKind.USER_UPDATED, admin_user, {"real_name": "王芳"})


def test_granting_staff_and_a_group_in_the_admin_writes_one_event(admin_client, registered_user):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="审核")
    response = admin_client.post(reverse("admin:accounts_user_change", args=[registered_user.pk]),
                                 user_form(registered_user, is_staff="on", groups=[group.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    registered_user.refresh_from_db()
    assert registered_user.is_staff and list(registered_user.groups.all()) == [group]
    event = AccountEvent.objects.get()
    assert event.kind == AccountEventKind.USER_ACCESS_CHANGED
    assert event.data["after"] == {"is_staff": True, "groups": ["审核"]}


def test_an_administrator_removing_their_own_access_in_the_admin_sees_why_and_nothing_changes(admin_client,
                                                                                              admin_user):
    response = admin_client.post(reverse("admin:accounts_user_change", args=[admin_user.pk]),
                                 user_form(admin_user, is_staff="", real_name="改了名字"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "您不能取消自己的管理员权限" in page
    admin_user.refresh_from_db()
    assert admin_user.is_staff and admin_user.real_name != "改了名字"  # the details were undone too
    assert not AccountEvent.objects.exists()


def test_accounts_and_organisations_are_not_deleted_in_the_admin(admin_client, registered_user, enterprise):
    assert admin_client.post(reverse("admin:accounts_user_delete", args=[registered_user.pk]),
                             {"post": "yes"}).status_code == 403
    assert admin_client.post(reverse("admin:accounts_organisation_delete", args=[enterprise.pk]),
                             {"post": "yes"}).status_code == 403


def organisation_form(organisation, **changes):
    data = {"name": organisation.name, "name_en": organisation.name_en, "uscc": organisation.uscc,
            "industry_code": organisation.industry_code, "region_code": organisation.region_code,
            "tc_code": organisation.tc_code}
    data.update(changes)
    return data


def test_changing_an_organisation_in_the_admin_writes_one_event(admin_client, admin_user, enterprise):
    response = admin_client.post(reverse("admin:accounts_organisation_change", args=[enterprise.pk]),
                                 organisation_form(enterprise, name_en="Test Co., Ltd."))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AccountEvent.objects.get()
    assert (event.kind, event.actor, event.organisation, event.data) == (
        AccountEventKind.ORGANISATION_UPDATED, admin_user, enterprise,
        {"before": {"name_en": ""}, "after": {"name_en": "Test Co., Ltd."}})
    page = admin_client.get(reverse("admin:accounts_organisation_change", args=[enterprise.pk])).content.decode()
    assert 'name="kind"' not in page


def test_a_staff_member_without_the_right_sees_the_refusal(client, enterprise, enterprise_user):
    """Django lets this staff account into the admin; the policy still decides."""
    from django.contrib.auth.models import Permission

    enterprise_user.is_staff = True
    enterprise_user.save(update_fields=["is_staff"])
    enterprise_user.user_permissions.add(*Permission.objects.filter(content_type__app_label="accounts"))
    client.force_login(enterprise_user)
    response = client.post(reverse("admin:accounts_organisation_change", args=[enterprise.pk]),
                           organisation_form(enterprise, name="改名"))
    assert response.status_code == 200
    assert "系统管理员" in response.content.decode()
    assert Organisation.objects.get(pk=enterprise.pk).name == enterprise.name
    assert not AccountEvent.objects.exists()


def test_a_refused_membership_change_in_the_user_admin_undoes_the_whole_save(admin_client, enterprise,
                                                                            enterprise_user):
    membership = Membership.objects.get(user=enterprise_user, organisation=enterprise)
    data = user_form(enterprise_user, real_name="新名字")
    data.update({"memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "1", "memberships-0-id": membership.pk,
                 "memberships-0-user": enterprise_user.pk, "memberships-0-organisation": enterprise.pk,
                 "memberships-0-role": "member"})  # the organisation's last admin
    response = admin_client.post(reverse("admin:accounts_user_change", args=[enterprise_user.pk]), data)
    assert response.status_code == 200
    assert "组织至少要有一名管理员" in response.content.decode()
    enterprise_user.refresh_from_db()
    assert enterprise_user.real_name != "新名字"
    assert enterprise_user.role_in(enterprise) == "admin"
    assert not AccountEvent.objects.exists()


@pytest.mark.parametrize("name", ["accounts_user_add", "accounts_organisation_add", "accounts_membership_add"])
def test_admin_add_forms_render(admin_client, name):
    assert admin_client.get(reverse(f"admin:{name}")).status_code == 200


def test_organisation_change_page_renders(admin_client, enterprise):
    assert admin_client.get(reverse("admin:accounts_organisation_change", args=[enterprise.pk])).status_code == 200


def test_deleting_the_last_admin_membership_in_the_admin_is_refused_with_the_reason(admin_client, enterprise,
                                                                                  enterprise_user):
    membership = Membership.objects.get(user=enterprise_user, organisation=enterprise)
    response = admin_client.post(reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"},
                                 follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:accounts_membership_change", args=[membership.pk])
    assert "组织至少要有一名管理员" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert not AccountEvent.objects.exists()
