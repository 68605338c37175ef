"""双随机、一公开: the faster ways the draw computes its values give exactly the values the published algorithm
defines: HMAC-SHA256 from the padded key's hash states is `hmac.digest`, the sample found through its cut-off rank is
the n smallest (rank, key) pairs, and the collector is back as it was after a draw. Pure."""

import gc
import hmac

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biaozhun.rules.draw import (
    ASSIGN_DOMAIN,
    SAMPLE_DOMAIN,
    _assign_ranker,
    draw,
    hmac_sha256_many,
    paused_collector,
    sample,
)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.lists(st.binary(max_size=300), max_size=5))
def test_hmac_from_the_key_states_is_the_standard_hmac_for_keys_of_any_length(key, messages):
    assert hmac_sha256_many(key, messages) == [hmac.digest(key, m, "sha256") for m in messages]


@pytest.mark.parametrize("length", [16, 32, 63, 64, 65, 128])
def test_keys_around_the_block_size_give_the_standard_hmac(length):
    key = bytes(range(length))
    assert hmac_sha256_many(key, [b"", b"x" * 100]) == [hmac.digest(key, b"", "sha256"),
                                                        hmac.digest(key, b"x" * 100, "sha256")]


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=16, max_size=80), st.integers(0, 3), st.text(min_size=1, max_size=10))
def test_the_inspector_rank_is_the_published_hmac(seed, load, key):
    expected = hmac.digest(seed, f"{ASSIGN_DOMAIN}{load}\n{key}".encode(), "sha256")
    assert _assign_ranker(seed)(load, key) == expected


def _textbook_sample(seed: bytes, keys: list[str], n: int) -> list[str]:
    ranked = sorted((hmac.digest(seed, (SAMPLE_DOMAIN + key).encode(), "sha256"), key) for key in keys)
    return [key for _, key in ranked[:n]]


@settings(max_examples=150, deadline=None)
@given(st.binary(min_size=16, max_size=32), st.sets(st.text(min_size=1, max_size=6), max_size=60),
       st.integers(-1, 70))
def test_the_sample_is_the_n_smallest_rank_key_pairs_whatever_n(seed, keys, n):
    keys = list(keys)
    assert sample(seed, keys, n) == _textbook_sample(seed, keys, max(n, 0))


def test_a_draw_leaves_the_garbage_collector_as_it_found_it():
    population = [{"key": f"K{i:03d}", "region": "110101"} for i in range(50)]
    assert gc.isenabled()
    draw(b"s" * 32, population, size=5)
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collector():
            assert not gc.isenabled()
        draw(b"s" * 32, population, size=5)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_when_the_draw_fails():
    with pytest.raises(ValueError):
        draw(b"s" * 32, [{"key": ""}], size=1)
    assert gc.isenabled()
