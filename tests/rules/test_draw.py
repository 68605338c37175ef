"""双随机、一公开: the draw anyone can re-run — commitment, snapshot, sample, inspectors and the command. Pure."""

import hashlib
import hmac
import io
import json
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biaozhun.rules.draw import (
    ConflictRules,
    DrawError,
    Exclusion,
    NoEligibleInspectors,
    SnapshotError,
    assign,
    canonical_snapshot,
    commitment,
    draw,
    sample,
    sample_size,
    snapshot_digest,
    verify_commitment,
)
from biaozhun.rules.draw_command import main

SEED = bytes.fromhex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
REGIONS = ["110101", "110102", "310101", "310115", "440305", "440106"]


def _population(size: int = 200) -> list[dict[str, str]]:
    rng = random.Random(size)
    return [{"key": f"91110000{index:010d}", "organisation": f"ORG{index % 37}", "region": rng.choice(REGIONS),
             "industry": rng.choice("CDEF")} for index in range(size)]


def _inspectors(size: int = 40) -> list[dict[str, str]]:
    return [{"key": f"INS{index:03d}", "organisation": f"ORG{index % 7}", "region": REGIONS[index % len(REGIONS)]}
            for index in range(size)]


# Commitment ------------------------------------------------------------------------------------------------------

def test_the_commitment_is_the_sha256_of_the_seed_bytes_and_checks_the_revealed_seed():
    announced = commitment(SEED)
    assert announced == hashlib.sha256(SEED).hexdigest()
    assert verify_commitment(SEED, announced)
    assert verify_commitment(SEED.hex(), announced.upper())  # hex text of either case


def test_another_seed_or_a_malformed_one_does_not_match_the_commitment():
    announced = commitment(SEED)
    assert not verify_commitment(SEED[:-1] + b"\x00", announced)
    assert not verify_commitment("not hex", announced)
    assert not verify_commitment("abcd", commitment(bytes.fromhex("abcd")))  # too short to be a seed


def test_a_draw_refuses_a_seed_short_enough_to_guess():
    with pytest.raises(DrawError, match="at least 16 bytes"):
        draw(b"short", _population(), rate="0.1")


# Snapshots -------------------------------------------------------------------------------------------------------

def test_the_snapshot_is_sorted_canonical_json_lines_whose_sha256_is_the_published_digest():
    records = [{"region": "110101", "key": "B", "name": "北京 \"甲\""}, {"key": "A", "region": "310101"}]
    snapshot = canonical_snapshot(records)
    assert snapshot.decode() == ('{"key":"A","region":"310101"}\n'
                                 '{"key":"B","name":"北京 \\"甲\\"","region":"110101"}\n')
    assert snapshot_digest(records) == hashlib.sha256(snapshot).hexdigest()
    assert snapshot_digest(list(reversed(records))) == snapshot_digest(records)


@pytest.mark.parametrize(("records", "message"), [
    ([{"key": "A"}, {"key": "A"}], "more than once"),
    ([{"region": "110101"}], "no key"),
    ([{"key": ""}], "no key"),
    ([{"key": "A", "staff": 12}], "not a string"),
])
def test_an_ambiguous_snapshot_is_refused(records, message):
    with pytest.raises(SnapshotError, match=message):
        snapshot_digest(records)


# Sample ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("eligible", "rate", "expected"), [
    (472_000, "0.05", 23_600), (472_001, "0.05", 23_601), (19, "0.05", 1), (0, "0.05", 0), (7, "1", 7),
    (3, 0.1, 1),  # a float is read through its shortest text, 0.1, not its binary value
])
def test_the_sample_size_is_the_rate_rounded_up(eligible, rate, expected):
    assert sample_size(eligible, rate=rate) == expected


def test_a_size_is_taken_as_given_but_never_more_than_the_population():
    assert sample_size(100, size=12) == 12
    assert sample_size(10, size=12) == 10


