"""Personal API tokens: made on the account page, shown once, stored as a digest, acting as their owner."""

from datetime import date

import pytest
import time_machine

from biaozhun.accounts.models import AccountEvent, ApiToken
from biaozhun.accounts.services import create_api_token, revoke_api_token
from biaozhun.accounts.tokens import digest
from biaozhun.core.errors import PermissionDeniedError
from tests.development.helpers import advance

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_is_shown_once_and_only_its_digest_is_kept(client, registered_user):
    client.force_login(registered_user)
    response = client.post("/accounts/tokens/", {"name": "项目管理脚本"})
    assert response.status_code == 201
    token = response.context["new_token"]
    assert token.startswith("bz_") and token in response.content.decode()
    record = ApiToken.objects.get(user=registered_user)
    assert record.key_digest == digest(token) and token not in str(record.__dict__.values())
    page = client.get("/accounts/profile/").content.decode()
    assert "项目管理脚本" in page and record.prefix in page and token not in page
    assert AccountEvent.objects.filter(kind="api_token_created", target_user=registered_user).exists()


def test_a_token_needs_a_name(client, registered_user):
    client.force_login(registered_user)
    response = client.post("/accounts/tokens/", {"name": "  "})
    assert response.status_code == 422 and "请填写令牌用途" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_program_comments_with_a_token_and_no_session_or_csrf(client, tc28_project, registered_user,
                                                              secretariat_user, reviewer_user):
    from django.test import Client

    _record, token = create_api_token(actor=registered_user, name="脚本")
    project = advance(tc28_project, "comment", secretariat=secretariat_user, reviewer=reviewer_user,
                      start=date(2026, 3, 1))
    program = Client(enforce_csrf_checks=True)
    with time_machine.travel(date(2026, 6, 1), tick=False):
        response = program.post(f"/api/v1/projects/{project.pk}/comments", {"text": "建议补充试验条件。"},
                                content_type="application/json", **bearer(token))
    assert response.status_code == 201 and response.json()["author_name"] == registered_user.real_name
    mine = program.get(f"/api/v1/projects/{project.pk}/comments", **bearer(token)).json()
    assert [c["text"] for c in mine] == ["建议补充试验条件。"]  # reads as its owner too
    assert program.get(f"/api/v1/projects/{project.pk}/comments").json() == []  # not without the token
    assert ApiToken.objects.get(user=registered_user).last_used_at is not None


def test_a_revoked_or_unknown_token_is_refused_with_401(client, tc28_project, registered_user):
    record, token = create_api_token(actor=registered_user, name="脚本")
    revoke_api_token(actor=registered_user, token=record)
    for value in (token, "bz_not-a-token"):
        response = client.get("/api/v1/projects/", **bearer(value))
        assert response.status_code == 401 and response.json()["code"] == "invalid_token"
    moved = client.post(f"/api/v1/projects/{tc28_project.pk}/moves", {"to": "notice", "expected_version": 1},
                        content_type="application/json", **bearer(token))
    assert moved.status_code == 401


def test_a_token_acts_with_its_owners_permissions_only(client, tc28_project, registered_user, secretariat_user):
    _record, token = create_api_token(actor=registered_user, name="脚本")
    url = f"/api/v1/projects/{tc28_project.pk}/moves"
    refused = client.post(url, {"to": "notice", "expected_version": 1}, content_type="application/json",
                          **bearer(token))
    assert refused.status_code == 403
    _record, secretary_token = create_api_token(actor=secretariat_user, name="秘书处脚本")
    moved = client.post(url, {"to": "notice", "expected_version": 1}, content_type="application/json",
                        **bearer(secretary_token))
    assert moved.status_code == 200 and moved.json()["stage"]["code"] == "notice"


def test_only_the_owner_revokes_a_token(client, registered_user, enterprise_user):
    record, _token = create_api_token(actor=registered_user, name="脚本")
    with pytest.raises(PermissionDeniedError):
        revoke_api_token(actor=enterprise_user, token=record)
    client.force_login(enterprise_user)
    # another person's token is not found: its number reveals nothing
    assert client.post(f"/accounts/tokens/{record.pk}/revoke/").status_code == 404
    record.refresh_from_db()
    assert record.active
    client.force_login(registered_user)
    assert client.post(f"/accounts/tokens/{record.pk}/revoke/").status_code == 302
    record.refresh_from_db()
    assert not record.active


def test_token_users_are_not_rate_limited_as_anonymous(client, settings, registered_user):
    from django.core.cache import cache

    cache.clear()
    settings.BIAOZHUN_API_ANON_RATE = "2/minute"
    _record, token = create_api_token(actor=registered_user, name="脚本")
    assert [client.get("/api/v1/projects/", **bearer(token)).status_code for _ in range(4)] == [200] * 4
    assert [client.get("/api/v1/projects/").status_code for _ in range(3)][-1] == 429


def test_an_administrator_revokes_a_leaked_token_in_the_admin(admin_client, registered_user):
    record, token = create_api_token(actor=registered_user, name="泄露的令牌")
    response = admin_client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [record.pk]})
    assert response.status_code == 302
    record.refresh_from_db()
    assert not record.active
    assert AccountEvent.objects.filter(kind="api_token_revoked", target_user=registered_user).exists()
