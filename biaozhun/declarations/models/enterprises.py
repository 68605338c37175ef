"""An enterprise's public profile and its products."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EnterpriseProfile(models.Model):
    """What the public platform shows of an enterprise beside its account organisation (name, USCC): where it is
    registered (GB/T 2260 code down to the county, six digits) and its industry (GB/T 4754)."""

    organisation = models.OneToOneField(
        "accounts.Organisation", primary_key=True, on_delete=models.PROTECT, related_name="enterprise_profile",
        limit_choices_to={"kind": "enterprise"}, verbose_name=_("企业"),
    )
    region_code = models.CharField(_("所在地区"), max_length=6, db_index=True)
    industry_class = models.CharField(_("国民经济行业分类"), max_length=6, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    # 企业代号: the code in the enterprise's own standard numbers (Q/<code> 001-2025); its USCC and its 9-character
    # organisation code are accepted as well (decision 0019).
    standard_code = models.CharField(_("企业标准代号"), max_length=40, blank=True, db_default="")
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("企业信息")
        verbose_name_plural = _("企业信息")
        constraints = [
            models.UniqueConstraint(fields=["standard_code"], condition=~models.Q(standard_code=""),
                                    name="declarations_profile_code_unique"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Product(models.Model):
    """A product (or service) an enterprise makes; declarations list the products each standard covers."""

    # No index of its own: the unique (enterprise, name, model) index serves every lookup by enterprise, in the
    # model's order (a second and third index only slowed bulk imports down, docs/benchmarks.md).
    enterprise = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="products",
                                   verbose_name=_("企业"), db_index=False)
    name = models.CharField(_("产品名称"), max_length=200)
    model = models.CharField(_("型号规格"), max_length=200, blank=True)
    code = models.CharField(_("产品编码"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["enterprise_id", "name", "model", "id"]
        verbose_name = _("产品")
        verbose_name_plural = _("产品")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name", "model"], name="declarations_product_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.model}".strip()
