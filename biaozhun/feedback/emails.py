"""The emails of the feedback window, sent by its tasks."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import Feedback


def acknowledge(feedback_id: int) -> int:
    """Send the acknowledgement of one feedback (the task queued by submit_feedback); returns emails sent."""
    feedback = Feedback.objects.select_related("author", "standard").filter(pk=feedback_id).first()
    user = feedback.author if feedback else None
    if user is None or not user.email:
        return 0
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"feedback": feedback, "site": settings.BIAOZHUN_SITE_URL}
        subject = render_to_string("feedback/email/ack_subject.txt", context).strip()
        body = render_to_string("feedback/email/ack_body.txt", context)
    send_mail(subject, body, None, [user.email])
    return 1
