"""The synthetic catalogue generator (biaozhun.datagen): determinism, counts, record validity, relations."""

import datetime as dt
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from biaozhun.datagen import SCALES, TIERS, generate, refdata

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"
FIELDS = {
    "identifier", "title_zh", "title_en", "scope", "ccs", "ics", "issued_by", "competent_department",
    "responsible_unit", "tc_code", "published_on", "implemented_on", "abolished_on", "confirmed_on", "replaces",
    "adopts", "references", "amendments", "language_versions",
}
ADOPTION = re.compile(r"/(?:ISO|IEC)[ /]")


def tier_of(identifier):
    if identifier.startswith(("ISO", "IEC")):
        return "international"
    if identifier.startswith("GB"):
        return "national"
    if re.match(r"DB\d", identifier):
        return "local"
    if identifier.startswith("T/"):
        return "group"
    if identifier.startswith("Q/"):
        return "enterprise"
    return "industry"


def plain(identifier):
    """The Chinese number of a double number (GB/T 19001-2016/ISO 9001:2015 -> GB/T 19001-2016)."""
    if identifier.startswith(("ISO", "IEC")):
        return identifier
    match = ADOPTION.search(identifier)
    return identifier[: match.start()] if match else identifier


def target(entry):
    return entry["identifier"] if isinstance(entry, dict) else entry


@pytest.fixture(scope="module")
def demo():
    return list(generate("demo"))


def _dump(records):
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def test_same_seed_gives_byte_identical_output():
    assert _dump(generate("tiny", seed=7)) == _dump(generate("tiny", seed=7))
    assert _dump(generate("tiny", seed=7)) != _dump(generate("tiny", seed=8))


def test_default_seed_is_2019():
    assert _dump(generate("tiny")) == _dump(generate("tiny", seed=2019))


def test_tiny_counts_per_tier():
    counts = {tier: 0 for tier in TIERS}
    for record in generate("tiny"):
        counts[tier_of(record["identifier"])] += 1
    assert counts == SCALES["tiny"]
    assert sum(counts.values()) == 300


def test_custom_counts_and_missing_tiers():
    wanted = {"national": 37, "local": 11, "enterprise": 120, "international": 9}
    counts = {tier: 0 for tier in TIERS}
    for record in generate(wanted, seed=3):
        counts[tier_of(record["identifier"])] += 1
    assert counts == {tier: wanted.get(tier, 0) for tier in TIERS}


def test_only_international_tops_up():
    records = list(generate({"international": 25}))
    assert len(records) == 25
    assert all(tier_of(r["identifier"]) == "international" and r["title_en"] for r in records)


def test_bad_scales_are_rejected():
    with pytest.raises(ValueError, match="unknown scale"):
        next(generate("huge"))
    with pytest.raises(ValueError, match="unknown tier"):
        next(generate({"nationl": 5}))
    with pytest.raises(ValueError, match="negative"):
        next(generate({"national": -1}))


def test_national_scale_streams():
    """The biggest scale starts yielding at once (nothing is built up front)."""
    first = list(itertools.islice(generate("national"), 2000))
    assert len(first) == 2000
    assert SCALES["national"]["enterprise"] == 3_165_625


def test_demo_counts_and_nature_split(demo):
    counts = {tier: 0 for tier in TIERS}
    natures = {"GB": 0, "GB/T": 0, "GB/Z": 0}
    for record in demo:
        counts[tier_of(record["identifier"])] += 1
        if tier_of(record["identifier"]) == "national":
            natures[record["identifier"].split()[0]] += 1
    assert counts == SCALES["demo"]
    assert natures["GB"] > 20 and natures["GB/Z"] > 5 and natures["GB/T"] > 700


def test_fields_are_known_and_required_ones_present(demo):
    for record in demo:
        assert set(record) <= FIELDS, record
        tier = tier_of(record["identifier"])
        assert record["published_on"]
        if tier == "international":
            assert record["title_en"] and record["ics"]
        else:
            assert record["title_zh"] and record["issued_by"] and record["implemented_on"]
        if tier in ("national", "industry", "local"):
            assert record["ccs"] and record["ics"] and record["competent_department"] and record["responsible_unit"]


def _date(text):
    return dt.date.fromisoformat(text)


def test_dates_are_valid_and_ordered(demo):
    for record in demo:
        published = _date(record["published_on"])
        assert dt.date(1980, 1, 1) <= published <= _date(TODAY), record
        if not record["identifier"].startswith(("ISO", "IEC")):
            assert str(published.year) == plain(record["identifier"])[-4:], record
        implemented = _date(record.get("implemented_on", record["published_on"]))
        assert implemented >= published, record
        for key in ("abolished_on", "confirmed_on"):
            if key in record:
                assert implemented <= _date(record[key]) <= _date(TODAY), record
        for sheet in record.get("amendments", ()):
            assert implemented <= _date(sheet["published_on"]) <= _date(sheet["implemented_on"]), record
            assert sheet["number"] >= 1 and sheet["summary"]


