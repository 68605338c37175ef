"""Privacy (PIPL): a versioned privacy notice and consent to it, a person's copy of their data, deleting an
account with comments and votes kept under a pseudonym (issue 9, finding 7)."""

import json
from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from biaozhun.accounts import services
from biaozhun.accounts.models import AccountEvent, AccountEventKind, Membership, MembershipRole, User
from biaozhun.accounts.privacy import notice
from biaozhun.accounts.privacy.consent import accept_privacy_notice
from biaozhun.accounts.privacy.models import PrivacyConsent
from biaozhun.committees.models import Member
from biaozhun.development.models import Comment
from biaozhun.portal.models import Watch
from tests.factories.accounts import DEFAULT_PASSWORD, OrganisationFactory, UserFactory
from tests.factories.committees import MemberFactory
from tests.factories.development import BallotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consent_required(settings):
    settings.BIAOZHUN_PRIVACY_CONSENT_REQUIRED = True


def _accepted(user):
    accept_privacy_notice(actor=user, version=notice.current_version(), address="198.51.100.1", language="zh-hans")
    user.refresh_from_db()
    return user


# --- The notice ---------------------------------------------------------------------------------------------
def test_the_notice_says_what_why_how_long_who_sees_it_the_rights_and_whom_to_ask(client, settings):
    settings.BIAOZHUN_PRIVACY_CONTACT = "pipl@std.example.org"
    zh = client.get("/privacy/").content.decode()
    for text in ("真实姓名", "电子邮箱", "电话", "所属的组织", "意见", "表决", "保存到您注销账号为止", "谁能看到",
                 "第四十四条至第四十七条", "下载我的数据", "注销账号", "pipl@std.example.org",
                 f"第 {notice.current_version()} 版"):
        assert text in zh, text
    en = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in ("real name", "e-mail address", "phone number", "organisations", "Comments", "Votes",
                 "until you delete your account", "Who sees it", "PIPL articles 44–47", "pipl@std.example.org"):
        assert text in en, text
    assert client.get("/privacy/?version=99").status_code == 404


def test_every_page_links_the_notice_in_its_footer(client):
    footer = client.get("/").content.decode().split("<footer", 1)[1]
    assert f'href="{reverse("privacy:page")}"' in footer and "隐私政策" in footer


def test_every_version_has_its_text_in_both_languages():
    from django.template.loader import get_template

    for version in notice.VERSIONS:
        for language in notice.LANGUAGES:
            get_template(notice.template_name(version, language))


# --- Consent -------------------------------------------------------------------------------------------------
def test_a_person_who_has_not_accepted_the_notice_is_asked_before_going_on(client, consent_required):
    user = UserFactory()
    client.force_login(user)
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/privacy/accept/?next=%2Faccounts%2Fprofile%2F"
    page = client.get(response["Location"]).content.decode()
    assert "请阅读并确认隐私政策" in page and 'name="consent"' in page
    # The notice, signing out, the data and account deletion stay open (to leave without accepting).
    for path in ("/privacy/", reverse("accounts:personal_data"), reverse("accounts:delete_account")):
        assert client.get(path).status_code == 200, path
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/accounts/profile/").status_code == 302  # signed out: the login page, not the notice
    client.logout()
    assert client.get("/").status_code == 200  # visitors are never stopped


def test_accepting_records_version_time_and_address_and_goes_back(client, consent_required):
    user = UserFactory()
    client.force_login(user)
    refused = client.post("/privacy/accept/", {"notice_version": notice.current_version(), "next": "/watch/"})
    assert refused.status_code == 422 and "请阅读《隐私政策》并勾选同意" in refused.content.decode()
    response = client.post("/privacy/accept/", {"consent": "on", "notice_version": notice.current_version(),
                                                "next": "/watch/"}, REMOTE_ADDR="192.0.2.10")
    assert response["Location"] == "/watch/"
    consent = PrivacyConsent.objects.get(user=user)
    assert (consent.version, consent.address, consent.via) == (notice.current_version(), "192.0.2.10", "new_version")
    assert client.get("/accounts/profile/").status_code == 200
    with pytest.raises(Exception, match="append-only|cannot|refuse"):
        consent.delete()


