"""A random inspection campaign (双随机、一公开抽查): who inspects what, how the sample is drawn, and the public
record of the draw (commitment, digests, parameters, snapshots, sample and assignment). The inspector pool is a
table the authority maintains."""

import json

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.catalog.models import Tier
from biaozhun.core.fields import EncryptedCharField
from biaozhun.core.models import AppendOnly
from biaozhun.core.storage import UnguessableName, private_storage
from biaozhun.declarations.models import StandardSource
from biaozhun.rules import inspections as rules


class CampaignState(models.TextChoices):
    DRAFT = rules.CampaignState.DRAFT, _("草稿")
    COMMITTED = rules.CampaignState.COMMITTED, _("已公布承诺值")
    DRAWN = rules.CampaignState.DRAWN, _("已抽取，检查中")
    RESULTS_DUE = rules.CampaignState.RESULTS_DUE, _("检查完成，结果待公开")
    PUBLISHED = rules.CampaignState.PUBLISHED, _("结果已公开")
    CLOSED = rules.CampaignState.CLOSED, _("已结束")


class CheckItem(models.TextChoices):
    BELOW_MANDATORY = rules.CheckItem.BELOW_MANDATORY, _("是否低于强制性国家标准的技术要求")
    OBSOLETE_TECHNOLOGY = rules.CheckItem.OBSOLETE_TECHNOLOGY, _("是否采用国家明令淘汰的技术")
    NUMBERING = rules.CheckItem.NUMBERING, _("标准编号是否规范、引用的标准是否现行有效")
    DISCLOSURE = rules.CheckItem.DISCLOSURE, _("是否公开功能指标和性能指标")


class RegionLevel(models.TextChoices):
    """How far the same-region conflict rule reaches: the first 2, 4 or 6 digits of the GB/T 2260 codes."""

    PROVINCE = "province", _("同一省")
    CITY = "city", _("同一市")
    COUNTY = "county", _("同一县（区）")


