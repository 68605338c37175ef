"""Build the generated part of the coordination check's labelled set from a generated catalogue (bench/generate.py).

    .venv/bin/python bench/coordination_set.py bench/out/catalogue-national-2019.jsonl \\
        --out bench/data/coordination/generated-national.jsonl --variants 400 --negatives 100

Near-duplicates across tiers: national and industry standards in force are restated the way local and industry
standards restate national ones — a region or a qualifier put in front, the document type changed (规范 ↔ 规程,
技术条件 → 技术要求, 试验方法 → 检测方法, …), words dropped or added (技术规范, 通用要求), elements reordered, spaces
removed, 食品安全国家标准 → 食品安全地方标准 — and their scope rewritten likewise (本标准 → 本文件, applicability narrowed
to a province). The relevant answers of a variant are its source and every other standard in force with the
source's title (part designations aside) (bench_coordination.py resolves them in the database). Sources are drawn among titles that at most
MAX_COPIES standards in force share: the generator repeats titles far more than the real catalogue does, and a
title 300 standards share says nothing about ranking. Negatives: subjects that no title of the three tiers
contains, with the generic document types every title has; nothing is relevant to them.
Deterministic by --seed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from biaozhun.datagen import refdata  # noqa: E402
from biaozhun.identifiers import IdentifierError, parse  # noqa: E402
from biaozhun.text import squeeze  # noqa: E402

MAX_COPIES = 5
POOL = ("national", "industry", "local")
INDUSTRY_CODES = ("JB", "QC", "HG", "SJ", "NY", "YY", "WS", "JT", "SB", "GA")
QUALIFIERS = ("城镇", "农村", "山区", "小型", "规模化", "公共", "地方")
# (written, rewritten) document-type changes, tried in order; the first that applies is used.
SYNONYMS = (
    ("通用技术条件", "通用要求"), ("技术条件", "技术要求"), ("试验方法", "检测方法"), ("测试方法", "检测方法"),
    ("检验规则", "检验规程"), ("技术规程", "技术规范"), ("技术规范", "技术规程"), ("操作规程", "操作规范"),
    ("服务规范", "服务要求"), ("管理规范", "管理要求"), ("安装与验收规范", "安装验收规范"), ("使用与维护规程", "使用维护规范"),
    ("设计规范", "设计标准"), ("设计标准", "设计规范"), ("施工规范", "施工技术规程"), ("的测定", "的检测"),
    ("指南", "导则"), ("导则", "指南"), ("术语", "术语和定义"), ("分类与代码", "分类与编码"), ("评价方法", "评价规范"),
    ("基本要求", "通用要求"), ("安全要求", "安全技术要求"), ("要求", "技术要求"), ("规范", "规程"), ("规程", "规范"),
    ("排放标准", "排放限值"), ("诊断技术", "诊断技术规范"),
)
ADDED = ("技术规范", "通用要求", "管理规范", "技术要求", "规范")
FOOD = ("食品安全国家标准", "食品安全地方标准")
# Invented subjects for negatives: checked to be absent from every title of the pool before use.
NEGATIVE_SUBJECTS = (
    "共享单车停放", "网络直播营销", "剧本娱乐经营场所", "露营地", "无人机物流配送", "电竞酒店", "宠物美容", "月子中心",
    "社区食堂", "家政服务员", "螺蛳粉", "新式茶饮店", "智能快递柜", "老年助浴", "校外托管机构", "研学旅行基地",
    "网约配送员", "非遗工坊", "夜间经济街区", "城市书房", "口袋公园", "乡村振兴示范村", "直播电商基地", "跨境电商海外仓",
    "旅居养老", "康养小镇", "冰雪运动场地", "滑雪场索道", "低空飞行营地", "蓝莓采摘园", "稻渔综合种养", "中药材趁鲜切制",
    "预制菜加工", "火锅底料", "酸菜鱼", "小龙虾稻田", "茶园观光", "民族刺绣", "竹编工艺品", "社区嵌入式托育",
    "婚姻登记服务", "殡葬服务站", "法律援助工作站", "信访接待", "退役军人服务站", "志愿服务站点", "社区矫正",
    "河长制", "林长制", "田长制",
)
NEGATIVE_TYPES = ("通用技术条件", "技术规范", "服务规范", "管理规范", "建设规范", "评价规范", "技术规程", "基本要求",
                  "通用要求", "安全技术要求", "服务质量评价", "运营管理规范")


_PART = re.compile(r"第\s*[0-9]+\s*部分\s*[：:]?")


def relevance_key(title: str) -> str:
    """What two titles must share to cover the same subject in this set: the squeezed title without its part
    designation (the generator numbers parts of unrelated series alike: 紧固件 第2部分：性能要求 and 第5部分：性能要求)."""
    return squeeze(_PART.sub("", title))


def _replaced(record: dict) -> list[str]:
    return [item if isinstance(item, str) else item["identifier"] for item in record.get("replaces") or []]


def read_pool(path: Path) -> tuple[list[dict], Counter]:
    """Records of the three tiers not replaced nor abolished (in force at generation), and their title counts."""
    records, replaced = [], set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            identifier = record["identifier"]
            if identifier.startswith(("Q/", "T/", "ISO", "IEC")):
                continue
            try:
                parsed = parse(identifier)
            except IdentifierError:
                continue
            if parsed.tier.value not in POOL:
                continue
            replaced.update(parse(x).canonical for x in _replaced(record))
            record["_canonical"], record["_tier"], record["_nature"] = parsed.canonical, parsed.tier.value, \
                parsed.nature.value if parsed.nature else ""
            records.append(record)
    live = [r for r in records if r["_canonical"] not in replaced and not r.get("abolished_on")]
    return live, Counter(relevance_key(r.get("title_zh") or "") for r in live)


def _elements(title: str) -> list[str]:
    return title.split(" ")


def rewrite_title(rng: random.Random, title: str, region: str) -> tuple[str, list[str]]:
    """A restatement of `title` and the names of the changes made (at least one that changes the squeezed text)."""
    ops: list[str] = []
    text = title
    if text.startswith(FOOD[0]):
        text = text.replace(FOOD[0], FOOD[1], 1)
        ops.append("food_local")
    choices = ["synonym", "synonym", "squeeze", "prefix", "add", "drop", "reorder"]
    for op in rng.sample(choices, rng.randint(1, 3)):
        before = text
        if op == "synonym":
            for old, new in SYNONYMS:
                if old in text and new not in text:
                    position = text.rfind(old)
                    text = text[:position] + new + text[position + len(old):]
                    break
        elif op == "squeeze" and " " in text and "部分" not in text:
            text = text.replace(" ", "")
        elif op == "prefix":
            text = (region if rng.random() < 0.5 else rng.choice(QUALIFIERS)) + text
        elif op == "add" and not any(text.endswith(word) for word in ADDED):
            text = text + rng.choice(ADDED)
        elif op == "drop":
            parts = _elements(text)
            if len(parts) >= 2 and len(parts[-1]) <= 6 and "部分" not in parts[-1]:
                text = " ".join(parts[:-1]) + rng.choice(ADDED)
        elif op == "reorder":
            parts = _elements(text)
            if len(parts) >= 3 and "部分" not in parts[1]:
                parts[0], parts[1] = parts[1], parts[0]
                text = " ".join(parts)
        if text != before:
            ops.append(op)
    if relevance_key(text) == relevance_key(title):
        text = rng.choice(QUALIFIERS) + text
        ops.append("prefix")
    return text, ops


def rewrite_scope(rng: random.Random, scope: str, title: str, region: str) -> str:
    """The source's scope as a local text would say it; a scope made from the title when the source has none."""
    if not scope:
        core = re.sub(r"(通用技术条件|技术条件|技术要求|技术规范|技术规程|规范|规程|要求|标准)$", "",
                      _PART.sub("", title).replace(" ", ""))
        return f"本文件规定了{core}的技术要求。本文件适用于{region}行政区域内{core}的管理。"
    text = scope.replace("本标准", "本文件")
    items = text.split("、")
    if len(items) > 3 and rng.random() < 0.5:
        del items[rng.randrange(1, len(items) - 1)]
        text = "、".join(items)
    if rng.random() < 0.6:
        text = re.sub(r"本文件适用于", f"本文件适用于{region}行政区域内", text, count=1)
    for old, new in SYNONYMS[:6]:
        if old in text and rng.random() < 0.5:
            text = text.replace(old, new)
    return text


