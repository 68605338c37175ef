"""A declaration (标准信息公开): an enterprise says it executes one standard for some of its products. Revisions
keep every earlier version (DeclarationVersion) and every change appends an event (DeclarationEvent)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.catalog.models import Tier
from biaozhun.core.models import AppendOnly
from biaozhun.core.storage import UnguessableName, private_storage


class DeclarationState(models.TextChoices):
    PUBLISHED = "published", _("已公开")
    WITHDRAWN = "withdrawn", _("已撤回")
    # The enterprise standard it discloses was abolished by the authority (law art. 39): its page stays public and
    # names the notice; it leaves search and the campaigns' populations like a withdrawn one.
    ABOLISHED = "abolished", _("已废止")


class StandardSource(models.TextChoices):
    """A standard of the catalogue (national, industry, local, group; checked against it) or the enterprise's own
    enterprise standard (Q/…), disclosed with its text or its indicator table."""

    CATALOGUE = "catalogue", _("执行国家、行业、地方或团体标准")
    ENTERPRISE = "enterprise", _("执行本企业标准")


_text_path = UnguessableName("declaration_texts")


class Declaration(models.Model):
    enterprise = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="declarations",
                                   verbose_name=_("企业"))
    # A copy of the enterprise's region (EnterpriseProfile.region_code) so search filters without a join.
    region_code = models.CharField(_("所在地区"), max_length=6, db_index=True)
    source = models.CharField(_("标准类型"), max_length=10, choices=StandardSource.choices)
    tier = models.CharField(_("层级"), max_length=14, choices=Tier.choices)
    # The number as canonically formatted (GB/T 19001-2016, Q/ABC 001-2021) and its undated form, for lookups.
    identifier = models.CharField(_("标准号"), max_length=120, db_index=True)
    undated = models.CharField(_("不带年号的标准号"), max_length=100, db_index=True)
    title = models.CharField(_("标准名称"), max_length=500)
    standard = models.ForeignKey("catalog.Standard", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="declarations", verbose_name=_("目录中的标准"))
    products = models.ManyToManyField("declarations.Product", through="declarations.DeclarationProduct",
                                      related_name="declarations", verbose_name=_("产品"))
    # An enterprise standard's text, disclosed on the declaration page (served by a view that asks the policy).
    fulltext = models.FileField(_("标准文本"), upload_to=_text_path, storage=private_storage, blank=True)
    fulltext_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # Recommended standards an enterprise standard names as its references (canonical numbers); its indicators are
    # compared with theirs where the platform holds them (BELOW_RECOMMENDED).
    reference_standards = models.JSONField(_("参照的推荐性标准"), default=list, blank=True, db_default=[])

    # Written only by the declaration services.
    state = models.CharField(_("状态"), max_length=10, choices=DeclarationState.choices, editable=False,
                             default=DeclarationState.PUBLISHED)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    declared_at = models.DateTimeField(_("首次公开时间"), default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True, editable=False)
    # The last run of the automatic checks: [{"code", "severity", "params"}...] (codes from rules/ and checks/).
    checks = models.JSONField(_("自动检查结果"), default=list, blank=True, editable=False)
    flagged = models.BooleanField(_("有问题"), default=False, editable=False, db_index=True)

    class Meta:
        ordering = ["-declared_at", "-id"]
        verbose_name = _("自我声明")
        verbose_name_plural = _("自我声明")
        indexes = [
            models.Index(fields=["enterprise", "state"], name="declarations_decl_ent_idx"),
            models.Index(fields=["state", "region_code"], name="declarations_decl_region_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} · {self.enterprise}"


class DeclarationProduct(models.Model):
    # Indexed by the unique (declaration, product) and by product (Meta): no index per foreign key besides.
    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="+", db_index=False)
    product = models.ForeignKey("declarations.Product", on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["declaration", "product"], name="declarations_declared_product"),
        ]
        indexes = [models.Index(fields=["product"], name="declarations_dp_product_idx")]

    def __str__(self) -> str:
        return f"{self.declaration_id} · {self.product_id}"


class DeclarationVersion(AppendOnly):
    """Each published version, whole (number, title, products, indicators, text digest, checks), as the public
    saw it: a revised or withdrawn declaration is never lost."""

    # Indexed by the unique (declaration, version), in the model's order.
    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="versions", db_index=False)
    version = models.PositiveIntegerField(_("版本"))
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField(_("内容"))

    class Meta:
        ordering = ["declaration_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "version"], name="declarations_version_unique"),
        ]


class DeclarationEventKind(models.TextChoices):
    DECLARED = "declared", _("公开声明")
    REVISED = "revised", _("修改声明")
    WITHDRAWN = "withdrawn", _("撤回声明")
    CHECKED = "checked", _("重新检查")
    ABOLISHED = "abolished", _("标准被依法废止")  # data: {"version", "notice_number", "notice_url", "authority"}


class DeclarationEvent(AppendOnly):
    declaration = models.ForeignKey(Declaration, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=20, choices=DeclarationEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    reason = models.TextField(_("原因"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
