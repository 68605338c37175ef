"""One account per e-mail address (any case), now compared through the blind index."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("accounts", "0007_encrypt_existing_emails_and_phones")]

    operations = [
        migrations.AddConstraint(
            model_name='user',
            constraint=models.UniqueConstraint(condition=models.Q(('email_index', ''), _negated=True), fields=('email_index',), name='accounts_user_email_index_unique', violation_error_message='这个电子邮箱已被其他账号使用。'),
        ),
    ]
