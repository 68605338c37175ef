"""Law art. 35: the person who wrote stays private. No public page or API, no handler's page, list, email or export,
and no admin page shows their name or contact details; everyone else sees the pseudonym. The person's own data
export holds their items."""

import json

import pytest
from django.urls import reverse

from biaozhun.accounts.privacy.personal_data import export_personal_data
from biaozhun.feedback.services import answer_feedback, publish_interpretation
from tests.fixtures.feedback import VISITOR, submit

pytestmark = pytest.mark.django_db
SECRETS = (VISITOR.name, VISITOR.email, VISITOR.phone, VISITOR.organisation)


@pytest.fixture
def published(tc28_standard, tc28_committee, tc_secretariat, secretariat_user, national_administration,
              registered_user):
    visitor = submit(tc28_standard)
    signed_in = submit(tc28_standard, actor=registered_user)
    for item in (visitor, signed_in):
        answer_feedback(actor=secretariat_user, item=item, answer="经核实，该条款将在下次修订时调整。")
    publish_interpretation(actor=secretariat_user, item=visitor, kind="faq", question="7.1.5 条如何执行？")
    return visitor, signed_in


def assert_private(text: str, *also: str) -> None:
    for secret in (*SECRETS, *also):
        assert secret not in text, f"{secret!r} shown"


def test_public_pages_and_the_public_api_never_name_who_wrote(client, published, registered_user, tc28_standard):
    for url in (tc28_standard.get_absolute_url(), reverse("feedback:statistics"),
                "/api/v1/feedback/statistics", f"/api/v1/feedback/interpretations?standard={tc28_standard.identifier}",
                "/api/v1/openapi.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(response.content.decode(), registered_user.real_name, registered_user.email)


def test_the_handler_sees_pseudonyms_only(client, published, secretariat_user, registered_user):
    client.force_login(secretariat_user)
    pages = [client.get(reverse("feedback:queue"), {"tab": tab}).content.decode() for tab in ("open", "answered")]
    pages += [client.get(item.get_absolute_url()).content.decode() for item in published]
    pages += [client.get(reverse("feedback:standard", args=[published[0].standard.identifier])).content.decode()]
    pages += [json.dumps(client.get(f"/api/v1/feedback/{item.tracking_number}").json(), ensure_ascii=False)
              for item in published]
    for page in pages:
        assert_private(page, registered_user.real_name, registered_user.email, registered_user.username)
    assert "反馈人 #" + published[0].pseudonym in pages[2]


def test_the_national_administration_and_the_admin_see_pseudonyms_only(admin_client, client, published,
                                                                       reviewer_user, registered_user):
    client.force_login(reviewer_user)
    pages = [client.get(reverse("feedback:overview")).content.decode(),
             client.get(published[1].get_absolute_url()).content.decode()]
    for item in published:
        pages.append(admin_client.get(reverse("admin:feedback_feedback_change", args=[item.pk])).content.decode())
    pages.append(admin_client.get(reverse("admin:feedback_feedback_changelist")).content.decode())
    for page in pages:
        assert_private(page, registered_user.real_name, registered_user.email)


def test_the_person_who_wrote_sees_their_own_item_as_themself(client, published, registered_user):
    client.force_login(registered_user)
    page = client.get(published[1].get_absolute_url()).content.decode()
    assert "您本人" in page and "经核实" in page


def test_another_registered_person_cannot_see_someone_elses_item(client, published):
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory())
    for item in published:
        assert client.get(item.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/feedback/{item.tracking_number}").status_code == 404


def test_a_persons_data_export_holds_their_items(published, registered_user):
    data = export_personal_data(actor=registered_user, user=registered_user)
    [item] = data["implementation_feedback"]
    assert item["tracking_number"] == published[1].tracking_number and item["answer"].startswith("经核实")


def test_a_deleted_account_leaves_its_items_under_their_pseudonym(client, published, registered_user,
                                                                  secretariat_user):
    from biaozhun.accounts.privacy.personal_data import delete_account
    from tests.factories.accounts import DEFAULT_PASSWORD

    pseudonym = published[1].pseudonym
    delete_account(actor=registered_user, user=registered_user, password=DEFAULT_PASSWORD)
    client.force_login(secretariat_user)
    page = client.get(published[1].get_absolute_url()).content.decode()
    assert "反馈人 #" + pseudonym in page
