"""Partial indexes of an authority's own industry or local editions, for filing's periodic-review list."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0009_periodic_conversions'),
        ('reference', '0003_industry_classes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='standard',
            index=models.Index(condition=models.Q(('tier', 'local')), fields=['region_code', 'status'], name='catalog_std_local_region'),
        ),
        migrations.AddIndex(
            model_name='standard',
            index=models.Index(condition=models.Q(('tier', 'industry')), fields=['industry_code', 'status'], name='catalog_std_industry_code'),
        ),
    ]
