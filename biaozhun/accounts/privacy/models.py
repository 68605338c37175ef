"""Consent to the privacy notice, one append-only row per acceptance (registered from accounts/models.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly


class ConsentVia(models.TextChoices):
    # Values are stored: never rename one.
    REGISTRATION = "registration", _("注册时")
    NEW_VERSION = "new_version", _("隐私政策更新后")


class PrivacyConsent(AppendOnly):
    """A person accepted a version of the privacy notice: when, from which address, in which language, on which
    occasion. Kept when the account is deleted (the proof of consent, PIPL art. 14); never changed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="privacy_consents",
                             verbose_name=_("用户"))
    version = models.PositiveIntegerField(_("隐私政策版本"))
    at = models.DateTimeField(_("同意时间"), default=clock.now)
    address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    language = models.CharField(_("语言"), max_length=10)
    via = models.CharField(_("场合"), max_length=20, choices=ConsentVia.choices)

    class Meta:
        app_label = "accounts"
        verbose_name = _("隐私政策同意记录")
        verbose_name_plural = _("隐私政策同意记录")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["user", "at"], name="accounts_consent_user_at_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} v{self.version} {self.at:%Y-%m-%d %H:%M}"
