from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]
    operations = [
        migrations.RenameField("feedback", "reply_due", "answer_due"),
        migrations.RenameField("feedback", "reply_due_approximate", "deadlines_approximate"),
    ]
