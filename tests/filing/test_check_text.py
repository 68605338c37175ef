"""The checks' stored results said in words: every outcome of every check has its sentence, built from the
parameters the checks store; the evidence is prepared for the page; a result of an unknown shape is still said."""

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from biaozhun.filing.check_text import describe, flagged, label, marked_title, sentence, stored_evidence

CASES = [
    ({"code": "number", "outcome": "ok", "params": {"canonical": "DB32/T 1-2026"}}, "标准号 DB32/T 1-2026 格式正确。"),
    ({"code": "number", "outcome": "note", "params": {"written": "db32/t1-2026", "canonical": "DB32/T 1-2026"}},
     "标准号写作“db32/t1-2026”，规范写法为 DB32/T 1-2026，将按规范写法备案。"),
    ({"code": "ownership", "outcome": "flag", "params": {"code": "YY", "authority": "工业和信息化部",
                                                         "owner": "国家药品监督管理局"}},
     "代号 YY 的主管部门登记为国家药品监督管理局，不是工业和信息化部。"),
    ({"code": "ownership", "outcome": "flag", "params": {"code": "33", "authority": "江苏省市场监督管理局",
                                                         "owner": ""}}, "江苏省市场监督管理局不主管代号 33 的标准。"),
    ({"code": "catalogue", "outcome": "flag", "params": {"identifier": "DB32/T 1-2026"}},
     "标准目录中已有 DB32/T 1-2026，同一标准不能再次备案。"),
    ({"code": "catalogue", "outcome": "note", "params": {"series": "DB32/T 1"}},
     "标准目录中已有 DB32/T 1 的其他版本；如本标准是修订，请填写被代替标准。"),
    ({"code": "year", "outcome": "flag", "params": {"year": 2025, "published_on": "2026-01-05"}},
     "年代号 2025 与发布日期 2026-01-05 的年份不符。"),
    ({"code": "year", "outcome": "ok", "params": {}}, "缺少年代号或发布日期，未核对。"),
    ({"code": "deadline", "outcome": "note", "params": {"deadline": "2026-03-01", "late_days": 12}},
     "在备案期限（2026-03-01）之后提交，逾期 12 日；逾期备案照常受理，并标注逾期。"),
    ({"code": "replacement", "outcome": "flag", "params": {"replaces": "DB32/T 9-2010", "problem": "missing"}},
     "被代替标准 DB32/T 9-2010 不在标准目录中，请核对标准号。"),
    ({"code": "replacement", "outcome": "flag", "params": {"replaces": "DB32/T 9-2010", "problem": "already_replaced",
                                                           "by": "", "status": "abolished"}},
     "被代替标准 DB32/T 9-2010 的状态已是“废止”。"),
    ({"code": "replacement", "outcome": "flag", "params": {"replaces": "DB31/T 9-2010", "problem": "other_authority",
                                                           "code": "31"}},
     "被代替标准 DB31/T 9-2010 属于代号 31，与本标准的代号不同。"),
    ({"code": "coordination", "outcome": "flag", "params": {"candidates": 2, "flags": ["mandatory_conflict"]}},
     "发现 2 项标题或范围相近的同级或上级标准，请核对是否重复或矛盾。其中：可能与强制性国家标准冲突。"),
    ({"code": "coordination", "outcome": "ok", "params": {"candidates": 0, "flags": []}},
     "没有发现标题或范围相近的同级或上级标准。"),
    ({"code": "wording", "outcome": "flag", "params": {"matches": 3}}, "发现 3 处可能排除、限制竞争或设置市场壁垒的用语，请核实。"),
]


@pytest.mark.parametrize(("result", "expected"), CASES, ids=lambda c: c["code"] + ":" + c["outcome"]
                         if isinstance(c, dict) else "")
def test_each_outcome_is_said_in_a_sentence(result, expected):
    with translation.override("zh-hans"):
        assert sentence(result) == expected


