"""Titles are found the way people type them: without the spaces (and punctuation) between their elements."""

import pytest

from biaozhun.search.engine import SearchQuery
from biaozhun.search.tantivy_engine import TantivyEngine
from biaozhun.text import cjk_runs, squeeze

from .helpers import all_ids
from .titles import TITLES


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """An index of the real title forms (rows, no database): id i + 1 is TITLES[i]."""
    engine = TantivyEngine(tmp_path_factory.mktemp("typed") / "search")
    engine.index_standards([
        {"id": i + 1, "identifier": f"GB/T {30001 + i}-2020", "tier": "national", "title_zh": title,
         "status": "current", "published_on": "2020-03-01"}
        for i, title in enumerate(TITLES)
    ])
    engine.commit()
    yield engine
    engine.close()


def _typed_queries() -> list[str]:
    """Every substring of 2–12 characters of every title, as typed: its spaces (of any width) removed."""
    queries = set()
    for title in TITLES:
        for start in range(len(title)):
            for end in range(start + 2, min(start + 12, len(title)) + 1):
                typed = "".join(title[start:end].split())
                if cjk_runs(typed) and len(squeeze(typed)) >= 2:
                    queries.add(typed)
    return sorted(queries)


def test_every_space_free_substring_finds_exactly_the_titles_that_contain_it(engine):
    """Recall 1 and precision 1 against a scan: a title is found when it contains the query once spaces and
    punctuation are ignored on both sides, and only then."""
    queries = _typed_queries()
    assert len(queries) > 5000
    assert sum(" " in q or "\u3000" in q for q in queries) == 0
    squeezed = {i + 1: squeeze(title) for i, title in enumerate(TITLES)}
    missed, extra = {}, {}
    for query in queries:
        expected = {i for i, title in squeezed.items() if squeeze(query) in title}
        found = all_ids(engine, query)
        if expected - found:
            missed[query] = expected - found
        if found - expected:
            extra[query] = found - expected
    assert missed == {}
    assert extra == {}


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("质量管理体系要求", "质量管理体系 要求"),
        ("锂离子电池安全要求", "锂离子电池 安全要求"),
        ("电池安全", "锂离子电池 安全要求"),
        ("传导充电系统第1部分通用要求", "电动汽车 传导充电系统 第1部分：通用要求"),
        ("传导充电系统第1部分：通用要求", "电动汽车 传导充电系统 第1部分：通用要求"),
        ("网络安全等级保护", "信息安全技术\u3000网络安全等级保护基本要求"),
        ("信息安全技术网络安全", "信息安全技术\u3000网络安全等级保护基本要求"),
        ("电器的安全第2部分IEC60335", "家用和类似用途电器的安全 第2部分：IEC 60335-2-9 烤架、面包片烘烤器及类似用途便携式烹饪器具的特殊要求"),
        ("额定电压1kV到35kV", "家用额定电压1 kV到35 kV挤包绝缘电力电缆"),
        ("额定电压1KV到35KV", "家用额定电压1 kV到35 kV挤包绝缘电力电缆"),
        ("接收质量限AQL检索", "计数抽样检验程序 第1部分：按接收质量限（AQL）检索的逐批检验抽样计划"),
        ("医用电气设备第1-2部分", "医用电气设备 第1-2部分：基本安全和基本性能的通用要求 并列标准：电磁兼容 要求和试验"),
        ("信用体系建设信用信息共享平台", "社会信用体系建设 —— 信用信息共享平台 数据规范"),
        ("国家物品编码商品条码", "国家物品编码·商品条码"),
        ("LED前照灯", "汽车用LED前照灯"),
        ("移动通信终端5G技术要求", "移动通信终端 5G 技术要求"),
    ],
)
def test_the_way_people_type_finds_the_title_and_marks_it(engine, typed, title):
    result = engine.search(SearchQuery(text=typed))
    titles = [hit.title_zh for hit in result.hits]
    assert title in titles
    hit = result.hits[titles.index(title)]
    marked = hit.highlight_zh[hit.highlight_zh.index("<mark>") + 6 : hit.highlight_zh.index("</mark>")]
    assert squeeze(marked) == squeeze(typed)  # the title's own text is marked, with its spaces
    assert all(squeeze(typed) in squeeze(t) for t in titles)


def test_part_numbers_do_not_match_loosely(engine):
    """"第1部分" is one substring: a title with 第2部分 and a 1 elsewhere is not found (digits are in the phrase)."""
    found = {hit.title_zh for hit in engine.search(SearchQuery(text="第1部分试验方法", page_size=100)).hits}
    assert found == set()
    found = {hit.title_zh for hit in engine.search(SearchQuery(text="第2部分试验方法", page_size=100)).hits}
    assert found == {"电工电子产品环境试验 第2部分：试验方法 试验A：低温"}


def test_queries_with_spaces_still_combine_terms(engine):
    result = engine.search(SearchQuery(text="电动汽车 通用要求", page_size=100))
    assert [hit.title_zh for hit in result.hits] == ["电动汽车 传导充电系统 第1部分：通用要求"]


def test_pinyin_typed_without_spaces_reads_across_elements(engine):
    result = engine.search(SearchQuery(text="dianchianquan", page_size=100))
    assert "锂离子电池 安全要求" in {hit.title_zh for hit in result.hits}
    hit = next(hit for hit in result.hits if hit.title_zh == "锂离子电池 安全要求")
    assert hit.highlight_zh == "锂离子<mark>电池 安全</mark>要求"
