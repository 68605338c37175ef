"""The checks' stored results said in words: every outcome of every check has its sentence, built from the
parameters the checks store; the evidence is prepared for the page; a result of an unknown shape is still said."""

import pytest
from django.utils import translation

from biaozhun.filing.check_text import describe, flagged, label, sentence

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
                 "shared": ["城镇燃气"], "highlight": "<mark>城镇燃气</mark>设计规范", "flag": "mandatory_conflict"}
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
    m = shown[1]["matches"][0]
    assert (m["kind_label"], m["where_label"]) == ("限定本地检测机构", "标准文本")
    assert flagged([{"code": "year", "outcome": "flag"}, {"code": "number", "outcome": "ok"}]) == ["year"]


def test_a_general_reason_is_labelled_other():
    with translation.override("zh-hans"):
        assert label("") == "其他" and label("coordination") == "协调性"
