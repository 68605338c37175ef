"""Watch lists: a person follows an edition, every edition of a number, or a saved search, and is emailed when
something they follow changes (status, new edition, amendment)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Watch(models.Model):
    class Kind(models.TextChoices):
        EDITION = "edition", _("本版本")
        SERIES = "series", _("所有版本")
        SEARCH = "search", _("保存的检索")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    standard = models.ForeignKey(
        "catalog.Standard", null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    undated = models.CharField(_("标准号（不带年号）"), max_length=100, blank=True, db_index=True)
    query = models.JSONField(_("检索条件"), default=dict, blank=True)  # {"q": ..., "tier": ..., "status": ...}
    label = models.CharField(_("名称"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("关注")
        verbose_name_plural = _("关注")
        constraints = [
            models.UniqueConstraint(fields=["user", "standard"], condition=models.Q(kind="edition"),
                                    name="portal_watch_edition_unique"),
            models.UniqueConstraint(fields=["user", "undated"], condition=models.Q(kind="series"),
                                    name="portal_watch_series_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.label}"


class FeedCursor(models.Model):
    """How far a consumer of the catalogue's event feed has read (the last StandardEvent id it handled)."""

    name = models.CharField(max_length=50, primary_key=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_event_id}"


class WatchNotification(models.Model):
    """One email sent to one person, with the events it reported (audit, and never twice for the same events)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watch_notifications")
    sent_at = models.DateTimeField(default=timezone.now)
    first_event_id = models.BigIntegerField()
    last_event_id = models.BigIntegerField()
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("关注通知")
        verbose_name_plural = _("关注通知")

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_at:%Y-%m-%d}"
