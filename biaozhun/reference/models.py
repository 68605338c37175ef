"""Vocabularies every domain shares, seeded from biaozhun/reference/data/ and editable by administrators."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CcsCode(models.Model):
    """中国标准文献分类 (CCS): level 1 class "A", level 2 range "A00/09", level 3 code "A00"."""

    code = models.CharField(_("代码"), max_length=10, primary_key=True)
    name_zh = models.CharField(_("名称"), max_length=200)
    # English names exist for the 24 classes (data/ccs/cat-level1-en.csv); other levels have Chinese names only.
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(_("层级"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    notes = models.TextField(_("注释"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("中国标准文献分类")
        verbose_name_plural = _("中国标准文献分类")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"

    @property
    def class_name_en(self) -> str:
        """The English name of the class this code belongs to ("T" Vehicles for "T40"), "" if none is known."""
        if self.level == 1:
            return self.name_en
        return CcsCode.objects.filter(code=self.code[:1], level=1).values_list("name_en", flat=True).first() or ""


class IcsCode(models.Model):
    """International Classification for Standards, edition 7: field "01", group "01.040", sub-group "01.040.01"."""

    code = models.CharField(_("代码"), max_length=12, primary_key=True)
    name_en = models.CharField(_("英文名称"), max_length=300)
    name_zh = models.CharField(_("中文名称"), max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(_("层级"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("国际标准分类")
        verbose_name_plural = _("国际标准分类")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh or self.name_en}"


class IndustryCode(models.Model):
    """行业标准代号 (JB, YY, ...) and engineering-construction codes (JGJ, CJJ, ...)."""

    class Kind(models.TextChoices):
        INDUSTRY = "industry", _("行业标准代号")
        ENGINEERING = "engineering", _("工程建设标准代号")

    code = models.CharField(_("代号"), max_length=10, primary_key=True)
    name_zh = models.CharField(_("行业"), max_length=100)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.INDUSTRY)
    is_active = models.BooleanField(_("有效"), default=True)
    verified = models.BooleanField(_("已核实"), default=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("行业代号")
        verbose_name_plural = _("行业代号")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class IndustryClass(models.Model):
    """国民经济行业分类 (GB/T 4754-2017): section "C" (门类), division "C38" (大类), group "C383" (中类).

    Codes carry their section letter, as statistics and enterprise registers write them (C383), so every level
    is one unambiguous text. The 4-digit classes (小类) are not seeded; administrators may add them here."""

    code = models.CharField(_("代码"), max_length=6, primary_key=True)
    name_zh = models.CharField(_("名称"), max_length=100)
    level = models.PositiveSmallIntegerField(_("层级"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("国民经济行业分类")
        verbose_name_plural = _("国民经济行业分类")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class RegionCode(models.Model):
    """GB/T 2260 administrative division codes used in local standard numbers (DB11, DB3301)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("省级")
        CITY = "city", _("设区的市")

    code = models.CharField(_("代码"), max_length=6, primary_key=True)
    name_zh = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划代码")
        verbose_name_plural = _("行政区划代码")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a public holiday, or a weekend make-up working day (调休)."""

    day = models.DateField(_("日期"), primary_key=True)
    is_workday = models.BooleanField(_("调休上班"), default=False)
    name = models.CharField(_("名称"), max_length=50, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")

    def __str__(self) -> str:
        return f"{self.day} {self.name}"


class CalendarYear(models.Model):
    """A year whose official holiday arrangement has been entered in full."""

    year = models.PositiveSmallIntegerField(_("年份"), primary_key=True)
    source = models.CharField(_("来源"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("已录入年份")
        verbose_name_plural = _("已录入年份")

    def __str__(self) -> str:
        return str(self.year)
