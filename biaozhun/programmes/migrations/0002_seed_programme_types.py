"""The programme types of the 2019 work plan and their evaluation templates (editable by administrators later).
The data is written here, not imported from the app (migrations never import app code)."""

from django.db import migrations

MIDTERM = [("organisation", "组织保障与工作机制", "Organisation and working mechanism", 20),
           ("standards", "标准体系建设与标准制修订", "Standard system and standards developed", 40),
           ("implementation", "标准实施与宣贯", "Implementation and training", 40)]
ACCEPTANCE = [("organisation", "组织保障与工作机制", "Organisation and working mechanism", 15),
              ("standards", "标准体系建设与标准制修订", "Standard system and standards developed", 30),
              ("implementation", "标准实施与宣贯", "Implementation and training", 25),
              ("results", "实施成效与示范推广", "Results and dissemination", 30)]
# code, name, English name, work-plan items, mid-term pass mark, acceptance pass mark
TYPES = [
    ("agriculture", "农业标准化示范区", "Agricultural standardisation demonstration zone", "64", 60, 80),
    ("services", "服务业标准化试点", "Service industry standardisation pilot", "64", 60, 80),
    ("public-services", "社会管理和公共服务标准化试点", "Social management and public service standardisation pilot",
     "56, 64", 60, 80),
    ("standardisation-plus", "标准化+ 试点", "Standardisation+ pilot", "64", 60, 80),
    ("innovation-base", "国家技术标准创新基地", "National technical standards innovation base", "103", 70, 85),
    ("city-reform", "城市标准化综合改革试点", "Comprehensive urban standardisation reform pilot", "15", 60, 80),
    ("enterprise-leaders", "企业标准“领跑者”", "Enterprise standard forerunner", "17", 60, 80),
    ("group-standards", "团体标准试点", "Group standards pilot", "20", 60, 80),
    ("urbanisation", "新型城镇化标准化试点", "New-type urbanisation standardisation pilot", "31", 60, 80),
    ("high-end-equipment", "高端装备标准化试点", "High-end equipment standardisation pilot", "37", 60, 80),
    ("overseas", "海外标准化示范区", "Overseas standardisation demonstration zone", "89", 60, 80),
    ("international-innovation", "国际标准化创新示范基地", "International standardisation innovation base", "91",
     60, 80),
]


def seed(apps, schema_editor):
    ProgrammeType = apps.get_model("programmes", "ProgrammeType")
    EvaluationCriterion = apps.get_model("programmes", "EvaluationCriterion")
    for position, (code, name_zh, name_en, items, midterm, acceptance) in enumerate(TYPES, start=1):
        kind, created = ProgrammeType.objects.get_or_create(code=code, defaults={
            "name_zh": name_zh, "name_en": name_en, "work_plan_items": items, "midterm_pass_mark": midterm,
            "acceptance_pass_mark": acceptance, "position": position})
        if not created:
            continue
        for stage, rows in (("midterm", MIDTERM), ("acceptance", ACCEPTANCE)):
            for n, (criterion, zh, en, weight) in enumerate(rows, start=1):
                EvaluationCriterion.objects.create(programme_type=kind, stage=stage, code=criterion, name_zh=zh,
                                                   name_en=en, weight=weight, position=n)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
