"""Programme tags follow a standard into its new editions: an edition that replaces tagged editions (wholly or in
part, entered before or after them, in a chain entered at once) gains their tags in the background, with its
history saying where they came from; a tag a person took off is not put back; a retired tag is not passed on."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.catalog.models import EventKind, Standard, StandardEvent
from biaozhun.catalog.services import update_standard
from biaozhun.core.actors import SYSTEM, MissingActor
from biaozhun.core.errors import PermissionDeniedError
from biaozhun.rules import tags as rules
from biaozhun.systems.models import CarryCursor, TagEvent, TagEventKind
from biaozhun.systems.selectors import tags_of_standard
from biaozhun.systems.services.carry import carry_tags_forward
from biaozhun.systems.services.tags import set_standard_tags, tags_by_codes, update_tag
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db
CARRY = "biaozhun.systems.tasks.carry_tags"


def codes(standard) -> list[str]:
    return [tag.code for tag in tags_of_standard(standard)]


def tag(standard, *names, actor=SYSTEM):
    set_standard_tags(actor=actor, standard=standard, tags=tags_by_codes(list(names)))


def carry() -> int:
    return carry_tags_forward(actor=SYSTEM)


@pytest.fixture
def tagged_2010(db):
    old = make_standard("GB/T 41001-2010", title_zh="电动汽车 传导充电系统", published_on="2010-01-01",
                        implemented_on="2010-06-01")
    tag(old, "standardization-plus", "civil-military")
    carry()  # the run that follows the old edition's entry and tagging: nothing to pass on yet
    return old


def test_a_new_edition_gains_the_tags_of_the_edition_it_replaces(tagged_2010):
    new = make_standard("GB/T 41001-2020", title_zh="电动汽车 传导充电系统", replaces=["GB/T 41001-2010"])
    assert codes(new) == []  # the request did not do it
    assert carry() == 1
    assert sorted(codes(new)) == ["civil-military", "standardization-plus"]
    event = TagEvent.objects.get(kind=TagEventKind.TAGS_CARRIED)
    assert event.data == {"standard": "GB/T 41001-2020", "before": [],
                          "after": ["civil-military", "standardization-plus"], "from": ["GB/T 41001-2010"]}
    catalogue = StandardEvent.objects.filter(standard=new).last()
    assert (catalogue.kind, catalogue.data) == (EventKind.UPDATED, {"source": "programme_tags",
                                                                    "before": {"programme_tags": []}})
    assert carry() == 0  # run again: nothing new
    assert TagEvent.objects.filter(kind=TagEventKind.TAGS_CARRIED).count() == 1


def test_the_search_filter_finds_the_new_edition_once_the_index_follows(client, tagged_2010, search_index):
    make_standard("GB/T 41001-2020", title_zh="电动汽车 传导充电系统", replaces=["GB/T 41001-2010"])
    carry()
    search_index()
    found = client.get("/api/v1/search/", {"q": "传导充电", "tag": "standardization-plus"}).json()
    assert sorted(hit["identifier"] for hit in found["hits"]) == ["GB/T 41001-2010", "GB/T 41001-2020"]


def test_a_partial_replacement_and_a_relation_added_later_carry_too(tagged_2010, admin_user):
    part = make_standard("GB/T 41002-2021", title_zh="电动汽车 充电接口",
                         replaces=[{"identifier": "GB/T 41001-2010", "partial": True}])
    later = make_standard("GB/T 41003-2021", title_zh="电动汽车 充电安全")
    carry()
    assert sorted(codes(part)) == ["civil-military", "standardization-plus"] and codes(later) == []
    update_standard(actor=admin_user, standard=later, changes={"replaces": ["GB/T 41001-2010"]},
                    expected_version=later.version)
    assert carry() == 1
    assert sorted(codes(later)) == ["civil-military", "standardization-plus"]


def test_an_edition_entered_before_the_one_it_replaces_gains_the_tags_when_the_missing_link_arrives(tagged_2010):
    newest = make_standard("GB/T 41001-2024", replaces=["GB/T 41001-2016"])  # 2016 is not in the catalogue yet
    assert carry() == 0
    middle = make_standard("GB/T 41001-2016", replaces=["GB/T 41001-2010"])  # links 2024 → 2016 on arrival
    assert carry() == 2
    assert sorted(codes(middle)) == sorted(codes(newest)) == ["civil-military", "standardization-plus"]


def test_a_chain_entered_at_once_passes_the_tags_all_the_way_down(tagged_2010):
    with transaction.atomic():
        newest = make_standard("GB/T 41001-2024", replaces=["GB/T 41001-2016"])
        middle = make_standard("GB/T 41001-2016", replaces=["GB/T 41001-2010"])
    assert carry() == 2
    assert sorted(codes(middle)) == sorted(codes(newest)) == ["civil-military", "standardization-plus"]
    assert TagEvent.objects.get(kind=TagEventKind.TAGS_CARRIED, data__standard="GB/T 41001-2024").data["from"] == [
        "GB/T 41001-2016"]


def test_an_edition_that_gains_tags_later_passes_them_to_the_editions_already_replacing_it(tagged_2010,
                                                                                          admin_user):
    middle = make_standard("GB/T 41001-2016")  # entered without its relation to 2010
    newest = make_standard("GB/T 41001-2024", replaces=["GB/T 41001-2016"])
    assert carry() == 0
    update_standard(actor=admin_user, standard=middle, changes={"replaces": ["GB/T 41001-2010"]},
                    expected_version=middle.version)  # an event on 2016 only
    assert carry() == 2
    assert sorted(codes(middle)) == sorted(codes(newest)) == ["civil-military", "standardization-plus"]
    assert TagEvent.objects.get(kind=TagEventKind.TAGS_CARRIED, data__standard="GB/T 41001-2024").data["from"] == [
        "GB/T 41001-2016"]


def test_a_tag_a_person_took_off_is_not_put_back(tagged_2010, admin_user):
    new = make_standard("GB/T 41001-2020", replaces=["GB/T 41001-2010"])
    carry()
    tag(new, "standardization-plus", actor=admin_user)  # civil-military does not apply to the new edition
    update_standard(actor=admin_user, standard=Standard.objects.get(pk=new.pk),
                    changes={"replaces": ["GB/T 41001-2010", "GB/T 41009-2012"]}, expected_version=new.version)
    make_standard("GB/T 41009-2012", published_on="2012-01-01", implemented_on="2012-06-01")  # linked on arrival
    assert carry() == 0
    assert codes(new) == ["standardization-plus"]


def test_a_retired_tag_is_not_passed_on(tagged_2010, admin_user):
    update_tag(actor=admin_user, tag=tags_by_codes(["civil-military"])[0], active=False)
    new = make_standard("GB/T 41001-2020", replaces=["GB/T 41001-2010"])
    carry()
    assert codes(new) == ["standardization-plus"]


def test_while_nothing_is_tagged_a_run_only_moves_the_cursor(db):
    for n in range(5):
        make_standard(f"GB/T 4101{n}-2020", replaces=[f"GB/T 4101{n}-2010"])
    with CaptureQueriesContext(connection) as queries:
        assert carry() == 0
    read = [query["sql"] for query in queries.captured_queries if "catalog_standardevent" in query["sql"]]
    assert len(read) == 1  # the newest event's id, not the events
    assert CarryCursor.objects.get().last_event_id == StandardEvent.objects.order_by("-pk").first().pk


def test_entering_editions_queues_one_run_per_transaction(settings, db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with transaction.atomic():
        make_standard("GB/T 41011-2020")
        make_standard("GB/T 41012-2020")
    assert DBTaskResult.objects.filter(task_path=CARRY).count() == 1


def test_the_queued_run_carries_when_the_import_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # one transaction, as a request or an import batch
        old = make_standard("GB/T 41001-2010", published_on="2010-01-01", implemented_on="2010-06-01")
        tag(old, "standardization-plus")
        new = make_standard("GB/T 41001-2020", replaces=["GB/T 41001-2010"])
    assert codes(new) == ["standardization-plus"]


def test_only_the_platform_and_administrators_run_it(secretariat_user, admin_user):
    with pytest.raises(MissingActor):
        carry_tags_forward(actor=None)
    with pytest.raises(PermissionDeniedError):
        carry_tags_forward(actor=secretariat_user)
    assert carry_tags_forward(actor=admin_user) == 0


tag_codes = st.frozensets(st.sampled_from(["a", "b", "c", "d", "e"]))


@given(own=tag_codes, inherited=tag_codes, removed=tag_codes)
def test_what_is_carried_is_inherited_and_neither_held_nor_removed(own, inherited, removed):
    added = rules.to_carry(own=own, inherited=inherited, removed=removed)
    assert set(added) == inherited - own - removed and added == sorted(added)


@given(st.lists(st.tuples(tag_codes, tag_codes), max_size=6))
def test_removed_by_hand_is_every_tag_some_edit_took_off(history):
    removed = rules.removed_by_hand(history)
    assert removed == {code for before, after in history for code in before if code not in after}


def test_the_standards_page_names_its_tags_each_linking_to_the_search_by_tag(client, tagged_2010):
    new = make_standard("GB/T 41001-2020", title_zh="电动汽车 传导充电系统", replaces=["GB/T 41001-2010"])
    carry()
    page = client.get(new.get_absolute_url()).content.decode()
    assert 'href="/standards/?tag=standardization-plus">标准化+</a>' in page
    english = client.get(new.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/standards/?tag=civil-military">' in english
    assert "标准化+" not in english.split('id="programme-tags"')[1].split("</dd>")[0]
    assert "设定专项标签" in page.split("变更记录")[1]  # the history names what the edit was
