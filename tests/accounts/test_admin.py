"""The admin: every accounts model is searchable; memberships made there go through the services."""

import pytest
from django.urls import reverse

from biaozhun.accounts.models import AccountEvent, AccountEventKind, Membership, User

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
