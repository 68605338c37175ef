"""The security audit log (docs/decisions/0007-audit-log.md): records, chain head, purge anchors, roles."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from biaozhun.core.append_only_db import AppendOnlyTriggers

# Audit records may be deleted only by the retention purge: up to the newest purge anchor's seq (the purge
# appends the anchor first, in the same transaction) and only when older than 183 days by the database's own
# clock (the legal minimum of six months, whatever the application's setting or clock says). Frozen here:
# a later change of the minimum needs a migration of its own.
PURGE_ONLY = {
    "sqlite": (
        'OLD.seq <= (SELECT COALESCE(MAX(through_seq), 0) FROM audit_auditpurge) '
        'AND OLD."at" < datetime(\'now\', \'-183 days\')'
    ),
    "postgresql": (
        'OLD.seq <= (SELECT coalesce(max(through_seq), 0) FROM audit_auditpurge) '
        'AND OLD."at" < now() - interval \'183 days\''
    ),
}


def create_chain_head(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.create(pk=1, last_seq=0, last_hash="0" * 64)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditChainHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_seq', models.BigIntegerField(default=0)),
                ('last_hash', models.CharField(max_length=64)),
            ],
            options={
                'verbose_name': '审计链头',
                'verbose_name_plural': '审计链头',
            },
        ),
        migrations.CreateModel(
            name='AuditPurge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(verbose_name='时间')),
                ('cutoff', models.DateTimeField(verbose_name='截止时间')),
                ('through_seq', models.BigIntegerField(verbose_name='清理至序号')),
                ('last_hash', models.CharField(max_length=64, verbose_name='最后一条的哈希')),
                ('records', models.PositiveIntegerField(verbose_name='记录数')),
                ('export_file', models.CharField(max_length=500, verbose_name='导出文件')),
                ('export_sm3', models.CharField(max_length=64, verbose_name='导出文件SM3')),
            ],
            options={
                'verbose_name': '审计日志清理',
                'verbose_name_plural': '审计日志清理',
                'ordering': ['-through_seq'],
            },
        ),
        migrations.CreateModel(
            name='AuditRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.BigIntegerField(unique=True, verbose_name='序号')),
                ('at', models.DateTimeField(db_index=True, verbose_name='时间')),
                ('kind', models.CharField(choices=[('login', '登录'), ('login_failed', '登录失败'), ('logout', '退出登录'), ('password_changed', '修改密码'), ('password_reset_requested', '申请重置密码'), ('password_reset_done', '重置密码'), ('account_created', '创建账号'), ('account_updated', '修改账号信息'), ('access_changed', '变更账号权限'), ('membership_changed', '变更组织成员身份'), ('role_granted', '授予管理角色'), ('role_withdrawn', '撤销管理角色'), ('api_token_created', '创建API令牌'), ('api_token_revoked', '撤销API令牌'), ('account_locked', '锁定账号'), ('account_unlocked', '解锁账号'), ('mfa_enrolled', '启用双因素认证'), ('mfa_removed', '停用双因素认证'), ('recovery_code_used', '使用恢复码'), ('data_exported', '导出数据'), ('audit_log_exported', '导出审计日志'), ('audit_log_purged', '清理过期审计日志')], max_length=40, verbose_name='事件')),
                ('outcome', models.CharField(choices=[('success', '成功'), ('failure', '失败'), ('refused', '拒绝')], default='success', max_length=10, verbose_name='结果')),
                ('username', models.CharField(blank=True, max_length=254, verbose_name='用户名')),
                ('address', models.CharField(blank=True, max_length=64, verbose_name='地址')),
                ('user_agent', models.CharField(blank=True, max_length=300, verbose_name='浏览器')),
                ('target_id', models.CharField(blank=True, max_length=64, verbose_name='对象编号')),
                ('target_repr', models.CharField(blank=True, max_length=200, verbose_name='对象')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='数据')),
                ('prev_hash', models.CharField(max_length=64, verbose_name='前一记录哈希')),
                ('hash', models.CharField(max_length=64, unique=True, verbose_name='哈希')),
                ('target_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='对象类型')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='用户')),
            ],
            options={
                'verbose_name': '审计记录',
                'verbose_name_plural': '审计记录',
                'ordering': ['-seq'],
                'indexes': [models.Index(fields=['kind', 'at'], name='audit_record_kind_at_idx'), models.Index(fields=['user', 'at'], name='audit_record_user_at_idx'), models.Index(fields=['address', 'at'], name='audit_record_address_at_idx'), models.Index(fields=['outcome', 'at'], name='audit_record_outcome_at_idx')],
            },
        ),
        migrations.CreateModel(
            name='RoleAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('system_administrator', '系统管理员'), ('security_administrator', '安全管理员'), ('auditor', '审计员')], max_length=30, verbose_name='角色')),
                ('granted_at', models.DateTimeField(verbose_name='授予时间')),
                ('granted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='授予人')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='admin_roles', to=settings.AUTH_USER_MODEL, verbose_name='用户')),
            ],
            options={
                'verbose_name': '管理角色',
                'verbose_name_plural': '管理角色',
                'ordering': ['role', 'user_id'],
                'constraints': [models.UniqueConstraint(fields=('user', 'role'), name='audit_role_unique_user_role')],
            },
        ),
        migrations.RunPython(create_chain_head, migrations.RunPython.noop),
        AppendOnlyTriggers(['audit_auditpurge']),
        AppendOnlyTriggers(['audit_auditrecord'], delete_allowed_when=PURGE_ONLY),
    ]