@pytest.mark.parametrize("kwargs", [{}, {"rate": "0.1", "size": 3}, {"rate": "0"}, {"rate": "1.5"},
                                    {"rate": "five"}, {"size": -1}])
def test_a_sample_needs_one_sensible_rate_or_size(kwargs):
    with pytest.raises(DrawError):
        sample_size(100, **kwargs)


def test_the_same_inputs_give_the_same_draw_whatever_the_order_of_the_files():
    population, inspectors = _population(), _inspectors()
    first = draw(SEED, population, rate="0.1", inspectors=inspectors)
    shuffled = random.Random(5)
    shuffled.shuffle(population)
    shuffled.shuffle(inspectors)
    again = draw(SEED, population, rate="0.1", inspectors=inspectors)
    assert again.as_dict() == first.as_dict()
    assert len(first.sample) == 20


def test_the_sample_is_the_keys_of_smallest_hmac_rank_in_rank_order():
    keys = [record["key"] for record in _population(50)]

    def rank(key):
        return hmac.new(SEED, b"biaozhun-draw/1/sample\n" + key.encode(), "sha256").digest()

    assert sample(SEED, keys, 5) == sorted(keys, key=rank)[:5]
    assert sample(SEED, keys, 40) == sorted(keys, key=rank)[:40]  # the other branch (a full sort) agrees


def test_another_seed_gives_another_sample():
    population = _population()
    other = bytes(reversed(SEED))
    assert draw(SEED, population, rate="0.1").sample != draw(other, population, rate="0.1").sample


def test_excluded_records_are_never_drawn_and_are_counted():
    result = draw(SEED, _population(), rate="1", exclusions=[Exclusion("industry", values=("C", "D")),
                                                              Exclusion("region", prefixes=("44",))])
    drawn = {r["key"]: r for r in _population() if r["key"] in result.sample}
    assert drawn and all(r["industry"] in "EF" and not r["region"].startswith("44") for r in drawn.values())
    published = result.as_dict()["population"]
    assert published["excluded"] == 200 - len(result.sample) and published["eligible"] == len(result.sample)


def test_the_selection_frequency_of_every_key_is_uniform_over_many_seeds():
    """2,000 fixed seeds draw 5 of 50 keys: each key is expected 200 times. Pearson's statistic over the 50 counts
    stays under the 99.9 % point of chi-square with 49 degrees of freedom (85.35); the seeds are fixed, so this
    is deterministic, not flaky (it measures the algorithm, not luck at test time)."""
    keys = [f"91330100MA{index:08d}" for index in range(50)]
    counts = Counter()
    for number in range(2000):
        counts.update(sample(hashlib.sha256(b"uniformity %d" % number).digest(), keys, 5))
    expected = 2000 * 5 / 50
    statistic = sum((counts[key] - expected) ** 2 / expected for key in keys)
    assert statistic < 85.35
    assert sum(counts.values()) == 2000 * 5


def test_the_rank_position_of_a_key_is_uniform_too():
    """The first place of the sample (the draw's order) goes to each of 20 keys about equally: chi-square, 19
    degrees of freedom, 99.9 % point 43.82, over 2,000 fixed seeds."""
    keys = [f"K{index}" for index in range(20)]
    firsts = Counter(sample(hashlib.sha256(b"first %d" % n).digest(), keys, 1)[0] for n in range(2000))
    statistic = sum((firsts[key] - 100) ** 2 / 100 for key in keys)
    assert statistic < 43.82


# Inspectors ------------------------------------------------------------------------------------------------------

def test_every_sampled_item_gets_two_distinct_inspectors_of_another_organisation_and_county():
    population = {r["key"]: r for r in _population()}
    inspectors = {i["key"]: i for i in _inspectors()}
    result = draw(SEED, population.values(), rate="0.2", inspectors=inspectors.values())
    assert set(result.assignments) == set(result.sample)
    for item, chosen in result.assignments.items():
        assert len(set(chosen)) == 2
        for key in chosen:
            assert inspectors[key]["organisation"] != population[item]["organisation"]
            assert inspectors[key]["region"] != population[item]["region"]


