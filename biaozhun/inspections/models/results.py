"""What a draw produced and what the inspection found: the sampled enterprises with their inspectors, the
findings per check item (with private evidence), and the correction orders with their follow-up."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core.storage import UnguessableName, private_storage

from .campaigns import Campaign, CheckItem, Inspector


class SampledItem(models.Model):
    """One enterprise of the sample, in rank order (rules/draw.py, step 4)."""

    # No index of its own: the unique (campaign, rank) and (campaign, key) indexes begin with it (one index less for
    # each of a draw's tens of thousands of rows to write).
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="items", db_index=False)
    rank = models.PositiveIntegerField(_("序号"))
    key = models.CharField(_("统一社会信用代码"), max_length=18)
    enterprise = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("企业"))
    region_code = models.CharField(_("所在地区"), max_length=6, blank=True)
    inspectors = models.ManyToManyField(Inspector, through="ItemInspector", related_name="items")

    class Meta:
        ordering = ["campaign_id", "rank"]
        verbose_name = _("抽中企业")
        verbose_name_plural = _("抽中企业")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "rank"], name="inspections_item_rank"),
            models.UniqueConstraint(fields=["campaign", "key"], name="inspections_item_key"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.key}"


class ItemInspector(models.Model):
    # Indexed by the unique (item, inspector) and the (inspector, item) indexes, which begin with each.
    item = models.ForeignKey(SampledItem, on_delete=models.PROTECT, related_name="assignments", db_index=False)
    inspector = models.ForeignKey(Inspector, on_delete=models.PROTECT, related_name="assignments", db_index=False)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["item_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "inspector"], name="inspections_item_inspector"),
        ]
        indexes = [models.Index(fields=["inspector", "item"], name="inspections_assign_insp_idx")]

    def __str__(self) -> str:
        return f"{self.item_id} · {self.inspector_id}"


class Outcome(models.TextChoices):
    CONFORMING = "conforming", _("符合")
    NON_CONFORMING = "non_conforming", _("不符合")
    NOT_APPLICABLE = "not_applicable", _("不适用")


_evidence_path = UnguessableName("inspection_evidence")


class Finding(models.Model):
    """The finding of one check item for one sampled enterprise: written by its inspectors while the inspection
    is under way; public (without the evidence file) once the results are published."""

    item = models.ForeignKey(SampledItem, on_delete=models.PROTECT, related_name="findings")
    check_item = models.CharField(_("检查事项"), max_length=30, choices=CheckItem.choices)
    outcome = models.CharField(_("检查结论"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("情况说明"), blank=True)
    evidence = models.FileField(_("证据材料"), upload_to=_evidence_path, storage=private_storage, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    prefilled_codes = models.JSONField(_("自动检查提示"), default=list, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        ordering = ["item_id", "check_item"]
        verbose_name = _("检查结果")
        verbose_name_plural = _("检查结果")
        constraints = [
            models.UniqueConstraint(fields=["item", "check_item"], name="inspections_finding_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.check_item}: {self.outcome}"


class OrderState(models.TextChoices):
    OPEN = "open", _("限期改正中")
    CORRECTED = "corrected", _("已改正")
    NOT_CORRECTED = "not_corrected", _("逾期未改正")


class CorrectionOrder(models.Model):
    """责令限期改正: issued when the results are published to each enterprise with a non-conformity, then
    followed up by the authority (corrected or not)."""

    item = models.OneToOneField(SampledItem, on_delete=models.PROTECT, related_name="order")
    check_items = models.JSONField(_("不符合的检查事项"), default=list)
    issued_at = models.DateTimeField(_("下达时间"), default=timezone.now)
    deadline = models.DateField(_("改正期限"))
    state = models.CharField(_("状态"), max_length=14, choices=OrderState.choices, default=OrderState.OPEN,
                             editable=False, db_index=True)
    followed_up_at = models.DateTimeField(_("跟踪时间"), null=True, blank=True, editable=False)
    follow_up_note = models.TextField(_("跟踪情况"), blank=True, editable=False)
    publicly_listed = models.BooleanField(_("列入公示名单"), default=False, editable=False, db_index=True)

    class Meta:
        ordering = ["item_id"]
        verbose_name = _("责令改正")
        verbose_name_plural = _("责令改正")

    def __str__(self) -> str:
        return f"{self.item}: {self.state}"
