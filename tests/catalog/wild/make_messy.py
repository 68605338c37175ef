"""Write messy_catalogue.jsonl: a deterministic, realistic messy catalogue file (1,200 records) of the kind real
sources give: national, industry, local (provincial and city, new areas, abolished codes), group numbers with
alphanumeric serials, and in realistic proportions identical repeats, repeats that merge, real conflicts,
classification spellings (spaces, full-width, underscores, paths, both codes in the CCS field) and bad numbers.

    .venv/bin/python tests/catalog/wild/make_messy.py   # rewrites the file beside this script
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "messy_catalogue.jsonl"
SUBJECTS = ["混凝土外加剂", "电动自行车用锂离子蓄电池", "食品安全地方标准 米粉", "公共机构能耗定额", "茶叶加工技术规程",
            "智慧社区建设指南", "城市道路照明设施维护规范", "农产品冷链物流服务规范", "数据中心能效限定值",
            "养老机构服务质量规范", "工业互联网平台 通用要求", "建筑垃圾资源化利用技术规范", "水产养殖尾水排放要求",
            "地理标志产品 龙井茶", "电梯安装验收规范", "政务服务中心运行规范", "低压成套开关设备", "医用防护口罩技术要求"]
CCS = [("A00", "A 综合-A00/09 标准化管理与一般规定-A00 标准化、质量管理"), ("Q13", "Q 建材-Q10/29 建材产品-Q13 混凝土"),
       ("K84", "K 电工-K80/89 电工材料和通用零件-K84 电池"), ("X55", "X 食品-X50/59 其他食品-X55 茶叶制品")]
ICS = ["91.100.30", "29.220.20", "67.140.10", "03.080.01", "13.020.01", "91.140.90"]
INDUSTRY = ["JB/T", "HG/T", "YY/T", "SN/T", "NY/T", "QC/T", "DL/T", "JT/T", "SB/T", "WS/T"]
LOCAL = ["DB33/T", "DB11/T", "DB44/T", "DB3301/T", "DB4403/T", "DB1331/T", "DB4603/T", "DB4604/T", "DB6590/T",
         "DB4190/T", "DB3712/T", "DB5403/T", "DB32/"]
GROUP = ["T/CAS", "T/CECS", "T/ZZB", "T/CSAE", "T/GDBX", "T/ZJSES"]


def _number(rng: random.Random, n: int) -> str:
    kind = rng.random()
    year = rng.randint(2005, 2024)
    if kind < 0.25:
        return f"{rng.choice(['GB/T', 'GB/T', 'GB'])} {30000 + n}-{year}"
    if kind < 0.5:
        return f"{rng.choice(INDUSTRY)} {1000 + n}-{year}"
    if kind < 0.75:
        prefix = rng.choice(LOCAL)
        year = rng.randint(2011, 2018) if prefix == "DB3712/T" else year
        return f"{prefix}{'' if prefix.endswith('/') else ' '}{n:04d}-{year}"
    org = rng.choice(GROUP)
    if rng.random() < 0.1:
        return f"{org} AB{n % 90 + 10}-{n:03d}.{rng.randint(1, 4)}—{year}"  # alphanumeric serial with a part
    return f"{org} {n:03d}-{year}"


def _record(rng: random.Random, n: int) -> dict:
    ccs, path = rng.choice(CCS)
    published = f"{rng.randint(2005, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    record = {"identifier": _number(rng, n), "title_zh": f"{rng.choice(SUBJECTS)}（第{n}号）", "ccs": ccs,
              "ics": [rng.choice(ICS)], "published_on": published}
    spelling = rng.random()
    if spelling < 0.03:
        record["ccs"] = f"{ccs[0]} {ccs[1:]}"  # a space inside
    elif spelling < 0.05:
        record["ccs"] = ccs.translate({ord(c): ord(c) + 0xFEE0 for c in ccs})  # full width
    elif spelling < 0.07:
        record["ccs"] = path  # the whole path of the classification
    elif spelling < 0.08:
        record["ccs"], record["ics"] = f"{ccs}；{record['ics'][0]}", []  # both classifications in the CCS field
    if rng.random() < 0.03:
        record["ics"] = [code.replace(".", "_") for code in record["ics"]]  # underscores
    if rng.random() < 0.01:
        prefix, _, rest = record["identifier"].partition(" ")
        record["identifier"] = f"{prefix} {prefix} {rest}" if prefix.startswith("T/") else record["identifier"]
    return record


def build(count: int = 1200, seed: int = 20261202) -> list[dict]:
    rng = random.Random(seed)
    records = [_record(rng, n) for n in range(1, count + 1)]
    out: list[dict] = []
    for record in records:
        out.append(record)
        chance = rng.random()
        if chance < 0.012:
            out.append(dict(record))  # the same record again (a second source listing it)
        elif chance < 0.017:
            partial = {k: record[k] for k in ("identifier", "title_zh")}
            partial["implemented_on"] = record["published_on"][:4] + "-12-31"  # the other source adds a date
            out.append(partial)
    # One real conflict per 1,000 records: the same edition with two different titles.
    for position in range(600, len(out), 1000):
        out.insert(position + 1, dict(out[position], title_zh=out[position]["title_zh"] + "（修订）"))
    # Bad numbers, at the rates seen in real sources: a year without a number, a part range, unknown city code.
    out[97]["identifier"] = "GB/T -2006"
    out[401]["identifier"] = "GB/T 41234.1~4-2019"
    out[777]["identifier"] = "DB3799/T 0101-2019"
    return out


if __name__ == "__main__":
    rows = build()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} records -> {OUT}")