def test_a_new_version_is_asked_for_at_the_next_request_and_an_old_one_cannot_be_accepted(
        client, consent_required, monkeypatch):
    user = _accepted(UserFactory())
    client.force_login(user)
    assert client.get("/accounts/profile/").status_code == 200
    monkeypatch.setattr(notice, "VERSIONS", {**notice.VERSIONS, 2: date(2027, 1, 1)})  # version 2 takes effect
    monkeypatch.setattr(notice, "template_name", lambda version, language=None: "privacy/notice_v1_zh-hans.html")
    response = client.get("/watch/")
    assert response["Location"] == "/privacy/accept/?next=%2Fwatch%2F"
    page = client.get(response["Location"]).content.decode()
    assert "《隐私政策》已更新为第 2 版" in page
    stale = client.post("/privacy/accept/", {"consent": "on", "notice_version": 1})
    assert stale.status_code == 422 and "隐私政策已更新为第 2 版" in stale.content.decode()
    client.post("/privacy/accept/", {"consent": "on", "notice_version": 2})
    assert list(PrivacyConsent.objects.filter(user=user).values_list("version", flat=True)) == [1, 2]
    assert client.get("/watch/").status_code == 200


def test_programs_with_a_token_are_not_stopped(client, consent_required, registered_user):
    _record, token = services.create_api_token(actor=registered_user, name="脚本")
    response = client.get("/api/v1/projects/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


# --- A person's data -----------------------------------------------------------------------------------------
@pytest.fixture
def active_person(tc28_project, registered_user, enterprise):
    """registered_user with a phone, a membership, a consent, a comment, a vote, a watch and a token."""
    user = registered_user
    services.update_user(actor=_admin(), user=user, changes={"phone": "13800138000"})
    services.add_member(actor=_admin(), organisation=enterprise, user=user)
    _accepted(user)
    Comment.objects.create(project=tc28_project, number=1, period="comment", text="第5章术语不一致",
                           author=user, author_name=user.real_name)
    seat = MemberFactory(committee=tc28_project.committee, name=user.real_name, user=user)
    BallotFactory(project=tc28_project, method="meeting", closed=True, roll=[seat], roll__choice="reject")
    Watch.objects.create(user=user, kind=Watch.Kind.SEARCH, label="信息技术", query={"q": "信息技术"})
    services.create_api_token(actor=user, name="我的脚本")
    user.refresh_from_db()
    return user


def _admin():
    return UserFactory(is_superuser=True, is_staff=True)


def test_a_person_downloads_everything_held_about_them_as_json(client, active_person):
    client.force_login(active_person)
    response = client.get(reverse("accounts:personal_data"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="biaozhun-personal-data-')
    data = json.loads(response.content)
    assert data["profile"]["email"] == active_person.email and data["profile"]["phone"] == "13800138000"
    assert [m["role"] for m in data["memberships"]] == ["member"]
    assert [c["version"] for c in data["privacy_consents"]] == [notice.current_version()]
    assert [c["text"] for c in data["comments"]] == ["第5章术语不一致"]
    assert [v["choice"] for v in data["votes"]] == ["reject"]
    assert [w["label"] for w in data["watch_lists"]] == ["信息技术"]
    assert [t["name"] for t in data["api_tokens"]] == ["我的脚本"] and "key_digest" not in response.content.decode()
    kinds = {e["kind"] for e in data["account_events"]}
    assert {"member_added", "user_updated", "api_token_created"} <= kinds
    assert [s["committee"] for s in data["committee_seats"]] == ["SAC/TC 28"]
    assert reverse("accounts:personal_data") in client.get(reverse("accounts:profile")).content.decode()


def test_the_download_needs_signing_in(client):
    assert client.get(reverse("accounts:personal_data"))["Location"].startswith("/accounts/login/")


# --- Deleting an account -------------------------------------------------------------------------------------
def test_deleting_needs_the_password_and_changes_nothing_without_it(client, active_person):
    client.force_login(active_person)
    response = client.post(reverse("accounts:delete_account"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 422 and "密码不正确" in response.content.decode()
    active_person.refresh_from_db()
    assert active_person.is_active and active_person.erased_at is None and Membership.objects.exists()


def test_deleting_erases_the_person_and_keeps_comments_and_votes_under_one_pseudonym(client, active_person,
                                                                                    tc28_project):
    email, name, username = active_person.email, active_person.real_name, active_person.username
    client.force_login(active_person)
    response = client.post(reverse("accounts:delete_account"), {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    user = User.objects.get(pk=active_person.pk)
    pseudonym = user.real_name
    assert pseudonym.startswith("用户#") and len(pseudonym) == len("用户#") + 8
    assert (user.email, user.phone, user.is_active, user.has_usable_password()) == ("", "", False, False)
    assert username not in user.username and user.erased_at is not None
    # Signing in is impossible, by username or by address.
    assert authenticate(username=username, password=DEFAULT_PASSWORD) is None
    assert not User.objects.with_email(email).exists()
    # Comments and votes stay, under the same pseudonym.
    assert Comment.objects.get().author_name == pseudonym
    seat = Member.objects.get()
    assert (seat.name, seat.user) == (pseudonym, None) and seat.votes.get().choice == "reject"
    # Memberships ended through the service (with its event), tokens revoked, watches gone.
    assert not Membership.objects.filter(user=user).exists()
    removed = AccountEvent.objects.get(kind=AccountEventKind.MEMBER_REMOVED)
    assert (removed.actor, removed.target_user) == (user, user)
    assert not user.api_tokens.filter(revoked_at__isnull=True).exists() and not Watch.objects.exists()
    # One event records the deletion, with nothing about the person.
    deleted = AccountEvent.objects.get(kind=AccountEventKind.USER_DELETED)
    assert deleted.data == {"pseudonym": pseudonym}
    assert all(text not in json.dumps(deleted.data, ensure_ascii=False) for text in (email, name, username))
    # The consent record stays as the proof of consent.
    assert PrivacyConsent.objects.filter(user=user).exists()


def test_the_closed_ballot_shows_the_pseudonym_to_those_who_see_the_named_roll(client, active_person,
                                                                              secretariat_user):
    ballot = Member.objects.get().votes.get().ballot
    client.force_login(active_person)
    client.post(reverse("accounts:delete_account"), {"password": DEFAULT_PASSWORD, "confirm": "on"})
    client.force_login(secretariat_user)
    roll = client.get(f"/projects/ballots/{ballot.pk}/").content.decode().split("表决名单")[1]
    pseudonym = User.objects.get(pk=active_person.pk).real_name
    assert pseudonym in roll and active_person.real_name not in roll


def test_the_only_admin_of_an_organisation_names_another_before_deleting(client):
    organisation = OrganisationFactory(name="某某检测有限公司")
    user = UserFactory(member_of=organisation, member_of__role=MembershipRole.ADMIN)
    client.force_login(user)
    response = client.post(reverse("accounts:delete_account"), {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 422
    assert "您是“某某检测有限公司”唯一的管理员：请先在该组织中指定另一名管理员" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active and Membership.objects.filter(user=user).exists()


def test_a_superuser_cannot_delete_their_own_account_on_the_page(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:delete_account"), {"password": DEFAULT_PASSWORD, "confirm": "on"})
    assert response.status_code == 422 and "超级用户账号不能自行注销" in response.content.decode()


def test_nobody_deletes_or_downloads_another_persons_account(registered_user, enterprise_user):
    from biaozhun.accounts.privacy.personal_data import delete_account, export_personal_data
    from biaozhun.core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        delete_account(actor=enterprise_user, user=registered_user, password=DEFAULT_PASSWORD)
    with pytest.raises(PermissionDeniedError):
        export_personal_data(actor=enterprise_user, user=registered_user)
    registered_user.refresh_from_db()
    assert registered_user.is_active
