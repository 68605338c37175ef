"""Seed the time limits and wording rules; filing events are append-only in the database too."""

from django.db import migrations

from biaozhun.core.append_only_db import AppendOnlyTriggers


def seed(apps, schema_editor):
    from biaozhun.filing.wording_defaults import DEFAULT_RULES
    from biaozhun.rules.filing import DEFAULTS

    FilingTimeLimit = apps.get_model("filing", "FilingTimeLimit")
    WordingRule = apps.get_model("filing", "WordingRule")
    for code, limit in DEFAULTS.items():
        FilingTimeLimit.objects.get_or_create(code=code, defaults={
            "value": limit.value, "unit": limit.unit, "description": limit.description,
            "confidence": limit.confidence, "source": limit.source})
    if not WordingRule.objects.exists():
        for kind, pattern, explanation in DEFAULT_RULES:
            WordingRule.objects.create(kind=kind, pattern=pattern, explanation=explanation)


class Migration(migrations.Migration):
    dependencies = [("filing", "0001_initial")]
    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        AppendOnlyTriggers(["filing_filingevent"]),
    ]
