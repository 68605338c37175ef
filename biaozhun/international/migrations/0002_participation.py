"""China's participation in ISO/IEC: the register of ISO/IEC committees, mirror links, posts, work items, ballots
and their append-only history (triggers refuse UPDATE and DELETE of events)."""

import biaozhun.core.clock
from biaozhun.core.append_only_db import AppendOnlyTriggers
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0005_establishment_and_terms'),
        ('international', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='InternationalCommittee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=40, unique=True, verbose_name='编号')),
                ('organisation', models.CharField(editable=False, max_length=8, verbose_name='国际组织')),
                ('title', models.CharField(max_length=300, verbose_name='英文名称')),
                ('title_zh', models.CharField(blank=True, max_length=200, verbose_name='中文名称')),
                ('secretariat_country', models.CharField(blank=True, max_length=60, verbose_name='秘书处所在国')),
                ('china_membership', models.CharField(blank=True, choices=[('P', '积极成员（P成员）'), ('O', '观察成员（O成员）'), ('', '非成员')], max_length=1, verbose_name='我国成员身份')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='subcommittees', to='international.internationalcommittee', verbose_name='上级技术委员会')),
            ],
            options={
                'verbose_name': '国际标准化技术机构',
                'verbose_name_plural': '国际标准化技术机构',
                'ordering': ['organisation', 'code'],
            },
        ),
        migrations.CreateModel(
            name='InternationalBallot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(max_length=80, verbose_name='文件编号')),
                ('kind', models.CharField(choices=[('np', '新工作项目提案（NP）'), ('cd', '委员会草案（CD）'), ('dis', '国际标准草案（DIS/CDV）'), ('fdis', '最终国际标准草案（FDIS）'), ('sr', '定期复审（SR）')], max_length=4, verbose_name='投票类型')),
                ('title', models.CharField(blank=True, max_length=500, verbose_name='名称')),
                ('opens_on', models.DateField(verbose_name='投票开始日期')),
                ('closes_on', models.DateField(verbose_name='投票截止日期')),
                ('vote', models.CharField(blank=True, choices=[('approve', '赞成'), ('approve_with_comments', '赞成并附意见'), ('disapprove', '反对'), ('abstain', '弃权')], max_length=24, verbose_name='我国投票')),
                ('comments', models.TextField(blank=True, verbose_name='我国意见')),
                ('recorded_at', models.DateTimeField(blank=True, null=True, verbose_name='记录时间')),
                ('missed_on', models.DateField(blank=True, null=True, verbose_name='逾期未投票')),
                ('created_at', models.DateTimeField(default=biaozhun.core.clock.now, editable=False, verbose_name='登记时间')),
                ('committee', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='international_ballots', to='committees.committee', verbose_name='国内技术对口单位')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='记录人')),
                ('international', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='ballots', to='international.internationalcommittee', verbose_name='国际标准化技术机构')),
            ],
            options={
                'verbose_name': '国际标准投票',
                'verbose_name_plural': '国际标准投票',
                'ordering': ['closes_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='MirrorLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('since', models.DateField(blank=True, null=True, verbose_name='对口起始日期')),
                ('committee', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mirror_links', to='committees.committee', verbose_name='国内技术对口单位')),
                ('international', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mirror_links', to='international.internationalcommittee', verbose_name='国际标准化技术机构')),
            ],
            options={
                'verbose_name': '国内技术对口',
                'verbose_name_plural': '国内技术对口',
                'ordering': ['international__code', 'committee__code'],
            },
        ),
        migrations.AddField(
            model_name='internationalcommittee',
            name='mirrors',
            field=models.ManyToManyField(related_name='+', through='international.MirrorLink', to='committees.committee'),
        ),
        migrations.CreateModel(
            name='Post',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('body', models.CharField(blank=True, max_length=60, verbose_name='工作组')),
                ('kind', models.CharField(choices=[('secretariat', '秘书处'), ('twinned_secretariat', '联合秘书处'), ('chair', '主席'), ('vice_chair', '副主席'), ('convenor', '工作组召集人'), ('co_convenor', '联合召集人'), ('committee_manager', '委员会经理（秘书）')], max_length=20, verbose_name='职务')),
                ('holder', models.CharField(blank=True, max_length=100, verbose_name='担任者')),
                ('organisation', models.CharField(max_length=200, verbose_name='所在单位')),
                ('start', models.DateField(verbose_name='任期开始')),
                ('end', models.DateField(blank=True, null=True, verbose_name='任期结束')),
                ('international', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='posts', to='international.internationalcommittee', verbose_name='国际标准化技术机构')),
            ],
            options={
                'verbose_name': '国际任职',
                'verbose_name_plural': '国际任职',
                'ordering': ['international__code', 'body', 'kind', 'start'],
            },
        ),
        migrations.CreateModel(
            name='WorkItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(max_length=80, unique=True, verbose_name='项目编号')),
                ('title', models.CharField(max_length=500, verbose_name='英文名称')),
                ('title_zh', models.CharField(blank=True, max_length=300, verbose_name='中文名称')),
                ('leader', models.CharField(max_length=100, verbose_name='项目负责人')),
                ('leader_organisation', models.CharField(max_length=200, verbose_name='负责人单位')),
                ('proposed_on', models.DateField(verbose_name='提出日期')),
                ('stage', models.CharField(choices=[('00.00', '00.00 收到新项目提案'), ('00.20', '00.20 新项目提案审查中'), ('00.60', '00.60 审查结束'), ('00.98', '00.98 新项目提案放弃'), ('00.99', '00.99 同意对新项目提案投票'), ('10.00', '10.00 新项目提案登记'), ('10.20', '10.20 新项目投票开始'), ('10.60', '10.60 投票结束'), ('10.92', '10.92 提案退回提交者进一步明确'), ('10.98', '10.98 新项目被否决'), ('10.99', '10.99 新项目批准'), ('20.00', '20.00 列入TC/SC工作计划'), ('20.20', '20.20 工作组草案（WD）研究开始'), ('20.60', '20.60 意见征集结束'), ('20.98', '20.98 项目撤销'), ('20.99', '20.99 WD批准登记为CD'), ('30.00', '30.00 委员会草案（CD）登记'), ('30.20', '30.20 CD研究/投票开始'), ('30.60', '30.60 投票/意见征集结束'), ('30.92', '30.92 CD退回工作组'), ('30.98', '30.98 项目撤销'), ('30.99', '30.99 CD批准登记为DIS'), ('40.00', '40.00 国际标准草案（DIS）登记'), ('40.20', '40.20 DIS投票开始'), ('40.60', '40.60 投票结束'), ('40.92', '40.92 DIS退回TC/SC'), ('40.93', '40.93 决定重新进行DIS投票'), ('40.98', '40.98 项目撤销'), ('40.99', '40.99 DIS批准登记为FDIS'), ('50.00', '50.00 FDIS登记待正式批准'), ('50.20', '50.20 FDIS投票开始'), ('50.60', '50.60 投票结束'), ('50.92', '50.92 FDIS退回TC/SC'), ('50.98', '50.98 项目撤销'), ('50.99', '50.99 FDIS批准出版'), ('60.00', '60.00 国际标准出版中'), ('60.60', '60.60 国际标准已出版'), ('90.20', '90.20 国际标准定期复审中'), ('90.60', '90.60 复审结束'), ('90.92', '90.92 国际标准将修订'), ('90.93', '90.93 国际标准确认'), ('90.99', '90.99 TC/SC提议废止'), ('95.20', '95.20 废止投票开始'), ('95.60', '95.60 投票结束'), ('95.92', '95.92 决定不废止'), ('95.99', '95.99 国际标准废止')], max_length=5, verbose_name='阶段')),
                ('stage_on', models.DateField(verbose_name='进入本阶段日期')),
                ('committee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='international_work_items', to='committees.committee', verbose_name='国内技术对口单位')),
                ('international', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='work_items', to='international.internationalcommittee', verbose_name='国际标准化技术机构')),
            ],
            options={
                'verbose_name': '我国提出的国际标准提案',
                'verbose_name_plural': '我国提出的国际标准提案',
                'ordering': ['-proposed_on', 'reference'],
            },
        ),
        migrations.CreateModel(
            name='ParticipationEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('committee_registered', '登记国际标准化技术机构'), ('committee_changed', '变更国际标准化技术机构'), ('mirror_linked', '建立国内技术对口'), ('mirror_unlinked', '取消国内技术对口'), ('post_recorded', '登记国际任职'), ('post_changed', '变更国际任职'), ('work_item_recorded', '登记国际标准提案'), ('stage_moved', '项目阶段变更'), ('ballot_opened', '登记国际投票'), ('vote_recorded', '我国投票已记录'), ('ballot_reminded', '投票截止提醒'), ('ballot_missed', '逾期未投票')], max_length=24, verbose_name='类型')),
                ('at', models.DateTimeField(default=biaozhun.core.clock.now, verbose_name='时间')),
                ('data', models.JSONField(blank=True, default=dict)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('ballot', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='international.internationalballot')),
                ('international', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='international.internationalcommittee')),
                ('post', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='international.post')),
                ('work_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='international.workitem')),
            ],
            options={
                'verbose_name': '国际参与事件',
                'verbose_name_plural': '国际参与事件',
                'ordering': ['at', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='internationalballot',
            index=models.Index(fields=['committee', 'closes_on'], name='international_ballot_mirror'),
        ),
        migrations.AddIndex(
            model_name='internationalballot',
            index=models.Index(fields=['closes_on', 'vote'], name='international_ballot_due'),
        ),
        migrations.AddConstraint(
            model_name='internationalballot',
            constraint=models.UniqueConstraint(fields=('reference', 'kind'), name='international_ballot_once'),
        ),
        migrations.AddConstraint(
            model_name='internationalballot',
            constraint=models.CheckConstraint(condition=models.Q(('closes_on__gte', models.F('opens_on'))), name='international_ballot_order'),
        ),
        migrations.AddConstraint(
            model_name='mirrorlink',
            constraint=models.UniqueConstraint(fields=('committee', 'international'), name='international_mirror_once'),
        ),
        migrations.AddIndex(
            model_name='post',
            index=models.Index(fields=['end'], name='international_post_end'),
        ),
        migrations.AddConstraint(
            model_name='post',
            constraint=models.CheckConstraint(condition=models.Q(('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='international_post_term_order'),
        ),
        migrations.AddIndex(
            model_name='workitem',
            index=models.Index(fields=['stage'], name='international_workitem_stage'),
        ),
        migrations.AddIndex(
            model_name='participationevent',
            index=models.Index(fields=['ballot', 'kind'], name='international_pevent_ballot'),
        ),
        AppendOnlyTriggers(["international_participationevent"]),
    ]
