"""Abolition of a group or enterprise standard under law art. 39, and its public notice (废止公示): a standard found
below a mandatory national standard's requirement in a campaign, whose correction order was followed up as not
corrected after its deadline, abolished by a provincial-or-higher standardization administration. The notice is
written once by the service and never changed (AppendOnly)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core.models import AppendOnly

from .results import CorrectionOrder


class AbolishedKind(models.TextChoices):
    """What the notice abolished: an enterprise's own standard (its declaration is marked abolished) or a group
    standard of the catalogue (the edition is abolished there)."""

    ENTERPRISE = "enterprise", _("企业标准")
    GROUP = "group", _("团体标准")


class AbolitionNotice(AppendOnly):
    number = models.CharField(_("公示编号"), max_length=20, unique=True)
    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("决定机关"))
    order = models.ForeignKey(CorrectionOrder, on_delete=models.PROTECT, related_name="abolitions",
                              verbose_name=_("责令改正"))
    enterprise = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("抽查企业"))
    kind = models.CharField(_("标准类型"), max_length=12, choices=AbolishedKind.choices)
    declaration = models.ForeignKey("declarations.Declaration", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("自我声明"))
    standard = models.ForeignKey("catalog.Standard", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("目录中的标准"))
    # The standard as it was named when abolished (its number and title, and who made it).
    identifier = models.CharField(_("标准号"), max_length=120)
    title = models.CharField(_("标准名称"), max_length=500)
    publisher = models.CharField(_("制定者"), max_length=200)
    reason = models.TextField(_("废止理由"))
    decided_on = models.DateField(_("决定日期"))
    published_at = models.DateTimeField(_("公示时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("废止公示")
        verbose_name_plural = _("废止公示")
        constraints = [
            models.UniqueConstraint(fields=["declaration"], condition=models.Q(declaration__isnull=False),
                                    name="inspections_abolition_declaration"),
            models.UniqueConstraint(fields=["standard"], condition=models.Q(standard__isnull=False),
                                    name="inspections_abolition_standard"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.identifier}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:abolition", args=[self.number])
