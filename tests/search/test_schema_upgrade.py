"""An index written by the previous release (schema 5: no grouped sparse fields) is rebuilt by `search_sync` by
itself, and then counts its facets from the groups (decision 0024)."""

from io import StringIO

import pytest
from django.core.management import call_command

from biaozhun.search import documents, health, tantivy_engine
from biaozhun.search.engine import forget_engines, search_settings
from biaozhun.search.health import IndexCondition, check_index
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def _sync() -> str:
    out = StringIO()
    call_command("search_sync", stdout=out)
    forget_engines()
    return out.getvalue()


def _facets(client) -> dict:
    body = client.get("/api/v1/search/", {"q": "电池", "facets": "true"}).json()
    return {name: {item["value"]: item["count"] for item in values} for name, values in body["facets"].items()}


def test_an_index_of_the_previous_schema_is_rebuilt_by_search_sync_by_itself(client, settings, tmp_path, monkeypatch):
    settings.BIAOZHUN_SEARCH = {"ENGINE": "tantivy", "PATH": tmp_path / "search"}
    make_standard("GB/T 14726-2002", title_zh="锂离子电池 安全要求", ics=["29.220.30"], tc_code="SAC/TC 999",
                  adopts=[{"identifier": "IEC 62133:2002", "degree": "MOD"}])
    make_standard("DB3301/T 1001-2020", title_zh="电动自行车电池 技术要求")
    with monkeypatch.context() as old_release:
        old_release.setattr(documents, "SPARSE_GROUPS", {})  # schema 5 had no grouped fields
        for module in (tantivy_engine, health):
            old_release.setattr(module, "SCHEMA_VERSION", 5)
        forget_engines()
        assert "index rebuilt" in _sync()  # none yet: the old release builds its own
        assert check_index().condition == IndexCondition.OK
        old = sorted(search_settings()[1].glob("index-*"))
    assert len(old) == 1

    found = check_index()  # the new release finds the old index
    assert not found.usable and found.condition == IndexCondition.CORRUPT
    assert found.detail == f"the search index has schema 5, this release {documents.SCHEMA_VERSION}"
    assert client.get("/api/v1/search/", {"q": "电池"}).status_code == 503  # said, never "0 results"

    out = _sync()
    assert out.startswith("index rebuilt (") and "2 standards indexed" in out
    assert check_index().condition == IndexCondition.OK
    assert [p.name for p in search_settings()[1].glob("index-*")] != [old[0].name]
    facets = _facets(client)
    assert facets["ccs"] == {"A00": 2} and facets["ccs1"] == {"A": 2} and facets["ics"] == {"29": 1, "03": 1}
    assert facets["tc"] == {"SAC/TC 999": 1} and facets["degree"] == {"MOD": 1} and facets["adopted"] == {
        "yes": 1, "no": 1}
    assert facets["province"] == {"33": 1} and facets["city"] == {"3301": 1}
    assert facets["tier"] == {"national": 1, "local": 1}
    assert "events applied" in _sync()  # the next round finds it whole
