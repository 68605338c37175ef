from django.db import models


class ScheduledRun(models.Model):
    """One row per (task, day) the scheduler enqueued; the unique constraint keeps a second scheduler idle."""

    task = models.CharField(max_length=200)
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "day"], name="core_scheduled_run_unique")]

    def __str__(self) -> str:
        return f"{self.task} {self.day}"


class AppendOnlyError(ValueError):
    """A history row was about to be changed or deleted: history is append-only (ARCHITECTURE rule 2)."""


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes that would rewrite history are refused as well as per-row ones."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: they cannot be updated")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: they cannot be deleted")


class AppendOnly(models.Model):
    """Base of every history row (typed events): written once, never changed or deleted.

    Subclasses point their foreign keys at what they record with ``on_delete=PROTECT``, so that deleting the
    subject of a history cannot silently take the history with it.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} {self.pk}: rows are append-only and cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} {self.pk}: rows are append-only and cannot be deleted")
