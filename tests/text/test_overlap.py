"""The coordination check's pure scoring: units, inverse-document-frequency weights, the weighted Dice score over
title and scope, and the shared words a reviewer is shown."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.text.overlap import IdfWeights, Side, compare, overlap, runs, units, weighted_dice

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


def test_scopes_count_for_their_share_when_both_are_known():
    with_scopes = overlap("甲乙丙", "本文件规定了丁戊", "甲乙丙", "本文件规定了己庚")
    assert with_scopes.title == 1.0
    assert with_scopes.scope is not None and with_scopes.scope < 1.0
    assert with_scopes.score == pytest.approx(0.7 * 1.0 + 0.3 * with_scopes.scope, abs=1e-4)
    assert overlap("甲乙丙", "", "甲乙丙", "本文件规定了己庚").scope is None


def test_surface_similarity_tells_aspects_of_one_subject_apart():
    """试验方法 and 技术要求 are generic, yet they say which aspect a title covers."""
    same = compare(Side.of("木家具 试验方法"), Side.of("木家具 检测方法"), title_weight=WEIGHT, surface=0.5)
    sibling = compare(Side.of("木家具 试验方法"), Side.of("木家具 技术要求"), title_weight=WEIGHT, surface=0.5)
    assert same.score > sibling.score


def test_shared_units_are_joined_into_runs_of_the_other_title():
    scored = overlap("电动汽车充电站建设规范", "", "电动汽车充电站通用要求", "")
    assert scored.shared == ("电动汽车充电站",)


def test_runs_keep_latin_words():
    assert runs({"led", "照明", "明灯"}, "LED照明灯具") == ["led", "照明灯"]  # longest first, then by text


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
