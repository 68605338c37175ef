"""Normalisation, sorting, derived forms, code tables and the command line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from biaozhun.identifiers import (
    CodeTables,
    Identifier,
    IdentifierError,
    Nature,
    Supplement,
    Tier,
    default_tables,
    format_identifier,
    normalise,
    parse,
    sort_key,
)
from biaozhun.identifiers.__main__ import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＧＢ／Ｔ　１９００１－２０１６", "GB/T 19001-2016"),
        ("gb / t 19001 — 2016", "GB/T 19001-2016"),
        ("GB/T 1.1 一 2020", "GB/T 1.1-2020"),
        ("GB/T 19001——2016", "GB/T 19001-2016"),
        ("  GB/T  19001-2016 ;", "GB/T 19001-2016"),
        ("《质量管理体系 要求》 GB/T 19001-2016。", "GB/T 19001-2016"),
        ("GB/T 5009 （所有部分）", "GB/T 5009 (所有部分)"),
        ("ISO 9001：2015 / Amd 1：2024", "ISO 9001:2015/AMD 1:2024"),
        ("DB33/ 1234-2019", "DB33/1234-2019"),
        ("GB/T\u200b19001", "GB/T19001"),
        ("一二三", "一二三"),
        ("", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected
    assert normalise(expected) == expected


def test_identifier_is_immutable_hashable_and_compares_by_value() -> None:
    a, b = parse("GB/T 19001-2016"), parse("gbt19001—2016")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    with pytest.raises(AttributeError):
        a.year = 2020  # type: ignore[misc]
    assert a != parse("GB/T 19001-2008")
    built = Identifier(Tier.NATIONAL, "GB/T", "19001", Nature.RECOMMENDED, year=2016)
    assert built == a and format_identifier(built) == "GB/T 19001-2016"


def test_undated_and_series() -> None:
    cases = {
        "GB/T 19001-2016/ISO 9001:2015": ("GB/T 19001", "GB/T 19001"),
        "GB/T 1.1-2020": ("GB/T 1.1", "GB/T 1"),
        "ISO 1234-1:2019/Amd 1:2020": ("ISO 1234-1", "ISO 1234"),
        "IEC 62443-3-1:2009": ("IEC 62443-3-1", "IEC 62443"),
        "ISO/DIS 1234-1": ("ISO 1234-1", "ISO 1234"),
        "GB 2762-2017/XG1-2021": ("GB 2762", "GB 2762"),
        "DB44/1989-2017": ("DB44/1989", "DB44/1989"),
        "GB/T 5009 (all parts)": ("GB/T 5009", "GB/T 5009"),
        "ISO/DTS 1234-2": ("ISO/TS 1234-2", "ISO/TS 1234"),
    }
    for text, (undated, series) in cases.items():
        ident = parse(text)
        assert (ident.undated, ident.series) == (undated, series), text


def test_sort_order() -> None:
    texts = [
        "GB/T 10-2008", "GB/T 2-2001", "GB/T 1.10-2020", "GB/T 1.2-2020", "GB/T 1.2", "GB/T 1.2-2010",
        "GB 10", "ISO 9001:2015", "DB11/T 2", "JB/T 3", "T/CAS 1", "Q/ABC 1", "GB/T 1",
    ]  # fmt: skip
    ordered = sorted(texts, key=sort_key)
    assert ordered == [
        "GB 10", "GB/T 1", "GB/T 1.2", "GB/T 1.2-2010", "GB/T 1.2-2020", "GB/T 1.10-2020", "GB/T 2-2001",
        "GB/T 10-2008", "JB/T 3", "DB11/T 2", "T/CAS 1", "Q/ABC 1", "ISO 9001:2015",
    ]  # fmt: skip
    assert sort_key("GB/T 2") < sort_key("GB/T 10") < sort_key("GB/T 100")
    assert sort_key(parse("ISO 1234-2")) < sort_key("ISO 1234-10")
    with pytest.raises(IdentifierError):
        sort_key("not a number")


def test_custom_tables() -> None:
    tables = CodeTables(
        industry_codes={"JB", "xx"}, engineering_codes={"ABC"}, province_codes={"33"}, city_codes={"3301"}
    )
    assert parse("XX/T 1-2020", tables).industry_code == "XX"
    assert parse("ABC/T 1-2020", tables).tier is Tier.INDUSTRY
    assert parse("DB3301/T 1-2020", tables).region_code == "3301"
    for text in ("YY 0505-2012", "DB11/T 1-2020", "DB4403/T 1-2017", "DB/T 15-2009"):
        with pytest.raises(IdentifierError):
            parse(text, tables)
    assert parse("YY 0505-2012").industry_code == "YY"  # the default tables are untouched


def test_default_tables_are_loaded_once() -> None:
    tables = default_tables()
    assert tables is default_tables()
    assert {"JB", "YY", "DB", "NB", "SH"} <= tables.industry_codes
    assert {"JGJ", "CJJ", "JTG", "TSG"} <= tables.engineering_codes
    assert len(tables.province_codes) == 34 and {"3301", "4403"} <= tables.city_codes


def test_supplement_and_as_dict() -> None:
    ident = parse("GB 2762-2017/XG1-2021")
    assert ident.supplements == (Supplement("xg", "1", 2021),)
    data = parse("GB/T 19001-2016/ISO 9001:2015").as_dict()
    assert data["tier"] == "national" and data["nature"] == "recommended"
    assert data["adopted"]["canonical"] == "ISO 9001:2015" and data["adopted"]["co_publishers"] == []


def test_run_skips_blank_lines_and_reports_errors() -> None:
    lines = list(run(["GB/T 1.1—2020\n", "\n", "   \n", "XX/T 1\r\n"]))
    assert len(lines) == 2
    ok, bad = (json.loads(line) for line in lines)
    assert ok["ok"] and ok["canonical"] == "GB/T 1.1-2020" and ok["input"] == "GB/T 1.1—2020"
    assert bad == {
        "input": "XX/T 1", "ok": False, "error": "at position 0: unknown industry code 'XX'",
        "code": "unknown_industry_code", "position": 0, "expected": "a known industry code",
    }  # fmt: skip


@pytest.mark.slow
def test_command_line() -> None:
    stdin = "GB/T 19001—2016/ISO 9001:2015\n\nDB33/T 1303-2023\nＴ／ＣＡＳ　１１５－２００５\nhello\n\udcff\n".encode(
        "utf-8", "surrogateescape"
    )
    done = subprocess.run(
        [sys.executable, "-m", "biaozhun.identifiers"], input=stdin, capture_output=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["ok"] for r in rows] == [True, True, True, False, False]
    first = rows[0]
    assert set(first) == {
        "input", "ok", "canonical", "tier", "prefix", "nature", "number", "part", "year", "industry_code",
        "region_code", "org_code", "supplements", "stage", "co_publishers", "adopted", "all_parts", "edition",
        "languages", "iteration", "vap", "joint_number", "base_stage",
    }  # fmt: skip
    assert first["canonical"] == "GB/T 19001-2016/ISO 9001:2015" and first["adopted"]["number"] == "9001"
    assert "input" not in first["adopted"] and "ok" not in first["adopted"]
    assert (
        rows[1]["region_code"] == "33"
        and rows[2]["org_code"] == "CAS"
        and rows[2]["input"] == "Ｔ／ＣＡＳ　１１５－２００５"
    )
    assert set(rows[3]) == {"input", "ok", "error", "code", "position", "expected"}


@pytest.mark.slow
def test_command_line_survives_random_bytes() -> None:
    import random

    rng = random.Random(7)
    alphabet = "GB/T 19001-2016ISO:+()—，。《》一ＱＴ\t\r".encode() + bytes(range(256))
    blob = b"\n".join(bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(2000))
    done = subprocess.run(
        [sys.executable, "-m", "biaozhun.identifiers"], input=blob, capture_output=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").split("\n") if line]
    assert rows and all(row["ok"] in (True, False) for row in rows)
    assert not any("internal error" in row.get("error", "") for row in rows)


@pytest.mark.slow
def test_identifiers_do_not_import_django() -> None:
    code = (
        "import sys, biaozhun.identifiers as i; i.parse('GB/T 1.1-2020'); "
        "print(any(m.startswith('django') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