class Inspector(models.Model):
    """A person the authority may send to inspect (执法检查人员名录库), with the organisation and region the
    conflict rules compare with the enterprise's. `user` lets the person record findings on the platform."""

    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="inspectors",
                                  verbose_name=_("所属抽查部门"))
    number = models.CharField(_("执法证号"), max_length=40)
    name = models.CharField(_("姓名"), max_length=100)
    organisation = models.CharField(_("工作单位"), max_length=200, blank=True)
    region_code = models.CharField(_("所在地区"), max_length=6, blank=True,
                                   help_text=_("GB/T 2260 行政区划代码，2、4 或 6 位。"))
    specialty = models.CharField(_("专业领域"), max_length=100, blank=True, default="", db_default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="inspector_records", verbose_name=_("平台账号"))
    is_active = models.BooleanField(_("在库"), default=True)

    class Meta:
        ordering = ["authority_id", "number"]
        verbose_name = _("检查人员")
        verbose_name_plural = _("检查人员")
        constraints = [
            models.UniqueConstraint(fields=["authority", "number"], name="inspections_inspector_number"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    def snapshot_record(self) -> dict[str, str]:
        """The inspector's line in the published pool snapshot (rules/draw.py, step 2)."""
        return {"key": self.number, "name": self.name, "organisation": self.organisation,
                "region": self.region_code}


_snapshot_path = UnguessableName("inspection_snapshots")


class Campaign(models.Model):
    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="campaigns",
                                  verbose_name=_("抽查部门"))
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    scope = models.TextField(_("抽查范围说明"), blank=True)
    # The population: enterprises with at least one published declaration matching every filter given.
    region_prefix = models.CharField(_("地区代码前缀"), max_length=6, blank=True,
                                     help_text=_("如 32（江苏省）或 3201（南京市）；留空为全国。"))
    industry_class = models.CharField(_("国民经济行业分类"), max_length=6, blank=True,
                                      help_text=_("企业的行业代码前缀，如 C38。"))
    tier = models.CharField(_("标准层级"), max_length=14, choices=Tier.choices, blank=True)
    source = models.CharField(_("标准类型"), max_length=10, choices=StandardSource.choices, blank=True)
    product_keyword = models.CharField(_("产品名称包含"), max_length=100, blank=True)
    flagged_only = models.BooleanField(_("仅自动检查发现问题的声明"), default=False)
    # The sample: a rate (share of the eligible population, rounded up) or a size.
    rate = models.DecimalField(_("抽查比例"), max_digits=7, decimal_places=6, null=True, blank=True,
                               help_text=_("如 0.05 表示 5%，向上取整。"))
    size = models.PositiveIntegerField(_("抽查数量"), null=True, blank=True)
    # Exclusions (comma-separated): region prefixes and enterprises (USCC) left out of the draw.
    excluded_regions = models.CharField(_("排除的地区代码前缀"), max_length=300, blank=True)
    excluded_enterprises = models.TextField(_("排除的企业（统一社会信用代码）"), blank=True)
    # The inspectors and the conflict rules.
    inspectors_per_item = models.PositiveSmallIntegerField(_("每户检查人员数"), default=2)
    exclude_same_organisation = models.BooleanField(_("回避同一单位"), default=True)
    exclude_same_region = models.BooleanField(_("回避同一地区"), default=True)
    region_level = models.CharField(_("地区回避范围"), max_length=10, choices=RegionLevel.choices,
                                    default=RegionLevel.COUNTY)
    check_items = models.JSONField(_("检查事项"), default=list)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)

    # Written only by the services.
    state = models.CharField(_("状态"), max_length=12, choices=CampaignState.choices, default=CampaignState.DRAFT,
                             editable=False, db_index=True)
    commitment = models.CharField(_("承诺值"), max_length=64, blank=True, editable=False)
    seed = EncryptedCharField(_("随机种子"), max_length=200, blank=True, editable=False)  # secret until the draw
    seed_revealed = models.CharField(_("公开的随机种子"), max_length=64, blank=True, editable=False)
    population_sha256 = models.CharField(_("抽查对象名录摘要"), max_length=64, blank=True, editable=False)
    population_records = models.PositiveIntegerField(_("名录户数"), default=0, editable=False)
    inspectors_sha256 = models.CharField(_("检查人员名录摘要"), max_length=64, blank=True, editable=False)
    inspector_records = models.PositiveIntegerField(_("检查人员数"), default=0, editable=False)
    parameters = models.JSONField(_("公布的抽取参数"), default=dict, blank=True, editable=False)
    population_file = models.FileField(upload_to=_snapshot_path, storage=private_storage, blank=True,
                                       editable=False)
    inspectors_file = models.FileField(upload_to=_snapshot_path, storage=private_storage, blank=True,
                                       editable=False)
    result = models.JSONField(_("抽取结果"), default=dict, blank=True, editable=False)
    committed_at = models.DateTimeField(_("公布承诺时间"), null=True, blank=True, editable=False)
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True, editable=False)
    results_due_on = models.DateField(_("结果公开期限"), null=True, blank=True, editable=False)
    due_approximate = models.BooleanField(default=False, editable=False)
    overdue_at = models.DateTimeField(_("标记逾期时间"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("结果公开时间"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")
        indexes = [models.Index(fields=["state", "results_due_on"], name="inspections_campaign_due_idx")]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:detail", args=[self.pk])

    @property
    def is_revealed(self) -> bool:
        return self.state in rules.REVEALED_STATES

    @property
    def results_public(self) -> bool:
        return self.state in rules.RESULT_STATES

    @property
    def parameters_json(self) -> str:
        """The announced parameters as the published JSON (sorted keys), as the verify command reads them."""
        return json.dumps(self.parameters, ensure_ascii=False, indent=2, sort_keys=True)

    def check_item_labels(self) -> list[str]:
        return [str(CheckItem(code).label) for code in self.check_items if code in CheckItem.values]


class CampaignEventKind(models.TextChoices):
    # Values are stored: never rename one.
    CREATED = "created", _("创建抽查任务")
    COMMITTED = "committed", _("公布承诺值和名录摘要")
    DRAWN = "drawn", _("公开种子并抽取")
    INSPECTED = "inspected", _("检查完成")
    PUBLISHED = "published", _("公开抽查结果")
    CLOSED = "closed", _("结束抽查任务")
    OVERDUE = "overdue", _("结果公开逾期")
    FINDING_RECORDED = "finding_recorded", _("记录检查结果")
    ORDER_FOLLOWED_UP = "order_followed_up", _("整改跟踪")
    INSPECTOR_ADDED = "inspector_added", _("添加检查人员")
    INSPECTOR_CHANGED = "inspector_changed", _("修改检查人员")
    STANDARD_ABOLISHED = "standard_abolished", _("依法废止标准")


class CampaignEvent(AppendOnly):
    """One change to a campaign, its findings or its correction orders (who, when, from, to, why). ``data`` keys
    by kind: committed {"commitment", "population_sha256", "inspectors_sha256", "parameters"}; drawn {"seed",
    "sample_size", "results_due_on"}; finding_recorded {"item", "check_item", "outcome"}; order_followed_up
    {"order", "outcome"}; overdue {"due"}; inspector_added {"number"} (imported: also "source", "line");
    inspector_changed {"number", "before", "after", "source", "line"}; standard_abolished {"notice_number", "order",
    "kind", "identifier", "declaration" or "standard"}."""

    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=30, choices=CampaignEventKind.choices)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    reason = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("抽查记录")
        verbose_name_plural = _("抽查记录")


class InspectionTimeLimit(models.Model):
    """Time limits of random inspections (seeded from rules/inspections.py, edited by administrators)."""

    class Unit(models.TextChoices):
        DAYS = "days", _("日")
        WORKING_DAYS = "working_days", _("工作日")

    code = models.CharField(_("代码"), max_length=40, unique=True)
    value = models.PositiveIntegerField(_("数值"))
    unit = models.CharField(_("单位"), max_length=14, choices=Unit.choices)
    description = models.CharField(_("说明"), max_length=200)
    confidence = models.CharField(_("可靠程度"), max_length=1)
    source = models.CharField(_("依据"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("抽查时限")
        verbose_name_plural = _("抽查时限")

    def __str__(self) -> str:
        return f"{self.code} = {self.value} {self.unit}"
