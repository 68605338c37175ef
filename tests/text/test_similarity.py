"""Title similarity for the continuity check of revisions."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biaozhun.text.similarity import title_similarity


@pytest.mark.parametrize("old, new", [
    ("机动车运行安全技术条件", "机动车运行安全技术条件"),
    ("质量管理体系 要求", "质量管理体系　要求"),  # full-width space
    ("食品安全国家标准 食品添加剂使用标准", "食品安全国家标准 食品添加剂使用卫生标准"),
    ("信息技术 云计算 参考架构", "信息技术 云计算 参考架构"),
    ("家用和类似用途电器的安全 第1部分：通用要求", "家用和类似用途电器的安全 第1部分：通用要求及试验方法"),
    ("Information technology — Security techniques", "Information technology - Security techniques"),
])
def test_a_revision_keeps_a_similar_title(old, new):
    assert title_similarity(old, new) >= 0.5


@pytest.mark.parametrize("old, new", [
    ("机动车运行安全技术条件", "医用电器 检验规则"),
    ("质量管理体系 要求", "锂离子电池 安全要求"),
    ("信息技术 云计算 参考架构", "建筑外窗 气密性能分级"),
])
def test_another_subject_is_not_similar(old, new):
    assert title_similarity(old, new) < 0.3


@given(st.text(max_size=30), st.text(max_size=30))
def test_the_measure_is_symmetric_and_bounded(a, b):
    value = title_similarity(a, b)
    assert 0.0 <= value <= 1.0
    assert value == title_similarity(b, a)


@given(st.text(alphabet="机动车安全技术条件要求 ab1", min_size=1, max_size=20))
def test_a_title_is_identical_to_itself(title):
    assert title_similarity(title, title) == 1.0
