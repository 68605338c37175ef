"""Seed the limits table with a few well-known limits of real mandatory national standards, each citing its standard
and where it is set. `verified` marks values checked against the published text; the others are examples an
administrator confirms (or corrects) before relying on them. Administrators maintain the table in the admin."""

from decimal import Decimal

from django.db import migrations

LE = "le"
# (standard, clause, scope keywords, indicator, aliases, unit, comparator, limit, note, verified)
LIMITS = [
    ("GB 19147-2016", "技术要求（硫含量）", ["车用柴油"], "硫含量", ["硫", "含硫量"], "mg/kg", LE, "10",
     "车用柴油（Ⅴ）和（Ⅵ）均为不大于 10 mg/kg", True),
    ("GB 17930-2016", "技术要求（硫含量）", ["车用汽油"], "硫含量", ["硫", "含硫量"], "mg/kg", LE, "10",
     "车用汽油（Ⅴ）、（ⅥA）和（ⅥB）均为不大于 10 mg/kg", True),
    ("GB 17930-2016", "技术要求（苯含量）", ["车用汽油"], "苯含量（体积分数）", ["苯含量"], "%", LE, "0.8",
     "车用汽油（ⅥA）、（ⅥB）；待核对", False),
    ("GB 5749-2022", "表1 水质常规指标及限值", ["生活饮用水", "自来水"], "铅", ["铅（以Pb计）"], "mg/L", LE, "0.01",
     "", True),
    ("GB 5749-2022", "表1 水质常规指标及限值", ["生活饮用水", "自来水"], "砷", ["砷（以As计）"], "mg/L", LE, "0.01",
     "", True),
    ("GB 5749-2022", "表1 水质常规指标及限值", ["生活饮用水", "自来水"], "镉", ["镉（以Cd计）"], "mg/L", LE, "0.005",
     "", True),
    ("GB 5749-2022", "表1 水质常规指标及限值", ["生活饮用水", "自来水"], "汞", ["汞（以Hg计）"], "mg/L", LE, "0.001",
     "", True),
    ("GB 5749-2022", "表1 水质常规指标及限值", ["生活饮用水", "自来水"], "氟化物", ["氟化物（以F-计）"], "mg/L", LE,
     "1.0", "", True),
    ("GB 5749-2022", "表1 水质常规指标及限值", ["生活饮用水", "自来水"], "硝酸盐（以N计）", ["硝酸盐氮"], "mg/L", LE,
     "10", "", True),
    ("GB 5749-2022", "表1 水质常规指标及限值", ["生活饮用水", "自来水"], "浑浊度", ["浊度"], "NTU", LE, "1",
     "散射浑浊度单位", True),
    ("GB 2762-2022", "表1 食品中铅限量指标（谷物及其制品）", ["大米", "小麦粉", "玉米粉"], "铅", ["铅（以Pb计）"], "mg/kg",
     LE, "0.2", "麦片、面筋、带馅（料）面米制品等另有限量", True),
    ("GB 2762-2022", "食品中镉限量指标（谷物及其制品）", ["大米", "稻谷", "糙米"], "镉", ["镉（以Cd计）"], "mg/kg", LE,
     "0.2", "稻谷、糙米、大米", True),
    ("GB 2762-2022", "表1 食品中铅限量指标（乳及乳制品）", ["生乳", "巴氏杀菌乳", "灭菌乳"], "铅", ["铅（以Pb计）"],
     "mg/kg", LE, "0.02", "待核对（2017 年版为 0.05 mg/kg）", False),
    ("GB 12021.2-2015", "能效等级（5级）", ["电冰箱", "冷藏冷冻箱"], "能效指数", ["能效指数η"], "%", LE, "80",
     "示例，待核对：限定值随箱型不同", False),
]


def seed(apps, schema_editor):
    MandatoryIndicator = apps.get_model("declarations", "MandatoryIndicator")
    for standard, clause, keywords, name, aliases, unit, comparator, limit, note, verified in LIMITS:
        MandatoryIndicator.objects.update_or_create(
            standard_number=standard, clause=clause, indicator_name=name, unit=unit,
            defaults={"scope_keywords": keywords, "aliases": aliases, "comparator": comparator,
                      "limit_value": Decimal(limit), "note": note, "verified": verified, "active": True})


class Migration(migrations.Migration):
    dependencies = [("declarations", "0002_work_tables")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
