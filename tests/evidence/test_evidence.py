"""Evidence links read what a person types into the thing it names, only as far as that person may see, and show a
reader only what the reader may see."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from biaozhun.evidence import EvidenceError, EvidenceKind, resolve, visible_links
from biaozhun.evidence.resolve import url_for
from tests.factories.committees import CommitteeFactory
from tests.factories.development import ProjectFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
ANYONE = AnonymousUser()


@dataclass
class Link:  # what an EvidenceLink subclass holds
    kind: str
    key: str
    label: str

    @property
    def url(self) -> str:
        return url_for(self.kind, self.key)


@pytest.mark.parametrize("typed", ["GB/T 19001-2016", "gb/t19001-2016", "ＧＢ／Ｔ　19001-2016", "GB/T 19001"])
def test_a_standard_number_in_any_spelling_names_the_edition(typed):
    make_standard("GB/T 19001-2008", published_on="2008-10-01", status="replaced")
    make_standard("GB/T 19001-2016", published_on="2016-12-30")
    found = resolve(EvidenceKind.STANDARD, typed, viewer=ANYONE)
    assert (found.key, found.url) == ("GB/T 19001-2016", url_for("standard", "GB/T 19001-2016"))
    assert found.label.startswith("GB/T 19001-2016 ")


def test_a_project_by_plan_number_or_its_page_address():
    project = ProjectFactory(plan_number="20190001-T-469")
    assert resolve(EvidenceKind.PROJECT, "20190001-t-469", viewer=ANYONE).key == str(project.pk)
    assert resolve(EvidenceKind.PROJECT, f"https://example.org/projects/{project.pk}/", viewer=ANYONE).key == \
        str(project.pk)


@pytest.mark.parametrize("typed", ["SAC/TC 28", "sac/tc28", "TC 28", "SAC / TC 28"])
def test_a_committee_by_its_code_as_people_write_it(typed):
    CommitteeFactory(code="SAC/TC 28")
    assert resolve(EvidenceKind.COMMITTEE, typed, viewer=ANYONE).key == "SAC/TC 28"


@pytest.mark.parametrize(("kind", "typed"), [
    (EvidenceKind.STANDARD, "GB/T 99999-2020"),
    (EvidenceKind.STANDARD, "not a number"),
    (EvidenceKind.PROJECT, "20990001-T-001"),
    (EvidenceKind.COMMITTEE, "SAC/TC 999"),
    (EvidenceKind.CAMPAIGN, "123456"),
    (EvidenceKind.FILING, "DB11/T 1-2020"),
])
def test_nothing_found_says_what_to_type(kind, typed):
    with pytest.raises(EvidenceError) as error:
        resolve(kind, typed, viewer=ANYONE)
    assert typed in error.value.messages[0] and "请填写" in error.value.messages[0]


@pytest.mark.parametrize("typed", ["", "   ", "x" * 201, "GB\x00"])
def test_blank_or_hostile_text_is_refused(typed):
    with pytest.raises(EvidenceError):
        resolve(EvidenceKind.STANDARD, typed, viewer=ANYONE)


def test_an_unknown_kind_is_refused():
    with pytest.raises(EvidenceError):
        resolve("standards'; --", "GB/T 19001-2016", viewer=ANYONE)



def test_a_filing_under_way_is_neither_linked_nor_shown_to_others(bureau_filing, bureau_user):
    with pytest.raises(EvidenceError):
        resolve(EvidenceKind.FILING, str(bureau_filing.pk), viewer=ANYONE)
    found = resolve(EvidenceKind.FILING, str(bureau_filing.pk), viewer=bureau_user)
    link = Link(**found.fields())
    [to_public] = visible_links([link], viewer=ANYONE)
    [to_bureau] = visible_links([link], viewer=bureau_user)
    assert (to_public.visible, to_public.url, bureau_filing.title_zh in to_public.label) == (False, "", False)
    assert (to_bureau.visible, to_bureau.url) == (True, bureau_filing.get_absolute_url())


def test_an_accepted_filing_is_public_and_found_by_its_number(accepted_filing):
    found = resolve(EvidenceKind.FILING, accepted_filing.identifier.lower(), viewer=ANYONE)
    assert found.key == str(accepted_filing.pk)
    [shown] = visible_links([Link(**found.fields())], viewer=ANYONE)
    assert shown.visible and shown.label == found.label



def test_a_campaign_is_linked_once_public(committed_campaign):
    found = resolve(EvidenceKind.CAMPAIGN, f"#{committed_campaign.pk}", viewer=ANYONE)
    assert found.url == committed_campaign.get_absolute_url()


def test_a_draft_campaign_is_not_found_by_the_public(draft_campaign, bureau_user):
    with pytest.raises(EvidenceError):
        resolve(EvidenceKind.CAMPAIGN, str(draft_campaign.pk), viewer=ANYONE)
    assert resolve(EvidenceKind.CAMPAIGN, str(draft_campaign.pk), viewer=bureau_user).key == str(draft_campaign.pk)


def test_visible_links_reads_each_private_kind_once(django_assert_max_num_queries, accepted_filing,
                                                    committed_campaign):
    links = [Link("filing", str(accepted_filing.pk), "a"), Link("campaign", str(committed_campaign.pk), "b"),
             Link("standard", "GB/T 1-2020", "c")] * 10
    with django_assert_max_num_queries(2):
        shown = visible_links(links, viewer=ANYONE)
    assert [s.visible for s in shown] == [True] * 30