def test_a_result_of_an_unknown_check_or_shape_is_still_said():
    with translation.override("zh-hans"):
        assert sentence({"code": "spelling", "outcome": "flag", "params": {}}) == "spelling：请审查"
        assert sentence({"code": "year", "outcome": "flag", "params": {"year": 2025}}) == "年代号与发布日期：请审查"


def test_the_evidence_is_prepared_for_the_page():
    candidate = {"standard_id": 1, "identifier": "GB 50028-2006", "title_zh": "城镇燃气设计规范", "tier": "national",
                 "nature": "mandatory", "status": "current", "score": 0.734, "title_score": 0.8, "scope_score": 0.6,
                 "shared": ["城镇燃气"], "flag": "mandatory_conflict"}
    match = {"rule": 1, "kind": "local_testing", "explanation": "限定本地检验检测机构", "where": "text",
             "match": "本省检测机构", "before": "应由", "after": "出具报告"}
    with translation.override("zh-hans"):
        shown = describe([
            {"code": "coordination", "outcome": "flag", "params": {"candidates": 1, "flags": ["mandatory_conflict"]},
             "evidence": [candidate]},
            {"code": "wording", "outcome": "flag", "params": {"matches": 1}, "evidence": [match]},
        ])
    c = shown[0]["candidates"][0]
    assert (c["tier_label"], c["status_label"], c["nature_label"], c["percent"]) == ("国家标准", "现行", "强制性", 73)
    assert c["flag_label"] == "可能与强制性国家标准冲突" and shown[0]["style"] == "warning"
    assert c["title_marked"] == "<mark>城镇燃气</mark>设计规范"
    m = shown[1]["matches"][0]
    assert (m["kind_label"], m["where_label"]) == ("限定本地检测机构", "标准文本")
    assert flagged([{"code": "year", "outcome": "flag"}, {"code": "number", "outcome": "ok"}]) == ["year"]


def test_a_general_reason_is_labelled_other():
    with translation.override("zh-hans"):
        assert label("") == "其他" and label("coordination") == "协调性"


# --- A coordination candidate's title: escaped, the shared words marked, when a page shows it -------------------

def test_a_candidates_title_is_escaped_and_its_shared_words_marked():
    shown = marked_title({"title_zh": "燃气<script>alert(1)</script> 城镇 燃气设计规范", "shared": ["城镇燃气"]})
    assert isinstance(shown, SafeString)
    assert shown == "燃气&lt;script&gt;alert(1)&lt;/script&gt; <mark>城镇 燃气</mark>设计规范"


def test_a_shared_word_that_is_markup_is_marked_as_text():
    shown = marked_title({"title_zh": "阀门<b>通用</b>要求", "shared": ["<b>通用"]})
    assert "<b>" not in shown and "</b>" not in shown
    assert shown.replace("<mark>", "").replace("</mark>", "") == "阀门&lt;b&gt;通用&lt;/b&gt;要求"
    assert "通用</mark>" in shown


def test_older_evidence_with_its_title_is_marked_again_from_the_title_not_from_its_stored_html():
    old = {"title_zh": "城镇燃气设计规范", "shared": ["城镇燃气"], "highlight": "<script>alert(1)</script>"}
    assert marked_title(old) == "<mark>城镇燃气</mark>设计规范"


def test_older_evidence_with_only_its_html_shows_its_text_escaped_and_its_marks():
    old = {"highlight": "电动汽车&lt;script&gt;<mark>充电站</mark>&lt;/script&gt;<img src=x onerror=alert(1)>要求"}
    assert marked_title(old) == "电动汽车&lt;script&gt;<mark>充电站</mark>&lt;/script&gt;要求"
    assert marked_title({}) == ""


def test_the_page_and_the_api_get_no_stored_html():
    candidate = {"title_zh": "城镇燃气设计规范", "shared": [], "highlight": "<i>城镇燃气设计规范</i>"}
    assert "highlight" not in stored_evidence(candidate)
    [shown] = describe([{"code": "coordination", "outcome": "note", "params": {"candidates": 1},
                         "evidence": [candidate]}])
    assert "highlight" not in shown["candidates"][0] and shown["candidates"][0]["title_marked"] == "城镇燃气设计规范"
