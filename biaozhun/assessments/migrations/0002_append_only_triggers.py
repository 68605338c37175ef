"""History rows are append-only in the database too: triggers refuse UPDATE and DELETE (core/append_only_db.py)."""

from django.db import migrations

from biaozhun.core.append_only_db import AppendOnlyTriggers


class Migration(migrations.Migration):

    dependencies = [
        ("assessments", "0001_initial"),
    ]

    operations = [
        AppendOnlyTriggers(["assessments_assessmentevent"]),
    ]
