"""Evidence on a pilot: what its authority or organisation typed is read into a record of the platform (a standard
in any spelling, a committee...), linked once, with its event; a reader sees the link on the pilot's page."""

import pytest
from django.urls import reverse

from biaozhun.core.errors import PermissionDeniedError, ValidationFailed
from biaozhun.programmes.models import PilotEvidence, ProgrammeEvent, ProgrammeEventKind
from biaozhun.programmes.services import link_evidence
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard():
    return make_standard("GB/T 19001-2016", published_on="2016-12-30")


def test_the_organisation_links_a_standard_typed_in_its_own_spelling(approved_pilot, enterprise_user, standard):
    link = link_evidence(actor=enterprise_user, pilot=approved_pilot, kind="standard", text="gb/t19001-2016",
                         note="试点期间制定")
    assert (link.kind, link.key, link.created_by) == ("standard", "GB/T 19001-2016", enterprise_user)
    assert link.url == standard.get_absolute_url()
    event = ProgrammeEvent.objects.get(kind=ProgrammeEventKind.EVIDENCE_LINKED)
    assert (event.actor, event.pilot, event.data) == (enterprise_user, approved_pilot,
                                                      {"kind": "standard", "key": "GB/T 19001-2016"})


def test_the_same_evidence_is_linked_once(approved_pilot, admin_user, standard):
    link_evidence(actor=admin_user, pilot=approved_pilot, kind="standard", text="GB/T 19001-2016")
    with pytest.raises(ValidationFailed, match="已关联"):
        link_evidence(actor=admin_user, pilot=approved_pilot, kind="standard", text="GB/T 19001")
    assert PilotEvidence.objects.count() == 1


def test_a_number_that_names_nothing_is_refused_with_what_to_type(approved_pilot, admin_user):
    with pytest.raises(ValidationFailed) as refused:
        link_evidence(actor=admin_user, pilot=approved_pilot, kind="standard", text="GB/T 99999-2030")
    assert refused.value.errors[0]["field"] == "text"
    assert "GB/T 99999-2030" in refused.value.message
    assert not PilotEvidence.objects.exists()


def test_someone_else_cannot_link(approved_pilot, standard):
    stranger = UserFactory(member_of=OrganisationFactory())
    with pytest.raises(PermissionDeniedError):
        link_evidence(actor=stranger, pilot=approved_pilot, kind="standard", text="GB/T 19001-2016")


def test_the_pilot_page_shows_the_link_to_everyone_and_the_form_to_the_organisation(
        client, approved_pilot, enterprise_user, standard):
    client.force_login(enterprise_user)
    response = client.post(reverse("programmes:evidence_add", args=[approved_pilot.pk]),
                           {"kind": "standard", "text": "GB/T 19001-2016"})
    assert response.status_code == 302
    assert 'id="evidence-form"' in client.get(approved_pilot.get_absolute_url()).content.decode()
    client.logout()
    page = client.get(approved_pilot.get_absolute_url()).content.decode()
    assert f'href="{standard.get_absolute_url()}"' in page
    assert 'id="evidence-form"' not in page
