"""Periodic review conclusions and abolition announcements, supersession flags with their history (all append-only
but the flags themselves), and the scan's watermark, seeded at the newest catalogue event so that editions already
in the catalogue are not rescanned."""

import biaozhun.core.clock
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from biaozhun.core.append_only_db import AppendOnlyTriggers


def seed_watermark(apps, schema_editor):
    StandardEvent = apps.get_model("catalog", "StandardEvent")
    SupersessionScan = apps.get_model("filing", "SupersessionScan")
    newest = StandardEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    SupersessionScan.objects.get_or_create(pk=1, defaults={"last_event_id": newest})


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0011_account_event_kinds_merged'),
        ('catalog', '0009_periodic_conversions'),
        ('filing', '0002_seed_and_append_only'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SupersessionScan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_event_id', models.BigIntegerField(default=0)),
                ('ran_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name': '国家标准覆盖扫描进度',
                'verbose_name_plural': '国家标准覆盖扫描进度',
            },
        ),
        migrations.CreateModel(
            name='AbolitionNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('notice_number', models.CharField(max_length=100, verbose_name='公告号')),
                ('notice_date', models.DateField(verbose_name='公告日期')),
                ('abolished_on', models.DateField(verbose_name='废止日期')),
                ('note', models.TextField(blank=True, verbose_name='说明')),
                ('published_at', models.DateTimeField(default=biaozhun.core.clock.now)),
                ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='abolition_notices', to='accounts.organisation', verbose_name='发布单位')),
                ('published_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': '废止公告',
                'verbose_name_plural': '废止公告',
                'ordering': ['-notice_date', '-id'],
            },
        ),
        migrations.CreateModel(
            name='StandardReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('outcome', models.CharField(choices=[('confirm', '继续有效'), ('revise', '修订'), ('abolish', '废止')], max_length=10, verbose_name='复审结论')),
                ('reason', models.TextField(blank=True, verbose_name='理由')),
                ('concluded_on', models.DateField(verbose_name='复审日期')),
                ('due_on', models.DateField(verbose_name='复审期限')),
                ('at', models.DateTimeField(default=biaozhun.core.clock.now)),
                ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='standard_reviews', to='accounts.organisation', verbose_name='复审单位')),
                ('notice', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='filing.abolitionnotice', verbose_name='废止公告')),
                ('standard', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='filing_reviews', to='catalog.standard', verbose_name='标准')),
            ],
            options={
                'verbose_name': '复审结论',
                'verbose_name_plural': '复审结论',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='SupersessionFlag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.FloatField(verbose_name='相似度')),
                ('shared', models.JSONField(blank=True, default=list, verbose_name='相同词语')),
                ('state', models.CharField(choices=[('open', '待处理'), ('confirmed', '已确认，将修订或废止'), ('dismissed', '已排除')], default='open', editable=False, max_length=10, verbose_name='状态')),
                ('reason', models.TextField(blank=True, editable=False, verbose_name='处理说明')),
                ('created_at', models.DateTimeField(default=biaozhun.core.clock.now, editable=False)),
                ('decided_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('authority', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='supersession_flags', to='accounts.organisation', verbose_name='主管单位')),
                ('decided_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('national', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.standard', verbose_name='国家标准')),
                ('standard', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='supersession_flags', to='catalog.standard', verbose_name='标准')),
            ],
            options={
                'verbose_name': '国家标准覆盖提示',
                'verbose_name_plural': '国家标准覆盖提示',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='SupersessionFlagEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('created', '发现'), ('confirmed', '确认'), ('dismissed', '排除')], max_length=10)),
                ('at', models.DateTimeField(default=biaozhun.core.clock.now)),
                ('reason', models.TextField(blank=True)),
                ('data', models.JSONField(blank=True, default=dict)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('flag', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='filing.supersessionflag')),
            ],
            options={
                'verbose_name': '覆盖提示事件',
                'verbose_name_plural': '覆盖提示事件',
                'ordering': ['at', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='abolitionnotice',
            index=models.Index(fields=['notice_date', 'id'], name='filing_notice_date'),
        ),
        migrations.AddConstraint(
            model_name='abolitionnotice',
            constraint=models.UniqueConstraint(fields=('authority', 'notice_number'), name='filing_notice_unique'),
        ),
        migrations.AddIndex(
            model_name='standardreview',
            index=models.Index(fields=['standard', 'at'], name='filing_review_standard'),
        ),
        migrations.AddIndex(
            model_name='standardreview',
            index=models.Index(fields=['authority', 'at'], name='filing_review_authority'),
        ),
        migrations.AddIndex(
            model_name='supersessionflag',
            index=models.Index(fields=['authority', 'state', 'created_at'], name='filing_flag_authority_state'),
        ),
        migrations.AddConstraint(
            model_name='supersessionflag',
            constraint=models.UniqueConstraint(fields=('standard', 'national'), name='filing_flag_pair_unique'),
        ),
        migrations.RunPython(seed_watermark, migrations.RunPython.noop),
        AppendOnlyTriggers(["filing_abolitionnotice", "filing_standardreview", "filing_supersessionflagevent"]),
    ]
