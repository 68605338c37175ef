"""Feeding the index: a full rebuild, and sync from the catalogue's event table."""

import pytest
from django.core.management import call_command

from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import update_standard
from biaozhun.core.actors import SYSTEM
from biaozhun.search.engine import SearchQuery, get_engine
from biaozhun.search.feed import GAP_TTL, sync, sync_engine
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def _identifiers(text: str) -> list[str]:
    get_engine().index().reload()  # readers of other processes see a commit within a moment; tests don't wait
    return [hit.identifier for hit in get_engine().search(SearchQuery(text=text)).hits]


def test_rebuild_then_sync_picks_up_new_and_changed_standards(search_path):
    make_standard("GB/T 1-2020", title_zh="标准化工作导则 第1部分：标准化文件的结构和起草规则")
    call_command("search_rebuild", "--no-progress", stdout=None)
    assert _identifiers("起草规则") == ["GB/T 1-2020"]
    state = get_engine().get_state()
    assert state["last_event_id"] > 0

    added = make_standard("GB/T 2-2021", title_zh="食品添加剂 使用标准")
    changed = Standard.objects.get(identifier="GB/T 1-2020")
    update_standard(actor=SYSTEM, standard=changed, changes={"title_zh": "标准化工作导则 总则"}, expected_version=changed.version)
    assert _identifiers("食品添加剂") == []  # not until the sync

    call_command("search_sync", stdout=None)
    assert _identifiers("食品添加剂") == ["GB/T 2-2021"]
    assert _identifiers("起草规则") == []
    assert _identifiers("总则") == ["GB/T 1-2020"]
    assert get_engine().get_state()["last_event_id"] >= added.events.order_by("-id").first().id


def test_sync_is_idempotent_and_records_the_last_event(search_path):
    make_standard("GB/T 3-2022", title_zh="锂离子电池 安全要求")
    engine = sync_engine()
    first = sync(engine)
    assert first.reindexed == 1 and first.events >= 1
    again = sync(engine)
    assert again.events == 0 and again.last_event_id == first.last_event_id
    assert _identifiers("锂离子电池") == ["GB/T 3-2022"]


def test_sync_retries_a_gap_until_it_commits_or_expires(search_path):
    """On PostgreSQL an event id below the last applied one can commit late: its gap is read again."""
    standard = make_standard("GB/T 4-2022", title_zh="电动汽车 充电")
    engine = sync_engine()
    last = sync(engine).last_event_id
    engine.set_state({"last_event_id": last, "gaps": [[last, 100.0]]})  # as if `last` had not been visible
    engine.commit()
    report = sync(engine, now=200.0)
    assert (report.events, report.reindexed) == (1, 1)
    assert engine.get_state()["gaps"] == []
    engine.set_state({"last_event_id": last, "gaps": [[last + 1000, 100.0]]})  # never commits (rolled back)
    engine.commit()
    assert sync(engine, now=200.0).events == 0 and engine.get_state()["gaps"] == [[last + 1000, 100.0]]
    sync(engine, now=100.0 + GAP_TTL)
    assert engine.get_state()["gaps"] == []
    assert standard.pk in {hit.standard_id for hit in engine.search(SearchQuery(text="充电")).hits}


def test_rebuild_switches_the_current_index_atomically(search_path):
    make_standard("GB/T 5-2022", title_zh="电动汽车 充电")
    call_command("search_rebuild", "--no-progress", stdout=None)
    first = (search_path / "current").resolve()
    call_command("search_rebuild", "--no-progress", stdout=None)
    second = (search_path / "current").resolve()
    assert first != second and not first.exists() and second.exists()
    assert _identifiers("充电") == ["GB/T 5-2022"]


def test_sync_refuses_an_index_ahead_of_the_catalogue_and_search_sync_rebuilds_it(search_path):
    from io import StringIO

    from biaozhun.search.engine import IndexStateError

    make_standard("GB/T 19001-2016", title_zh="质量管理体系 要求")
    engine = sync_engine()
    engine.set_state({"last_event_id": 10**9, "gaps": []})  # as after the database was replaced by an older one
    engine.commit()
    engine.finish()
    with pytest.raises(IndexStateError, match="search_rebuild"):
        sync(engine)
    engine.close()
    out = StringIO()
    call_command("search_sync", stdout=out)
    assert "index rebuilt" in out.getvalue()
    assert _identifiers("质量管理") == ["GB/T 19001-2016"]
