"""双随机、一公开: the published algorithm does not change when its code is made faster. Each case below is a draw whose
published result (``Draw.as_dict()`` as canonical JSON) was hashed with the code of 2026-12-03 (before the speed work
of decision 0021's follow-up); the same seeds, files and parameters must give the same bytes today, through `draw`
(records), `draw_snapshots` (canonical bytes) and the command line. Pure."""

import hashlib
import io
import json
import random

import pytest

from biaozhun.rules.draw import (
    ConflictRules,
    Exclusion,
    canonical_snapshot,
    draw,
    draw_snapshots,
    read_canonical,
)
from biaozhun.rules.draw_command import main

REGIONS = [f"{p}{c:02d}{d:02d}" for p in (11, 31, 32, 44, 65) for c in (1, 2, 3) for d in (1, 2, 5)]
# Names with what canonical JSON must escape or keep: quotes, backslashes, control characters, CJK, astral planes.
ODD = ["甲\"乙", "back\\slash", "tab\there", "新\n行", "😀 emoji", "é", "\u2028sep", ""]


def _world(size: int, pool: int, seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    population = []
    for index in range(size):
        organisation = f"企业{index}" if index % 11 else f"集团{index % 23}"
        if index % 97 == 0:
            organisation += ODD[index % len(ODD)]
        population.append({"key": f"91{rng.randrange(10**15):015d}X{index:02d}", "organisation": organisation,
                           "region": rng.choice(REGIONS), "industry": rng.choice(["C13", "C38", "C39", "D44"])})
    inspectors = [{"key": f"ZF{index:05d}", "name": f"检查员{index}",
                   "organisation": f"集团{index % 23}" if index % 4 == 0 else f"局{index % 9}",
                   "region": rng.choice(REGIONS)} for index in range(pool)]
    return population, inspectors


CASES = {
    # name: (world, seed hex, draw keywords, SHA-256 of the published result's canonical JSON)
    "rate, two exclusions, county conflicts": (
        (3000, 120, 1), "6b1f0c0e9a4d2e57c3b8a1f09e7d6c5b4a392817f6e5d4c3b2a1908f7e6d5c4b",
        {"rate": "0.05", "exclusions": [Exclusion("industry", values=("D44",)),  # the command's order: values first
                                        Exclusion("region", prefixes=("6501", "3202"))],
         "per_item": 2, "rules": ConflictRules(True, True, 6)},
        "114ec399812ec04137b69138e7d893325a9fd302a6bfd16547900775521cc91f"),
    "size, key exclusion, city conflicts, three inspectors": (
        (2000, 60, 2), "00112233445566778899aabbccddeeff",
        {"size": 150, "exclusions": [Exclusion("key", values=("none", "also-none"))],
         "per_item": 3, "rules": ConflictRules(True, True, 4)},
        "23611eafc02f7b961768838e0f30bfd876839444bd4b7b2f3eb887d4ac68c85c"),
    "over half sampled, province conflicts, long seed": (
        (400, 30, 3), "ff" * 80,
        {"rate": "0.6", "exclusions": [], "per_item": 1, "rules": ConflictRules(False, True, 2)},
        "1bb76833e1ea4974149176386257c3010703c2d2407d36bcf6ac66d0c0caa6e2"),
    "everything sampled, no conflicts": (
        (300, 10, 4), "a5" * 32,
        {"rate": "1", "exclusions": [Exclusion("organisation", prefixes=("集团",))], "per_item": 2,
         "rules": ConflictRules(False, False, 6)},
        "2c79b2102186def38774b6f0ca9c632f58c4b5754cbc31f5407f1ec994426c38"),
}


def _digest(result) -> str:
    text = json.dumps(result.as_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _case(name):
    (size, pool, world_seed), seed_hex, keywords, expected = CASES[name]
    population, inspectors = _world(size, pool, world_seed)
    return population, inspectors, bytes.fromhex(seed_hex), keywords, expected


@pytest.mark.parametrize("name", CASES)
def test_draw_from_records_gives_the_published_bytes_of_before(name):
    population, inspectors, seed, keywords, expected = _case(name)
    assert _digest(draw(seed, population, inspectors=inspectors, **keywords)) == expected


@pytest.mark.parametrize("name", CASES)
def test_draw_from_canonical_bytes_gives_the_published_bytes_of_before(name):
    population, inspectors, seed, keywords, expected = _case(name)
    population_bytes, inspector_bytes = canonical_snapshot(population), canonical_snapshot(inspectors)
    for known in (False, True):
        snapshots = [read_canonical(data, known_sha256=hashlib.sha256(data).hexdigest() if known else None)
                     for data in (population_bytes, inspector_bytes)]
        result = draw_snapshots(seed, snapshots[0], inspectors=snapshots[1], **keywords)
        assert _digest(result) == expected


def test_the_command_prints_the_published_result_of_before(tmp_path):
    population, inspectors, seed, keywords, expected = _case("rate, two exclusions, county conflicts")
    for name, records in (("population.jsonl", population), ("inspectors.jsonl", inspectors)):
        # Any order and spacing: the command canonicalises first.
        (tmp_path / name).write_text("".join(json.dumps(r, ensure_ascii=True, indent=None) + "\n"
                                             for r in reversed(records)), encoding="utf-8")
    out = io.StringIO()
    status = main(["verify", "--population", str(tmp_path / "population.jsonl"), "--inspectors",
                   str(tmp_path / "inspectors.jsonl"), "--seed", seed.hex(),
                   "--commitment", hashlib.sha256(seed).hexdigest(), "--rate", "0.05",
                   "--exclude-prefix", "region=6501,3202", "--exclude", "industry=D44"], stdout=out)
    assert status == 0
    published = json.loads(out.getvalue())
    text = json.dumps(published, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert hashlib.sha256(text.encode()).hexdigest() == expected
