"""Items received before the workflow get a tracking number, a pseudonym and an acknowledgement deadline (their
answer deadline as it was); the time limits and routing rules are seeded; feedback events are append-only in the
database too. The daily sweep routes the old items (they are `received`)."""

from django.db import migrations

from biaozhun.core.append_only_db import AppendOnlyTriggers


def fill(apps, schema_editor):
    from biaozhun.feedback.pseudonyms import pseudonym_for
    from biaozhun.rules.feedback import new_tracking_number

    Feedback = apps.get_model("feedback", "Feedback")
    taken = set()
    for item in Feedback.objects.order_by("pk"):
        number = new_tracking_number()
        while number in taken:
            number = new_tracking_number()
        taken.add(number)
        item.tracking_number = number
        item.pseudonym = pseudonym_for(user=item.author) if item.author_id else pseudonym_for(email="")
        item.acknowledge_due = item.acknowledge_due or item.answer_due
        item.save(update_fields=["tracking_number", "pseudonym", "acknowledge_due"])


def seed(apps, schema_editor):
    from biaozhun.rules.feedback import DEFAULT_LIMITS
    from biaozhun.rules.feedback_routing import DEFAULT_RULES

    FeedbackTimeLimit = apps.get_model("feedback", "FeedbackTimeLimit")
    RoutingRule = apps.get_model("feedback", "RoutingRule")
    for category, limits in DEFAULT_LIMITS.items():
        FeedbackTimeLimit.objects.get_or_create(category=category, defaults={
            "acknowledge_days": limits.acknowledge_days, "answer_days": limits.answer_days,
            "reminder_days": limits.reminder_days, "close_days": limits.close_days})
    if not RoutingRule.objects.exists():
        for priority, tier, target in DEFAULT_RULES:
            RoutingRule.objects.create(priority=priority, tier=tier, target=target)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0003_workflow")]
    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(seed, migrations.RunPython.noop),
        AppendOnlyTriggers(["feedback_feedbackevent", "feedback_feedbacksettingevent"]),
    ]
