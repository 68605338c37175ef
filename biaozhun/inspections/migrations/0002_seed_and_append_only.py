"""Seed the time limits; campaign events are append-only in the database too."""

from django.db import migrations

from biaozhun.core.append_only_db import AppendOnlyTriggers


def seed(apps, schema_editor):
    from biaozhun.rules.inspections import DEFAULTS

    InspectionTimeLimit = apps.get_model("inspections", "InspectionTimeLimit")
    for code, limit in DEFAULTS.items():
        InspectionTimeLimit.objects.get_or_create(code=code, defaults={
            "value": limit.value, "unit": limit.unit, "description": limit.description,
            "confidence": limit.confidence, "source": limit.source})


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        AppendOnlyTriggers(["inspections_campaignevent"]),
    ]
