"""双随机、一公开 from the published canonical bytes (read_canonical + draw_snapshots): the same draw as `draw` on the
records, and bytes that are not exactly canonical are refused. Pure."""

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biaozhun.rules.draw import (
    ConflictRules,
    Exclusion,
    NoEligibleInspectors,
    SnapshotError,
    canonical_snapshot,
    draw,
    draw_snapshots,
    read_canonical,
    snapshot_digest,
)

SEED = bytes.fromhex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
REGIONS = ["110101", "110102", "310101", "310115", "440305"]

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
records = st.dictionaries(st.sampled_from(["organisation", "region", "名称", "a b", "\"q"]), texts, max_size=3)
populations = st.dictionaries(st.text(min_size=1, max_size=8), records, min_size=1, max_size=40).map(
    lambda by_key: [{**fields, "key": key} for key, fields in by_key.items()])


def _inspectors(size: int = 12) -> list[dict[str, str]]:
    return [{"key": f"INS{index:03d}", "organisation": f"ORG{index % 5}", "region": REGIONS[index % len(REGIONS)]}
            for index in range(size)]


@settings(max_examples=150, deadline=None)
@given(populations, st.binary(min_size=16, max_size=32), st.integers(0, 40),
       st.lists(st.sampled_from(["1", "11", "31", "a", "\"", "名"]), max_size=2))
def test_the_draw_from_canonical_bytes_equals_the_draw_from_the_records(population, seed, size, prefixes):
    exclusions = [Exclusion("region", prefixes=tuple(prefixes))] if prefixes else []
    inspectors = _inspectors()
    rules = ConflictRules(same_organisation=False, same_region=False)
    expected = draw(seed, population, size=size, exclusions=exclusions, inspectors=inspectors, rules=rules)
    got = draw_snapshots(seed, read_canonical(canonical_snapshot(population)), size=size, exclusions=exclusions,
                         inspectors=read_canonical(canonical_snapshot(inspectors)), rules=rules)
    assert got == expected
    assert got.as_dict() == expected.as_dict()


@settings(max_examples=100, deadline=None)
@given(populations)
def test_a_canonical_snapshot_reads_back_as_its_records_with_its_published_digest(population):
    data = canonical_snapshot(population)
    snapshot = read_canonical(data)
    assert snapshot.sha256 == hashlib.sha256(data).hexdigest() == snapshot_digest(population)
    assert snapshot.records == sorted(population, key=lambda r: r["key"])
    assert snapshot.keys == sorted(r["key"] for r in population)


def test_a_draw_with_conflict_rules_and_a_rate_is_the_same_from_the_bytes():
    population = [{"key": f"9111{index:06d}", "organisation": f"ORG{index % 9}", "region": REGIONS[index % 5]}
                  for index in range(300)]
    arguments = {"rate": "0.1", "exclusions": [Exclusion("region", prefixes=("4403",))], "per_item": 2}
    expected = draw(SEED, population, inspectors=_inspectors(), **arguments)
    got = draw_snapshots(SEED, read_canonical(canonical_snapshot(population)),
                         inspectors=read_canonical(canonical_snapshot(_inspectors())), **arguments)
    assert got == expected
    assert got.assignments and got.inspectors_sha256 == snapshot_digest(_inspectors())


def test_the_draw_from_bytes_names_the_items_short_of_inspectors_as_the_draw_does():
    population = [{"key": f"K{index}", "organisation": "ORG0"} for index in range(5)]
    pool = [{"key": "I1", "organisation": "ORG0"}, {"key": "I2", "organisation": "ORG1"}]
    with pytest.raises(NoEligibleInspectors) as expected:
        draw(SEED, population, size=2, inspectors=pool)
    with pytest.raises(NoEligibleInspectors) as got:
        draw_snapshots(SEED, read_canonical(canonical_snapshot(population)), size=2,
                       inspectors=read_canonical(canonical_snapshot(pool)))
    assert got.value.shortages == expected.value.shortages


CANONICAL = canonical_snapshot([{"key": "A1", "region": "110101"}, {"key": "B2", "region": "310101"}])


@pytest.mark.parametrize("data", [
    CANONICAL[:-1],  # no final newline
    CANONICAL.replace(b'"region":"110101"', b'"region": "110101"'),  # whitespace
    CANONICAL.replace(b'{"key":"A1","region":"110101"}', b'{"region":"110101","key":"A1"}'),  # members unsorted
    b"\n".join(reversed(CANONICAL.rstrip(b"\n").split(b"\n"))) + b"\n",  # lines unsorted
    CANONICAL + CANONICAL.split(b"\n")[1] + b"\n",  # a key repeated
    CANONICAL + b"\n",  # an empty line
    CANONICAL.replace(b"\n", b"\r\n"),  # another line ending
    CANONICAL.replace(b"\n", b",", 1),  # two records on one line
    CANONICAL.replace(b'","region', b'"\n,"region', 1),  # one record over two lines
    CANONICAL.replace(b"\n", b"],[", 1),  # a line that closes the reader's array
    b'{"key":"A\n{B"}\n',  # a newline inside a string
    b'{"key":"A","n":1}\n',  # a value that is not a string
    b'{"key":""}\n',  # an empty key
    b'{"region":"110101"}\n',  # no key
    b'["key","A"]\n',  # not an object
    b'{"key":"A","key":"B"}\n',  # a member repeated
    b'{"key":"\\u0041"}\n',  # an escape JCS does not write
    b'{"key":"caf\xe9"}\n',  # not UTF-8
    b"\xef\xbb\xbf" + CANONICAL,  # a byte-order mark
])
def test_bytes_that_are_not_exactly_the_canonical_form_are_refused(data):
    with pytest.raises(SnapshotError):
        read_canonical(data)


def test_the_line_of_a_malformed_record_is_named():
    with pytest.raises(SnapshotError, match="line 3"):
        read_canonical(CANONICAL + b'{"key":"C3",}\n')


def test_the_announced_digest_skips_only_the_serialisation_check_and_only_for_those_bytes():
    spaced = CANONICAL.replace(b'"region":"110101"', b'"region": "110101"')
    assert read_canonical(CANONICAL, known_sha256=hashlib.sha256(CANONICAL).hexdigest()).records == \
        json.loads("[" + CANONICAL.decode().rstrip("\n").replace("\n", ",") + "]")
    with pytest.raises(SnapshotError):  # another file's digest does not vouch for these bytes
        read_canonical(spaced, known_sha256=hashlib.sha256(CANONICAL).hexdigest())
    with pytest.raises(SnapshotError):  # the order and key checks still run
        read_canonical(b'{"key":"B"}\n{"key":"A"}\n', known_sha256=hashlib.sha256(b'{"key":"B"}\n{"key":"A"}\n')
                       .hexdigest())


def test_an_empty_snapshot_reads_as_no_records():
    assert read_canonical(b"").records == [] and read_canonical(b"").sha256 == snapshot_digest([])
