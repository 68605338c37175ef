"""E-mail addresses and phone numbers encrypted at rest (SM4, core/fields.py), with a blind index for e-mail lookups.

Schema here; 0005 encrypts the existing rows and fills the index; 0006 makes the index unique (the old constraint
on lower(email) cannot compare ciphertexts)."""

import biaozhun.core.fields
import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_sign_in_security'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='user',
            name='accounts_user_email_ci_unique',
        ),
        migrations.AddField(
            model_name='user',
            name='email_index',
            field=models.CharField(blank=True, default='', editable=False, max_length=100),
        ),
        migrations.AlterField(
            model_name='user',
            name='email',
            field=biaozhun.core.fields.EncryptedEmailField(help_text='用于找回密码和接收通知。', max_length=254, verbose_name='电子邮箱'),
        ),
        migrations.AlterField(
            model_name='user',
            name='phone',
            field=biaozhun.core.fields.EncryptedCharField(blank=True, max_length=20, validators=[django.core.validators.RegexValidator('^\\+?[0-9][0-9 \\-]{5,19}$', '电话号码只能包含数字、空格、连字符和开头的 +，例如 010-12345678。', 'phone')], verbose_name='电话'),
        ),
    ]
