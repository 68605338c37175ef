"""Enterprises, their products, their self-declarations (自我声明公开) and indicator tables, at national scale:
472,459 enterprises declaring 3,165,625 standards for 5,271,353 products (end-2023), or any fraction of it.

Pure and streaming: `DeclarationWorld(scale, seed).enterprises()` yields one `EnterpriseRows` at a time, ids
assigned in order from 1 (the caller offsets them), so a loader writes them in bulk with flat memory. Names come
from the catalogue generator's enterprise names (city + two brand characters + industry word + company form), and
the region code (six digits, GB/T 2260) from the city in the name plus a county. About 82 % of declarations are the
enterprise's own Q/ standards (with 2–5 indicators, some of safety, health or environment), the rest cite a
national, industry or group standard; ~6 % are flagged by the checks, ~3 % withdrawn, ~5 % revised once."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from . import refdata
from .enterprise import _CLASS_CUM, _CLASSES, Enterprise
from .vocab import SUBJECTS

FULL = {"enterprises": 472_459, "products": 5_271_353, "declarations": 3_165_625}
PRODUCTS_PER_ENTERPRISE = FULL["products"] / FULL["enterprises"]
DECLARATIONS_PER_ENTERPRISE = FULL["declarations"] / FULL["enterprises"]
MUNICIPALITIES = {"北京": "1101", "天津": "1201", "上海": "3101", "重庆": "5001"}
START = datetime(2015, 1, 1, tzinfo=UTC)
SPAN_DAYS = 4_000

# Standards of the catalogue that enterprises most often declare (real numbers and titles).
CATALOGUE = (
    ("GB/T 19001-2016", "质量管理体系 要求", "national"),
    ("GB 4706.1-2005", "家用和类似用途电器的安全 第1部分：通用要求", "national"),
    ("GB/T 8059-2016", "家用和类似用途制冷器具", "national"),
    ("GB 12021.2-2015", "家用电冰箱耗电量限定值及能效等级", "national"),
    ("GB/T 7725-2022", "房间空气调节器", "national"),
    ("GB 21455-2019", "房间空气调节器能效限定值及能效等级", "national"),
    ("GB/T 4288-2018", "家用和类似用途电动洗衣机", "national"),
    ("GB 2760-2014", "食品安全国家标准 食品添加剂使用标准", "national"),
    ("GB 7718-2011", "食品安全国家标准 预包装食品标签通则", "national"),
    ("GB/T 1591-2018", "低合金高强度结构钢", "national"),
    ("GB/T 700-2006", "碳素结构钢", "national"),
    ("GB 18580-2017", "室内装饰装修材料 人造板及其制品中甲醛释放限量", "national"),
    ("GB/T 18883-2022", "室内空气质量", "national"),
    ("GB 31701-2015", "婴幼儿及儿童纺织产品安全技术规范", "national"),
    ("GB 18401-2010", "国家纺织产品基本安全技术规范", "national"),
    ("GB/T 2828.1-2012", "计数抽样检验程序 第1部分：按接收质量限（AQL）检索的逐批检验抽样计划", "national"),
    ("GB 17625.1-2022", "电磁兼容 限值 第1部分：谐波电流发射限值", "national"),
    ("GB/T 31485-2015", "电动汽车用动力蓄电池安全要求及试验方法", "national"),
    ("GB 6675.1-2014", "玩具安全 第1部分：基本规范", "national"),
    ("GB/T 5023.3-2008", "额定电压450/750V及以下聚氯乙烯绝缘电缆 第3部分：固定布线用无护套电缆", "national"),
    ("QB/T 1649-2017", "聚苯乙烯泡沫塑料包装材料", "industry"),
    ("JB/T 10391-2008", "Y系列（IP44）三相异步电动机 技术条件", "industry"),
    ("NY/T 391-2021", "绿色食品 产地环境质量", "industry"),
    ("SB/T 10379-2012", "速冻调制食品", "industry"),
    ("T/CAS 115-2005", "家用燃气快速热水器", "group"),
)
INDICATORS = (  # name, unit, comparator, (low, high), category
    ("能效指数", "%", "le", (30, 60), "performance"), ("额定功率", "W", "eq", (100, 3000), "performance"),
    ("耗电量", "kWh/24h", "le", (0.3, 1.5), "performance"), ("噪声", "dB(A)", "le", (30, 65), "environment"),
    ("使用寿命", "h", "ge", (1000, 50000), "performance"), ("抗拉强度", "MPa", "ge", (200, 800), "performance"),
    ("含水率", "%", "le", (5, 15), "performance"), ("甲醛释放量", "mg/m³", "le", (0.05, 0.124), "health"),
    ("泄漏电流", "mA", "le", (0.1, 0.75), "safety"), ("绝缘电阻", "MΩ", "ge", (2, 100), "safety"),
    ("铅含量", "mg/kg", "le", (1, 90), "health"), ("菌落总数", "CFU/g", "le", (100, 100000), "health"),
    ("工作温度", "℃", "range", (-20, 60), "performance"), ("外观", "", "text", (0, 0), "performance"),
    ("颗粒物排放", "mg/m³", "le", (5, 50), "environment"), ("净含量偏差", "%", "le", (1, 5), "performance"),
)
METHODS = ("GB/T 8059-2016 附录A", "按本标准6.2", "GB 4706.1-2005 第13章", "GB/T 18204.2-2014", "企业内部检验规程")
MODEL_LETTERS = "ABCDEFGHJKLMNPRSTWXYZ"


def scaled(scale: float) -> dict[str, int]:
    """The counts at a fraction of the national figures (1.0 = end-2023)."""
    return {name: max(1, round(count * scale)) for name, count in FULL.items()}


@dataclass
class EnterpriseRows:
    """One enterprise and everything it declared, as plain tuples in the tables' column order."""

    organisation: tuple  # (id, name, uscc)
    profile: tuple  # (organisation id, region code, industry class, address)
    products: list[tuple] = field(default_factory=list)  # (id, enterprise id, name, model, code)
    declarations: list[tuple] = field(default_factory=list)  # see DECLARATION_COLUMNS
    links: list[tuple] = field(default_factory=list)  # (declaration id, product id)
    indicators: list[tuple] = field(default_factory=list)  # see INDICATOR_COLUMNS
    versions: list[tuple] = field(default_factory=list)  # (declaration id, version, at, content json)
    events: list[tuple] = field(default_factory=list)  # (declaration id, kind, at)


