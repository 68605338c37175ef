"""The search index follows the writes: an appended event reindexes its declaration after commit, a renamed product
or enterprise reindexes theirs, and the sync command catches up what bulk writes left behind."""

import pytest
from django.core.management import call_command

from biaozhun.declarations.models import Declaration, DeclarationEvent, DeclarationEventKind, DeclarationState
from biaozhun.declarations.search import index, sync
from biaozhun.declarations.search.tokens import document, query_words
from biaozhun.declarations.selectors.search import DeclarationQuery, search_declarations
from tests.factories.declarations import DeclarationFactory

pytestmark = pytest.mark.django_db


def found(q: str) -> set[str]:
    return {d.identifier for d in search_declarations(query=DeclarationQuery(q=q)).items}


def test_a_document_holds_field_prefixed_pairs_regions_and_the_flag():
    doc = document(enterprise="海尔", products=[("冰箱", "B-1"), ("冷柜", "")], identifier="Q/HE 1-2024",
                   title="冰箱", region="370212", flagged=True).split()
    assert doc[:1] == ["e海尔"] and "p冰箱" in doc and "x" in doc and "pb1" in doc
    assert doc[-4:] == ["r37", "r3702", "r370212", "zflag"]
    assert query_words("电冰箱 x") == [["电冰", "冰箱"]]


def test_a_new_event_reindexes_its_declaration_once_the_transaction_commits(scene, django_capture_on_commit_callbacks):
    Declaration.objects.filter(pk=scene.national.pk).update(title="质量管理体系 要求 洗碗机")
    assert found("洗碗机") == set()
    with django_capture_on_commit_callbacks(execute=True):
        DeclarationEvent.objects.create(declaration=scene.national, kind=DeclarationEventKind.REVISED)
    assert found("洗碗机") == {"GB/T 19001-2016"}


def test_a_withdrawal_event_takes_the_declaration_out_of_the_index(scene, django_capture_on_commit_callbacks):
    Declaration.objects.filter(pk=scene.q_standard.pk).update(state=DeclarationState.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        DeclarationEvent.objects.create(declaration=scene.q_standard, kind=DeclarationEventKind.WITHDRAWN)
    assert found("海尔") == set()


def test_renaming_a_product_or_an_enterprise_reindexes_their_declarations(scene, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scene.washer.name = "波轮洗衣机"
        scene.washer.save()
        scene.gree.name = "珠海格力电器股份有限公司"
        scene.gree.save()
    assert found("波轮") == {"GB/T 19001-2016"}
    assert found("格力电器") == {"GB/T 7725-2004"}


def test_the_sync_command_catches_up_from_the_event_table(scene):
    late = DeclarationFactory(enterprise=scene.midea, identifier="Q/MD 9-2025", undated="Q/MD 9", title="烘干机")
    DeclarationEvent.objects.bulk_create([DeclarationEvent(declaration=late, kind=DeclarationEventKind.DECLARED)])
    assert found("烘干机") == set()
    call_command("declarations_search_sync")
    assert found("烘干机") == {"Q/MD 9-2025"}
    assert index.applied_event_id() == DeclarationEvent.objects.latest("id").pk
    assert sync.catch_up() == 0  # nothing new


def test_a_rebuild_indexes_published_declarations_only(scene):
    call_command("declarations_search_sync", "--rebuild")
    assert index.matching_count(index.Match(region="44")) == 2
    assert index.matching_count(index.Match(words=[["冷柜"]])) == 0