def test_status_variety(demo):
    assert any(r.get("implemented_on", "") > TODAY for r in demo)  # 即将实施
    assert any("abolished_on" in r for r in demo)
    assert any("confirmed_on" in r for r in demo)
    assert any("amendments" in r for r in demo)
    assert any(isinstance(x, dict) and x["partial"] for r in demo for x in r.get("replaces", ()))


def test_identifiers_are_unique(demo):
    numbers = [plain(r["identifier"]) for r in demo]
    assert len(numbers) == len(set(numbers))


def test_replaced_editions_exist_and_arrive_in_mixed_order(demo):
    position = {plain(r["identifier"]): i for i, r in enumerate(demo)}
    later = earlier = 0
    for i, record in enumerate(demo):
        for entry in record.get("replaces", ()):
            assert target(entry) in position, (record["identifier"], entry)
            if position[target(entry)] > i:
                later += 1
            else:
                earlier += 1
    assert later > 20 and earlier > 20


def test_edition_chains_keep_number_and_advance_year(demo):
    for record in demo:
        for entry in record.get("replaces", ()):
            if isinstance(entry, str) and tier_of(entry) != "international":
                new, old = plain(record["identifier"]), entry
                assert old.rsplit("-", 1)[1] < new.rsplit("-", 1)[1]


def test_double_numbers_and_adoptions(demo):
    national = [r for r in demo if tier_of(r["identifier"]) == "national"]
    adopting = [r for r in national if r.get("adopts")]
    assert 0.15 < len(adopting) / len(national) < 0.4
    idt = [r for r in adopting if r["adopts"][0]["degree"] == "IDT"]
    assert idt and all(r["identifier"].endswith("/" + r["adopts"][0]["identifier"]) for r in idt)
    assert all(r["adopts"][0]["degree"] in ("IDT", "MOD", "NEQ") for r in adopting)
    assert all(r.get("title_en") for r in adopting)
    international = {r["identifier"] for r in demo if tier_of(r["identifier"]) == "international"}
    adopted = {a["identifier"] for r in adopting for a in r["adopts"]}
    assert len(adopted & international) > 100


def test_classification_codes_exist(demo):
    ccs, ics = refdata.ccs_codes(), refdata.ics_codes()
    for record in demo:
        if "ccs" in record:
            assert record["ccs"] in ccs, record
        for code in record.get("ics", ()):
            assert code in ics, record


def test_canonical_number_forms(demo):
    patterns = {
        "national": r"GB(/[TZ])? \d+(\.\d+)?-\d{4}(/(ISO|IEC)\S*( \S+)*)?",
        "industry": r"[A-Z]{2,3}(/[A-Z]{2})?(/[TZ])? \d+(\.\d+)?-\d{4}",
        "local": r"DB\d{2}(\d{2})?(/T |/)\d+-\d{4}",
        "group": r"T/[A-Z]{2,6} \d+(\.\d+)?-\d{4}",
        "enterprise": r"Q/[A-Z]{4,7} \d{3,4}(\.\d)?-\d{4}",
        "international": r"(ISO|IEC)(/IEC)?(/T[RS]| T[RS])? \d+(-\d+)?:\d{4}",
    }
    for record in demo:
        identifier = record["identifier"]
        assert re.fullmatch(patterns[tier_of(identifier)], identifier), identifier


def test_group_and_enterprise_codes_are_unique_per_organisation():
    owners = {}
    for record in generate({"group": 400, "enterprise": 3000}, seed=11):
        code = record["identifier"].split()[0]
        assert owners.setdefault(code, record["issued_by"][0]) == record["issued_by"][0], record


def test_identifiers_parse_and_round_trip(demo):
    identifiers = pytest.importorskip("biaozhun.identifiers")
    for record in demo:
        texts = [record["identifier"]]
        texts += [target(x) for x in record.get("replaces", ())]
        texts += [a["identifier"] for a in record.get("adopts", ())]
        texts += record.get("references", [])
        for text in texts:
            assert identifiers.parse(text).canonical == text


def test_datagen_does_not_import_django():
    code = "import sys, biaozhun.datagen as d; next(d.generate('tiny')); print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_command_line_writes_jsonl(tmp_path):
    out = tmp_path / "tiny.jsonl"
    proc = subprocess.run(
        [sys.executable, "bench/generate.py", "--scale", "tiny", "--seed", "5", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert "300/300 records" in proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text == _dump(generate("tiny", seed=5))
    assert "标准" in text or "技术" in text  # written as UTF-8, not \u escapes
    stdout = subprocess.run([sys.executable, "bench/generate.py", "--scale", "tiny", "--seed", "5"], cwd=ROOT,
                            capture_output=True, check=True).stdout
    assert stdout.decode("utf-8") == text


def test_output_does_not_depend_on_hash_randomisation():
    runs = [
        subprocess.run([sys.executable, "bench/generate.py", "--scale", "tiny"], cwd=ROOT, capture_output=True,
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
