"""Drop six indexes that a wider index already answers (in the model's order): each one was written on every bulk
declaration row for nothing (docs/benchmarks.md, "Declarations: bulk import"; decision 0025). The models say
db_index=False; the database drops the indexes by name with plain DROP INDEX (Django's AlterField would rebuild
each table on SQLite, which drops the append-only triggers of the version table and copies every row)."""

import django.db.models.deletion
from django.db import migrations, models

# (index, table, column) as Django named them in 0001/0002 (the same on SQLite and PostgreSQL).
DROPPED = [
    ("declarations_product_ent_idx", "declarations_product", '"enterprise_id", "name"'),
    ("declarations_product_enterprise_id_cfb5e6aa", "declarations_product", '"enterprise_id"'),
    ("declarations_declarationproduct_declaration_id_1e41f62c", "declarations_declarationproduct", '"declaration_id"'),
    ("declarations_declarationproduct_product_id_bc09aaf7", "declarations_declarationproduct", '"product_id"'),
    ("declarations_declarationversion_declaration_id_e39b7ffc", "declarations_declarationversion", '"declaration_id"'),
    ("declarations_indicator_declaration_id_e65d1f81", "declarations_indicator", '"declaration_id"'),
]


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0011_account_event_kinds_merged"),
        ("declarations", "0005_limit_events"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(f'DROP INDEX IF EXISTS "{name}"',
                                  reverse_sql=f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})')
                for name, table, columns in DROPPED
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="product", name="declarations_product_ent_idx"),
                migrations.AlterField(
                    model_name="declarationproduct", name="declaration",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="+", to="declarations.declaration"),
                ),
                migrations.AlterField(
                    model_name="declarationproduct", name="product",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="+", to="declarations.product"),
                ),
                migrations.AlterField(
                    model_name="declarationversion", name="declaration",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="versions", to="declarations.declaration"),
                ),
                migrations.AlterField(
                    model_name="indicator", name="declaration",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="indicators", to="declarations.declaration",
                                            verbose_name="声明"),
                ),
                migrations.AlterField(
                    model_name="product", name="enterprise",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="products", to="accounts.organisation",
                                            verbose_name="企业"),
                ),
            ],
        ),
    ]
