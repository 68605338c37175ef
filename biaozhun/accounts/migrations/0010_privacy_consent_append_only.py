"""Consents to the privacy notice are history: append-only in the database too (core/append_only_db.py)."""

from django.db import migrations

from biaozhun.core.append_only_db import AppendOnlyTriggers


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0009_privacy_consent_and_account_deletion'),
    ]

    operations = [
        AppendOnlyTriggers(['accounts_privacyconsent']),
    ]
