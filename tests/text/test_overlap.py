"""The coordination check's pure scoring: units, inverse-document-frequency weights, the weighted Dice score over
title and scope, and the shared words a reviewer is shown."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.text.overlap import IdfWeights, Side, compare, overlap, runs, units, weighted_dice, without_places

# Frequencies among 200,000 standards: generic document-type pairs are everywhere, subject pairs are rare.
DOCUMENTS = 200_000
FREQUENCIES = {"技术": 60_000, "术规": 20_000, "规范": 70_000, "要求": 80_000, "通用": 30_000, "用要": 12_000,
               "充电": 300, "电站": 900, "电动": 1_500, "动汽": 700, "汽车": 5_000, "茶叶": 200, "叶加": 20,
               "加工": 9_000, "工厂": 2_000, "本文": 90_000, "文件": 90_000, "规定": 95_000, "适用": 95_000}
WEIGHT = IdfWeights(DOCUMENTS, FREQUENCIES)


def test_part_designations_are_not_units():
    assert units("锂离子电池 第2部分：安全要求") == units("锂离子电池 安全要求")
    assert "部分" in units("部分负荷性能")


def test_a_rare_unit_weighs_more_than_a_generic_one_and_an_unknown_unit_most():
    assert WEIGHT("充电") > 5 * WEIGHT("规范")
    assert WEIGHT("从未出现") > WEIGHT("充电")
    assert WEIGHT("规范") > 0


def test_a_unit_in_every_document_weighs_the_floor():
    weight = IdfWeights(10, {"标准": 10}, floor=0.05)
    assert weight("标准") == pytest.approx(0.05)


def test_the_power_sharpens_the_contrast():
    squared = IdfWeights(DOCUMENTS, FREQUENCIES, power=2.0)
    assert squared("充电") / squared("规范") > WEIGHT("充电") / WEIGHT("规范")


def test_a_local_restatement_of_a_national_title_stays_close_when_weighted():
    restated = overlap("北京市电动汽车充电站通用技术规范", "", "电动汽车充电站通用要求", "", title_weight=WEIGHT)
    assert restated.score > 0.6


def test_titles_sharing_only_generic_words_are_far_apart_when_weighted():
    plain = overlap("茶叶加工厂建设通用要求", "", "电动汽车充电站通用要求", "")
    weighted = overlap("茶叶加工厂建设通用要求", "", "电动汽车充电站通用要求", "", title_weight=WEIGHT)
    assert plain.score > 0.2
    assert weighted.score < 0.1


def test_scopes_raise_the_score_of_different_titles_covering_the_same_thing():
    title_only = overlap("爆破作业安全管理规范", "", "爆破安全规程", "", title_weight=WEIGHT)
    with_scopes = overlap("爆破作业安全管理规范", "本文件规定了爆破器材运输、贮存和爆破作业的安全要求。",
                          "爆破安全规程", "本标准规定了爆破器材运输、贮存、使用和爆破作业的安全要求。",
                          title_weight=WEIGHT, scope_weight=WEIGHT)
    assert with_scopes.scope is not None
    assert with_scopes.score > title_only.score
    assert with_scopes.score == pytest.approx(0.7 * with_scopes.title + 0.3 * with_scopes.scope, abs=1e-4)


def test_scopes_never_lower_the_score_of_the_same_title():
    """A standard with a scope must not rank below the same title without one."""
    assert overlap("甲乙丙", "本文件规定了丁戊", "甲乙丙", "本文件规定了己庚").score == 1.0
    assert overlap("甲乙丙", "", "甲乙丙", "本文件规定了己庚").scope is None


def test_shared_units_are_joined_into_runs_of_the_other_title():
    scored = overlap("电动汽车充电站建设规范", "", "电动汽车充电站通用要求", "")
    assert scored.shared == ("电动汽车充电站",)


def test_runs_are_read_as_written_across_spaces_and_case():
    assert runs({"led", "照明"}, "LED 照明灯具") == ["LED 照明"]
    assert runs({"汽车", "充电"}, "电动汽车 充电桩") == ["汽车 充电"]
    assert runs({"电动汽车", "充电站"}, "电动汽车充电站通用要求 电动汽车") == ["电动汽车充电站", "电动汽车"]


def test_units_are_words_and_the_words_inside_them():
    assert {"电动汽车", "电动", "汽车", "充电站"} <= set(units("电动汽车充电站通用要求"))
    assert units("多晶硅 锰含量的测定 滴定法") == units("多晶硅 锰含量的测定，滴定法")
    assert "ph" in units("pH值的测定")


def test_an_inserted_word_leaves_the_rest_of_the_title_shared():
    """爆破作业安全规程 keeps 爆破, 安全 and 规程 of 爆破安全规程 (character pairs would not keep 破安)."""
    assert {"爆破", "安全", "规程"} <= set(units("爆破作业安全规程")) & set(units("爆破安全规程"))


def test_a_place_with_its_suffix_and_where_a_text_applies_are_left_out():
    assert without_places("江西省多晶硅 锰含量的测定", ["江西"]) == " 多晶硅 锰含量的测定"
    assert without_places("本文件适用于南京市行政区域内的公共厕所。", ["江苏", "南京市"]) == "本文件适用于  的公共厕所。"
    assert without_places("地理标志产品 江西绿茶", ["江西"]) == "地理标志产品 江西绿茶"
    assert without_places("广西壮族自治区甘蔗栽培技术规程", ["广西"]) == " 甘蔗栽培技术规程"


def test_shared_scope_words_leave_out_the_lightest():
    """Only the heaviest shared units of the scopes are shown, so boilerplate such as 规定 falls out."""
    scored = compare(Side.of("甲", "本文件规定了电动汽车充电站的要求"), Side.of("乙", "本文件规定了电动汽车充电站的选址"),
                     scope_weight=WEIGHT)
    assert "电动汽车充电站" in scored.scope_shared[0]
    assert not any("规定" in run for run in scored.scope_shared)


def test_nothing_shared_scores_zero():
    assert overlap("茶叶", "", "钢管", "").score == 0.0
    assert weighted_dice(Counter(), Counter()) == 0.0


cjk_titles = st.text(alphabet="电动汽车充电站通用要求技术规范茶叶加工厂 ", min_size=0, max_size=20)


@given(cjk_titles, cjk_titles)
def test_the_score_is_symmetric_and_bounded(a, b):
    first = overlap(a, "", b, "", title_weight=WEIGHT)
    second = overlap(b, "", a, "", title_weight=WEIGHT)
    assert first.score == pytest.approx(second.score, abs=1e-4)
    assert 0.0 <= first.score <= 1.0


@given(cjk_titles.filter(lambda t: len(t.replace(" ", "")) >= 2))
def test_a_title_covers_itself_entirely(title):
    assert overlap(title, "", title, "", title_weight=WEIGHT).score == pytest.approx(1.0)