DECLARATION_COLUMNS = ("id", "enterprise_id", "region_code", "source", "tier", "identifier", "undated", "title",
                       "state", "version", "declared_at", "updated_at", "withdrawn_at", "checks", "flagged")
INDICATOR_COLUMNS = ("declaration_id", "position", "name", "unit", "comparator", "lower", "upper", "text",
                     "test_method", "category")


def uscc(n: int, region: str) -> str:
    """A valid unified social credit code: "91", the region, nine digits from n, the check digit (GB 32100)."""
    from stdnum.cn import uscc as stdnum_uscc

    body = f"91{region}{n % 10**9:09d}"
    return body + stdnum_uscc.calc_check_digit(body)


class DeclarationWorld:
    def __init__(self, counts: dict[str, int], seed: int = 2023) -> None:
        self.counts = counts
        self.rng = random.Random(seed)
        self.names = Enterprise(self.rng, counts["declarations"])
        cities = {short: code for code, (short, _full) in refdata.cities().items() if len(code) == 4}
        self.city_codes = {**cities, **MUNICIPALITIES}
        self.products_by_class = {c: [s[0] for s in SUBJECTS[c]] for c in _CLASSES}
        self.next = {"product": 1, "declaration": 1}

    def enterprises(self) -> Iterator[EnterpriseRows]:
        count = self.counts["enterprises"]
        products_left, declarations_left = self.counts["products"], self.counts["declarations"]
        for n in range(1, count + 1):
            remaining = count - n + 1
            products = self._share(products_left, remaining)
            declarations = self._share(declarations_left, remaining)
            products_left -= products
            declarations_left -= declarations
            yield self._enterprise(n, products, declarations)

    def _share(self, left: int, remaining: int) -> int:
        """How many of `left` this enterprise gets: about the mean, skewed (a few large ones), at least one while
        enough are left for the others, everything that is left for the last."""
        if remaining == 1:
            return left
        mean = left / remaining
        value = max(1, round(self.rng.expovariate(1 / mean))) if mean >= 1 else int(self.rng.random() < mean)
        return min(value, max(0, left - (remaining - 1)) if left > remaining else min(value, left))

    def _enterprise(self, n: int, product_count: int, declaration_count: int) -> EnterpriseRows:
        rng = self.rng
        cls = rng.choices(_CLASSES, cum_weights=_CLASS_CUM)[0]
        name, code = self.names._name(cls)
        city = next((c for short, c in self.city_codes.items() if name.startswith(short)), "3201")
        region = f"{city}{rng.randint(1, 15):02d}"
        rows = EnterpriseRows(organisation=(n, name, uscc(n, region)),
                              profile=(n, region, f"C{rng.randint(13, 43)}", f"{name[:2]}工业园区{rng.randint(1, 999)}号"))
        subjects = self.products_by_class[cls]
        used = set()
        for _ in range(product_count):
            pid = self.next["product"]
            self.next["product"] += 1
            product_name = rng.choice(subjects)
            model = f"{code.split('/')[-1][:3]}-{rng.choice(MODEL_LETTERS)}{rng.randint(10, 9999)}"
            while (product_name, model) in used:
                model += rng.choice(MODEL_LETTERS)
            used.add((product_name, model))
            rows.products.append((pid, n, product_name, model, f"{rng.randint(10**9, 10**10 - 1)}"))
        for number in range(1, declaration_count + 1):
            self._declaration(rows, n, code, region, number, subjects)
        return rows

    def _declaration(self, rows: EnterpriseRows, n: int, code: str, region: str, number: int, subjects) -> None:
        rng = self.rng
        did = self.next["declaration"]
        self.next["declaration"] += 1
        at = START + timedelta(days=rng.random() * SPAN_DAYS)
        if rng.random() < 0.82:
            year = at.year
            undated = f"Q/{code} {number:03d}"
            identifier, title = f"{undated}-{year}", rng.choice(subjects)
            source, tier = "enterprise", "enterprise"
        else:
            identifier, title, tier = rng.choice(CATALOGUE)
            undated = identifier.rsplit("-", 1)[0]
            source = "catalogue"
        flagged = rng.random() < 0.06
        checks = []
        if flagged:
            checks = [{"code": "not_current" if source == "catalogue" else "below_mandatory", "severity": "warning",
                       "params": {"number": identifier, "status": "被代替", "current": identifier,
                                  "indicator": "能效指数", "standard": "GB 12021.2-2015", "required": "≤ 50 %"}}]
        withdrawn = rng.random() < 0.03
        versions = 2 if rng.random() < 0.05 else 1
        updated = at + timedelta(days=rng.randint(30, 900)) if versions == 2 else at
        withdrawn_at = updated + timedelta(days=rng.randint(1, 300)) if withdrawn else None
        rows.declarations.append((
            did, n, region, source, tier, identifier, undated, title, "withdrawn" if withdrawn else "published",
            versions, at, withdrawn_at or updated, withdrawn_at, json.dumps(checks, ensure_ascii=False), flagged))
        if rows.products:
            for product in rng.sample(rows.products, min(len(rows.products), 1 + int(rng.expovariate(1.3)))):
                rows.links.append((did, product[0]))
        if source == "enterprise":
            for position, (name, unit, comparator, (low, high), category) in enumerate(
                    rng.sample(INDICATORS, rng.randint(2, 5)), 1):
                value = round(rng.uniform(low, high), 2)
                lower = value if comparator in ("ge", "eq") else (low if comparator == "range" else None)
                upper = value if comparator in ("le", "eq") else (high if comparator == "range" else None)
                rows.indicators.append((did, position, name, unit, comparator, lower, upper,
                                        "表面平整，无明显划痕" if comparator == "text" else "", rng.choice(METHODS),
                                        category))
        content = json.dumps({"identifier": identifier, "title": title}, ensure_ascii=False)
        rows.versions.append((did, 1, at, content))
        rows.events.append((did, "declared", at))
        if versions == 2:
            rows.versions.append((did, 2, updated, content))
            rows.events.append((did, "revised", updated))
        if withdrawn_at:
            rows.events.append((did, "withdrawn", withdrawn_at))
