"""The programme tags the 2019 work plan names (国家标准委《2019年全国标准化工作要点》), as the table starts;
administrators edit it afterwards (the admin, through services/tags.py)."""

from django.db import migrations

TAGS = [
    # code, Chinese name, English name, the work-plan item it comes from
    ("standardization-plus", "标准化+", "Standardization+", "“标准化+”行动"),
    ("new-industry-pilot", "新产业标准化领航", "New industry standards pilot", "第38项：新产业标准领航工程"),
    ("poverty-alleviation", "扶贫", "Poverty alleviation", "第27项：精准扶贫标准体系"),
    ("civil-military", "军民通用", "Civil-military dual use", "第23项：军民通用国家标准"),
    ("rural-revitalisation", "乡村振兴", "Rural revitalisation", "第26项：现代农业全产业链标准体系"),
    ("consumer-upgrade", "消费升级标准引领", "Consumer upgrade", "第45项：消费升级标准引领计划"),
    ("service-safety-floor", "服务质量安全标准守底", "Service safety floor", "第44项：服务质量安全标准守底计划"),
    ("belt-and-road", "一带一路", "Belt and Road", "第87项：标准联通共建“一带一路”"),
]


def seed(apps, schema_editor):
    ProgrammeTag = apps.get_model("systems", "ProgrammeTag")
    for position, (code, name_zh, name_en, description) in enumerate(TAGS):
        ProgrammeTag.objects.get_or_create(code=code, defaults={
            "name_zh": name_zh, "name_en": name_en, "description": description, "position": position})


class Migration(migrations.Migration):
    dependencies = [("systems", "0001_systems")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
