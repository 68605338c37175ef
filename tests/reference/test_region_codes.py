"""Region codes of local standard numbers: every prefecture-level code of the division list, new areas and the
90xx groupings included, abolished codes still read; the seeded table and the shipped CSV agree."""

import csv

import pytest

from biaozhun.identifiers import IdentifierError, default_tables, parse
from biaozhun.identifiers.tables import DATA_DIR
from biaozhun.reference.selectors import code_tables

with open(DATA_DIR / "region_codes.csv", encoding="utf-8-sig", newline="") as handle:
    ROWS = list(csv.DictReader(handle))
CITIES = [row for row in ROWS if row["level"] == "city"]


def test_the_list_holds_new_areas_groupings_and_abolished_codes():
    by_code = {row["code"]: row for row in CITIES}
    assert by_code["1331"]["name_zh"] == "雄安新区"
    assert by_code["4603"]["name_zh"] == "三沙市"
    assert by_code["4604"]["name_zh"] == "儋州市"
    assert "济源市" in by_code["4190"]["name_zh"]
    assert "石河子市" in by_code["6590"]["name_zh"]
    assert by_code["3712"]["status"] == "abolished"  # 莱芜市, merged into 济南 in 2019
    assert "1101" not in by_code  # Beijing's 市辖区 grouping: Beijing's standards are DB11
    assert sum(row["status"] == "current" for row in CITIES) == 338
    assert all(row["parent"] == row["code"][:2] for row in CITIES)


@pytest.mark.parametrize("row", CITIES, ids=lambda row: row["code"])
def test_every_city_code_reads_as_a_local_number(row):
    ident = parse(f"DB{row['code']}/T 001-2020", default_tables())
    assert (ident.region_code, ident.canonical) == (row["code"], f"DB{row['code']}/T 001-2020")


@pytest.mark.parametrize("text, code", [("DB1101/T 1-2020", "1101"), ("DB1399/T 1-2020", "1399"),
                                        ("DB6699/T 1-2020", "6699")])
def test_a_code_outside_the_list_is_refused_with_its_code(text, code):
    with pytest.raises(IdentifierError) as caught:
        parse(text, default_tables())
    assert (caught.value.code, caught.value.params) == ("unknown_region_code", {"region_code": code})


@pytest.mark.django_db
def test_the_seeded_table_knows_the_same_codes_as_the_csv():
    tables = code_tables()
    assert tables.city_codes == default_tables().city_codes
    assert tables.province_codes == default_tables().province_codes