def test_a_province_level_rule_keeps_inspectors_of_the_same_province_away():
    population = {r["key"]: r for r in _population()}
    inspectors = {i["key"]: i for i in _inspectors()}
    rules = ConflictRules(same_organisation=False, region_digits=2)
    result = draw(SEED, population.values(), rate="0.2", inspectors=inspectors.values(), rules=rules)
    for item, chosen in result.assignments.items():
        assert all(inspectors[key]["region"][:2] != population[item]["region"][:2] for key in chosen)


def test_without_conflicts_the_loads_differ_by_at_most_one():
    rules = ConflictRules(same_organisation=False, same_region=False)
    result = draw(SEED, _population(), rate="0.37", inspectors=_inspectors(), per_item=3, rules=rules)
    loads = Counter(key for chosen in result.assignments.values() for key in chosen)
    assert len(loads) == 40 and max(loads.values()) - min(loads.values()) <= 1


def test_the_same_pair_does_not_inspect_together_round_after_round():
    rules = ConflictRules(same_organisation=False, same_region=False)
    items = [{"key": f"E{index}"} for index in range(40)]  # 4 rounds of 10 pairs
    teams = assign(SEED, items, _inspectors(20), rules=rules).values()
    assert len({frozenset(team) for team in teams}) > 30


def test_items_without_enough_eligible_inspectors_are_all_named_and_nothing_is_assigned():
    items = [{"key": "E1", "region": "110101"}, {"key": "E2", "region": "310101"}, {"key": "E3", "region": "110102"}]
    inspectors = [{"key": "I1", "region": "110105"}, {"key": "I2", "region": "110108"}, {"key": "I3", "region": "3101"}]
    with pytest.raises(NoEligibleInspectors) as refused:
        assign(SEED, items, inspectors, rules=ConflictRules(region_digits=2))
    assert refused.value.shortages == (("E1", 1), ("E3", 1))
    assert "E1 (1), E3 (1)" in str(refused.value)
    assert assign(SEED, items, inspectors, rules=ConflictRules(region_digits=6))  # county level: enough for all


def test_an_empty_organisation_or_region_conflicts_with_nobody():
    items = [{"key": "E1", "organisation": "", "region": ""}]
    inspectors = [{"key": "I1", "organisation": "", "region": ""}, {"key": "I2"}]
    assert set(assign(SEED, items, inspectors)["E1"]) == {"I1", "I2"}


# Properties ------------------------------------------------------------------------------------------------------

_keys = st.lists(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=1, max_size=6), min_size=1,
                 max_size=60, unique=True)


@given(keys=_keys, seed=st.binary(min_size=16, max_size=32), rate=st.sampled_from(["0.01", "0.05", "0.3", "1"]),
       order=st.randoms(use_true_random=False))
def test_any_order_of_the_population_gives_the_same_sample_of_the_promised_size(keys, seed, rate, order):
    records = [{"key": key, "region": REGIONS[len(key) % 6]} for key in keys]
    first = draw(seed, records, rate=rate)
    order.shuffle(records)
    assert draw(seed, records, rate=rate).sample == first.sample
    assert len(first.sample) == sample_size(len(keys), rate=rate) and set(first.sample) <= set(keys)


@given(keys=_keys, seed=st.binary(min_size=16, max_size=32), n=st.integers(min_value=0, max_value=60))
def test_a_larger_sample_begins_with_the_smaller_one(keys, seed, n):
    assert sample(seed, keys, n + 1)[:n] == sample(seed, keys, n)


@settings(max_examples=60)
@given(keys=_keys, seed=st.binary(min_size=16, max_size=32), per_item=st.integers(min_value=1, max_value=3),
       digits=st.sampled_from([2, 4, 6]), pool=st.integers(min_value=1, max_value=25))
