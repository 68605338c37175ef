from django.db import migrations


class Migration(migrations.Migration):
    """The app's first migration: each part's tables follow in their own."""

    initial = True
    dependencies = [("catalog", "0010_periodic_code_indexes"), ("committees", "0005_establishment_and_terms")]
    operations = []
