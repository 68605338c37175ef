"""What publication carries into the catalogue: CCS, ICS, the competent department, the drafting units and the
drafters. The drafting units were one text field (起草单位); they become a list, the drafters a list of their own."""

import re

import django.db.models.deletion
from django.db import migrations, models


def units_to_list(apps, schema_editor):
    Project = apps.get_model("development", "Project")
    for project in Project.objects.exclude(drafting_units_text=""):
        names = []
        for name in re.split(r"[\n、；;，,]+", project.drafting_units_text):
            name = " ".join(name.split())
            if name and name not in names:
                names.append(name)
        project.drafting_units = names
        project.save(update_fields=["drafting_units"])


def units_to_text(apps, schema_editor):
    Project = apps.get_model("development", "Project")
    for project in Project.objects.exclude(drafting_units=[]):
        project.drafting_units_text = "、".join(project.drafting_units)
        project.save(update_fields=["drafting_units_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("development", "0005_clock_defaults_period_choices_details_event"),
        ("reference", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("project", "drafters", "drafting_units_text"),
        migrations.AddField("project", "drafting_units",
                            models.JSONField(blank=True, default=list, verbose_name="起草单位")),
        migrations.RunPython(units_to_list, units_to_text),
        migrations.RemoveField("project", "drafting_units_text"),
        migrations.AddField("project", "drafters", models.JSONField(blank=True, default=list, verbose_name="起草人")),
        migrations.AddField("project", "ccs", models.ForeignKey(
            blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
            to="reference.ccscode", verbose_name="中国标准文献分类号")),
        migrations.AddField("project", "ics_codes",
                            models.JSONField(blank=True, default=list, verbose_name="国际标准分类号")),
        migrations.AddField("project", "competent_department",
                            models.CharField(blank=True, max_length=200, verbose_name="主管部门")),
    ]
