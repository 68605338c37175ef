"""The draw writes tens of thousands of sampled items and assignments at once: their foreign keys keep no index of
their own where a unique index begins with them (fewer indexes to update per row; decision 0021)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('inspections', '0002_seed_and_append_only'),
    ]

    operations = [
        migrations.AlterField(
            model_name='iteminspector',
            name='inspector',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='inspections.inspector'),
        ),
        migrations.AlterField(
            model_name='iteminspector',
            name='item',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='inspections.sampleditem'),
        ),
        migrations.AlterField(
            model_name='sampleditem',
            name='campaign',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='items', to='inspections.campaign'),
        ),
    ]
