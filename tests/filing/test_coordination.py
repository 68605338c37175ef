"""The coordination check: which standards a filing is shown beside, and when it is flagged."""

from __future__ import annotations

from datetime import date

import pytest

from biaozhun.filing.check_text import marked_title
from biaozhun.filing.checks import Outcome, Subject
from biaozhun.filing.checks.coordination import coordination
from biaozhun.filing.services import submit_filing
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

# Standards on other subjects that share the generic words, so that the index knows which words are generic.
BACKGROUND = [
    ("GB/T 30001-2018", "茶叶加工厂 技术规范"), ("GB/T 30002-2018", "工业锅炉 通用技术要求"),
    ("GB/T 30003-2018", "物流服务 管理规范"), ("GB/T 30004-2018", "钢结构 施工技术规范"),
    ("GB/T 30005-2018", "数据中心 通用要求"), ("GB/T 30006-2018", "城市道路 养护技术规范"),
    ("GB/T 30007-2018", "旅游饭店 服务规范"), ("GB/T 30008-2018", "地理信息 通用要求"),
    ("JB/T 30009-2018", "机床 数控系统 通用技术条件"), ("DB11/T 3010-2018", "社区服务 管理规范"),
]


@pytest.fixture
def catalogue(search_index):
    for identifier, title in BACKGROUND:
        make_standard(identifier, title_zh=title, published_on="2018-05-01", implemented_on="2018-11-01")
    make_standard("GB 37487-2019", title_zh="公共场所卫生管理规范", published_on="2019-04-04",
                  implemented_on="2019-11-01",
                  scope="本标准规定了公共场所的卫生管理、从业人员卫生要求、卫生设施与设备和卫生检测等要求。")
    make_standard("GB/T 29781-2013", title_zh="电动汽车充电站通用要求", published_on="2013-10-10",
                  implemented_on="2014-03-01", scope="本标准规定了电动汽车充电站的选址、供电系统、充电设备和安全防护等通用要求。")
    search_index()


def subject(identifier: str, title: str, scope: str = "", *, tier: str = "local", replaces: str = "") -> Subject:
    return Subject(identifier=identifier, edition=identifier, written_identifier=identifier, tier=tier, code="32",
                   year=2025, nature="recommended", title_zh=title, scope=scope, published_on=date(2025, 6, 1),
                   replaces=replaces, authority_id=1, submitted_on=date(2025, 7, 1))


def flags(result) -> list[str]:
    return result.params["flags"]


def test_a_local_standard_restating_a_mandatory_national_one_is_a_possible_conflict(catalogue):
    result = coordination(subject("DB32/T 9001-2025", "公共场所卫生管理规范",
                                  "本文件规定了公共场所经营者的卫生管理、从业人员卫生和卫生检测要求。"))
    assert result.outcome == Outcome.FLAG
    assert flags(result) == ["mandatory_conflict"]
    first = result.evidence[0]
    assert (first["identifier"], first["flag"]) == ("GB 37487-2019", "mandatory_conflict")
    assert first["url"] == "/std/GB%2037487-2019"


def test_a_subject_that_has_a_national_standard_is_flagged_for_review(catalogue):
    result = coordination(subject("DB32/T 9002-2025", "江苏省电动汽车充电站通用技术要求",
                                  "本文件规定了电动汽车充电站的选址、供电、充电设备和安全防护要求。"))
    assert flags(result) == ["national_exists"]
    assert result.evidence[0]["identifier"] == "GB/T 29781-2013"


def test_an_industry_standard_restating_a_mandatory_one_is_flagged_as_national_not_as_a_local_conflict(catalogue):
    result = coordination(subject("WS/T 9003-2025", "公共场所卫生管理规范", tier="industry"))
    assert flags(result) == ["national_exists"]


def test_a_local_standard_naming_its_own_province_is_compared_without_it(catalogue):
    result = coordination(subject("DB32/T 9010-2025", "江苏省公共场所卫生管理规范",
                                  "本文件适用于江苏省行政区域内的公共场所。"))
    assert result.evidence[0]["identifier"] == "GB 37487-2019"
    assert result.evidence[0]["title_score"] == 1.0
    assert flags(result) == ["mandatory_conflict"]


def test_group_and_enterprise_standards_are_never_candidates(search_index):
    make_standard("T/CEC 9011-2020", title_zh="电动汽车充电站通用要求", published_on="2020-05-01",
                  implemented_on="2020-11-01")
    search_index()
    assert coordination(subject("DB32/T 9011-2025", "电动汽车充电站通用要求")).evidence == []