def variants(rng: random.Random, live: list[dict], counts: Counter, count: int) -> list[dict]:
    provinces = list(refdata.provinces().items())
    sources = [r for r in live if r["_tier"] in ("national", "industry") and r.get("title_zh")
               and counts[relevance_key(r["title_zh"])] <= MAX_COPIES]
    out = []
    for n, source in enumerate(rng.sample(sources, min(count, len(sources)))):
        code, (_short, full) = rng.choice(provinces)
        local = source["_tier"] == "industry" or rng.random() < 0.7
        tier = "local" if local else "industry"
        identifier = f"DB{code}/T {9000 + n}-2025" if local else f"{rng.choice(INDUSTRY_CODES)}/T {99000 + n}-2025"
        title, ops = rewrite_title(rng, source["title_zh"], full if local else "")
        scope = rewrite_scope(rng, source.get("scope") or "", title, full if local else "全国")
        out.append({"identifier": parse(identifier).canonical, "tier": tier, "title_zh": title, "scope": scope,
                    "source": source["_canonical"], "source_title": source["title_zh"], "ops": ops})
    return out


def negatives(rng: random.Random, live: list[dict], count: int) -> list[dict]:
    titles = [squeeze(r.get("title_zh") or "") for r in live]
    subjects = [s for s in NEGATIVE_SUBJECTS if not any(s in t for t in titles)]
    provinces = list(refdata.provinces().items())
    out = []
    for n in range(count):
        subject, kind = rng.choice(subjects), rng.choice(NEGATIVE_TYPES)
        code, (_short, full) = rng.choice(provinces)
        title = subject + (" " if rng.random() < 0.5 else "") + kind
        out.append({"identifier": parse(f"DB{code}/T {8000 + n}-2025").canonical, "tier": "local", "title_zh": title,
                    "scope": f"本文件规定了{subject}的{kind}。本文件适用于{full}行政区域内{subject}的管理和服务提供。",
                    "source": "", "source_title": "", "ops": ["negative"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--variants", type=int, default=400)
    parser.add_argument("--negatives", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    live, counts = read_pool(args.catalogue)
    rows = variants(rng, live, counts, args.variants) + negatives(rng, live, args.negatives)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} queries ({args.variants} variants, {args.negatives} negatives) from {len(live):,} standards "
          f"in force -> {args.out}")


if __name__ == "__main__":
    main()
