"""The programmes' history refuses UPDATE and DELETE in the database too (core/append_only_db.py)."""

from django.db import migrations

from biaozhun.core.append_only_db import AppendOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [("programmes", "0003_pilot_evidence")]
    operations = [AppendOnlyTriggers(["programmes_programmeevent"])]
