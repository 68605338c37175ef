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


class AppendOnly(models.Model):
    """History rows (typed events): written once, never changed (ARCHITECTURE rule 2)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)
