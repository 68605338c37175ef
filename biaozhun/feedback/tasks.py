"""Background work of the feedback window: the acknowledgement email, queued with the feedback it confirms."""

from django_tasks import task

from .emails import acknowledge


@task()
def acknowledge_feedback(feedback_id: int) -> int:
    """Email the author that their feedback was received, with its reply deadline; returns emails sent."""
    return acknowledge(feedback_id)