def test_an_unrelated_standard_is_shown_nothing_even_when_it_shares_generic_words(catalogue):
    result = coordination(subject("DB32/T 9004-2025", "口腔诊所 通用技术规范", "本文件规定了口腔诊所的设施和管理要求。"))
    assert result.outcome == Outcome.OK
    assert result.evidence == []
    assert flags(result) == []


def test_the_shared_words_are_stored_as_data_and_marked_when_shown(catalogue):
    result = coordination(subject("DB32/T 9005-2025", "电动汽车充电站建设规范"))
    first = result.evidence[0]
    assert (first["title_zh"], first["shared"][0]) == ("电动汽车充电站通用要求", "电动汽车充电站")
    assert "highlight" not in first  # no markup in the stored evidence
    assert marked_title(first) == "<mark>电动汽车充电站</mark>通用要求"


def test_a_candidate_title_is_stored_as_written_and_escaped_when_shown(search_index):
    make_standard("GB/T 30100-2020", title_zh="电动汽车<script>充电站</script>通用要求", published_on="2020-05-01",
                  implemented_on="2020-11-01")
    search_index()
    result = coordination(subject("DB32/T 9006-2025", "电动汽车充电站通用要求"))
    candidate = result.evidence[0]
    assert candidate["title_zh"] == "电动汽车<script>充电站</script>通用要求"
    shown = marked_title(candidate)
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown
    assert "<mark>" in shown


def test_standards_no_longer_in_force_are_not_candidates(search_index):
    make_standard("GB 30200-2010", title_zh="电动自行车安全技术规范", published_on="2010-05-01",
                  implemented_on="2010-11-01", abolished_on="2018-05-01")
    search_index()
    result = coordination(subject("DB32/T 9007-2025", "电动自行车安全技术规范"))
    assert result.evidence == []


def test_an_industry_filing_is_not_compared_with_local_standards(search_index):
    make_standard("DB33/T 3000-2020", title_zh="电动自行车停放场所消防安全规范", published_on="2020-05-01",
                  implemented_on="2020-11-01")
    search_index()
    industry = coordination(subject("GA/T 9008-2025", "电动自行车停放场所消防安全规范", tier="industry"))
    local = coordination(subject("DB32/T 9008-2025", "电动自行车停放场所消防安全规范"))
    assert industry.evidence == []
    assert [c["identifier"] for c in local.evidence] == ["DB33/T 3000-2020"]
    assert flags(local) == []  # a local standard of another province: shown, not flagged


def test_other_parts_and_the_replaced_edition_of_the_filed_series_are_left_out(search_index):
    make_standard("DB32/T 3100.1-2019", title_zh="智慧停车场 第1部分：通用要求", published_on="2019-05-01",
                  implemented_on="2019-11-01")
    make_standard("DB32/T 3100.2-2019", title_zh="智慧停车场 第2部分：设备要求", published_on="2019-05-01",
                  implemented_on="2019-11-01")
    make_standard("DB33/T 3200-2021", title_zh="智慧停车场 设备要求", published_on="2021-05-01",
                  implemented_on="2021-11-01")
    search_index()
    result = coordination(subject("DB32/T 3100.2-2025", "智慧停车场 第2部分：设备要求", replaces="DB32/T 3100.2-2019"))
    assert [c["identifier"] for c in result.evidence] == ["DB33/T 3200-2021"]


def test_without_an_index_the_check_finds_nothing_rather_than_failing(settings, tmp_path):
    from biaozhun.search.engine import forget_engines

    settings.BIAOZHUN_SEARCH = {"ENGINE": "tantivy", "PATH": tmp_path / "none"}
    forget_engines()
    result = coordination(subject("DB32/T 9009-2025", "电动汽车充电站通用要求"))
    assert (result.outcome, result.evidence) == (Outcome.OK, [])
    forget_engines()


def test_a_submitted_filing_carries_the_coordination_flags(catalogue, bureau, bureau_user, make_input):
    filing = submit_filing(actor=bureau_user, authority=bureau, data=make_input(
        "DB32/T 4001-2026", title_zh="公共场所卫生管理规范", scope="本文件规定了公共场所的卫生管理和卫生检测要求。"))
    check = next(c for c in filing.checks if c["code"] == "coordination")
    assert check["outcome"] == "flag"
    assert check["params"]["flags"] == ["mandatory_conflict"]
    assert check["evidence"][0]["identifier"] == "GB 37487-2019"