def test_every_assignment_respects_the_conflict_rules_or_the_draw_names_the_items_that_cannot(
        keys, seed, per_item, digits, pool):
    records = {key: {"key": key, "organisation": f"O{len(key)}", "region": REGIONS[ord(key[0]) % 6]} for key in keys}
    inspectors = {f"I{n}": {"key": f"I{n}", "organisation": f"O{n % 4}", "region": REGIONS[n % 6]}
                  for n in range(pool)}
    rules = ConflictRules(region_digits=digits)
    try:
        result = draw(seed, records.values(), rate="0.5", inspectors=inspectors.values(), per_item=per_item,
                      rules=rules)
    except NoEligibleInspectors as refused:
        for key, eligible in refused.shortages:
            item = records[key]
            assert eligible < per_item
            assert eligible == sum(1 for i in inspectors.values() if i["organisation"] != item["organisation"]
                                   and i["region"][:digits] != item["region"][:digits])
        return
    for key, chosen in result.assignments.items():
        item = records[key]
        assert len(set(chosen)) == per_item
        assert all(inspectors[i]["organisation"] != item["organisation"] for i in chosen)
        assert all(inspectors[i]["region"][:digits] != item["region"][:digits] for i in chosen)


# Command line ----------------------------------------------------------------------------------------------------

@pytest.fixture
def files(tmp_path):
    population, inspectors = tmp_path / "population.jsonl", tmp_path / "inspectors.jsonl"
    population.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n\n" for r in reversed(_population())))
    inspectors.write_text("".join(json.dumps(r) + "\n" for r in _inspectors()))
    return str(population), str(inspectors)


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_the_command_re_runs_the_draw_and_prints_the_published_result(files):
    population, inspectors = files
    status, out, err = _run("verify", "--population", population, "--inspectors", inspectors, "--seed", SEED.hex(),
                            "--commitment", commitment(SEED), "--rate", "0.1", "--exclude", "industry=C",
                            "--exclude-prefix", "region=44", "--population-sha256", snapshot_digest(_population()))
    assert status == 0, err
    published = json.loads(out)
    expected = draw(SEED, _population(), rate="0.1", inspectors=_inspectors(),
                    exclusions=[Exclusion("industry", values=("C",)), Exclusion("region", prefixes=("44",))])
    assert published == json.loads(json.dumps(expected.as_dict()))
    assert published["sample"][0].keys() == {"rank", "key", "inspectors"}


def test_the_command_refuses_a_seed_that_does_not_match_the_commitment(files):
    population, inspectors = files
    status, out, err = _run("verify", "--population", population, "--inspectors", inspectors, "--seed", SEED.hex(),
                            "--commitment", "00" * 32, "--rate", "0.1")
    assert status == 2 and out == "" and "does not match the commitment" in err


def test_the_command_refuses_a_population_that_is_not_the_published_one(files):
    population, _ = files
    status, out, err = _run("verify", "--population", population, "--seed", SEED.hex(),
                            "--commitment", commitment(SEED), "--size", "3", "--population-sha256", "ab" * 32)
    assert status == 3 and out == "" and "not the published" in err


def test_the_command_says_which_items_lack_inspectors(files):
    population, inspectors = files
    status, _, err = _run("verify", "--population", population, "--inspectors", inspectors, "--seed", SEED.hex(),
                          "--commitment", commitment(SEED), "--rate", "0.1", "--inspectors-per-item", "40")
    assert status == 4 and "fewer than 40 eligible inspectors" in err


def test_the_snapshot_command_prints_the_canonical_file_and_its_digest(files):
    population, _ = files
    status, out, err = _run("snapshot", population)
    assert status == 0
    assert out.encode() == canonical_snapshot(_population())
    assert err.strip() == snapshot_digest(_population())


def test_the_commit_command_makes_a_seed_that_matches_its_commitment():
    status, out, _ = _run("commit")
    made = json.loads(out)
    assert status == 0 and len(made["seed"]) == 64 and verify_commitment(made["seed"], made["commitment"])
