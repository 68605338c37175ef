"""The statistics app's history tables refuse UPDATE and DELETE in the database too (core/append_only_db.py)."""

from django.db import migrations

from biaozhun.core.append_only_db import AppendOnlyTriggers


class Migration(migrations.Migration):
    dependencies = [("stats", "0002_seed_indicators")]
    operations = [AppendOnlyTriggers(["stats_indicatorevent", "stats_snapshotrun"])]
