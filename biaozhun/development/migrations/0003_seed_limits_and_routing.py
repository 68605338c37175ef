from django.db import migrations


def seed(apps, schema_editor):
    from biaozhun.development.routing_defaults import DEFAULT_RULES
    from biaozhun.rules.limits import DEFAULTS

    TimeLimit = apps.get_model("development", "TimeLimit")
    NotificationRule = apps.get_model("development", "NotificationRule")
    for code, limit in DEFAULTS.items():
        TimeLimit.objects.get_or_create(code=code, defaults={"value": limit.value, "unit": limit.unit,
                                                             "description": limit.description})
    for trigger, recipient in DEFAULT_RULES:
        NotificationRule.objects.get_or_create(trigger=trigger, recipient=recipient)


class Migration(migrations.Migration):
    dependencies = [("development", "0002_workflow")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
