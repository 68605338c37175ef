"""Standard development projects (制修订项目). A project is not a standard: publication creates the edition."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.catalog.models import Nature
from biaozhun.core.models import AppendOnly
from biaozhun.rules.stages import STAGES

STAGE_CHOICES = [(stage.code, stage.name_zh) for stage in STAGES]


class ProjectKind(models.TextChoices):
    NEW = "new", _("制定")
    REVISION = "revision", _("修订")
    AMENDMENT = "amendment", _("修改单")
    ADOPTION = "adoption", _("采用国际标准")


class Project(models.Model):
    plan_number = models.CharField(_("计划号"), max_length=30, unique=True, null=True, blank=True)  # 20190001-T-469
    title_zh = models.CharField(_("项目名称"), max_length=300)
    title_en = models.CharField(_("英文名称"), max_length=300, blank=True)
    kind = models.CharField(_("制修订"), max_length=12, choices=ProjectKind.choices)
    nature = models.CharField(_("性质"), max_length=12, choices=Nature.choices)
    committee = models.ForeignKey("committees.Committee", verbose_name=_("技术委员会"), on_delete=models.PROTECT,
                                  related_name="projects")
    revises = models.ManyToManyField("catalog.Standard", blank=True, related_name="revision_projects")
    adopts = models.CharField(_("采用的国际标准"), max_length=120, blank=True)
    degree = models.CharField(_("一致性程度"), max_length=3, blank=True)
    drafters = models.TextField(_("起草单位"), blank=True)
    stage = models.CharField(_("阶段"), max_length=12, choices=STAGE_CHOICES, default="proposal", db_index=True)
    suspended_from = models.CharField(max_length=12, blank=True)
    plan_issued_on = models.DateField(_("计划下达日期"), null=True, blank=True)
    deadline = models.DateField(_("报批期限"), null=True, blank=True, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("制修订项目")
        verbose_name_plural = _("制修订项目")

    def __str__(self) -> str:
        return f"{self.plan_number or self.pk} {self.title_zh}"

    def get_absolute_url(self) -> str:
        return reverse("development:detail", args=[self.pk])


class ProjectEvent(AppendOnly):
    """Append-only history: who moved the project from which stage to which, when and why."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", _("提出")
        MOVED = "moved", _("阶段变更")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_stage = models.CharField(max_length=12, choices=STAGE_CHOICES, blank=True)
    to_stage = models.CharField(max_length=12, choices=STAGE_CHOICES, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} {self.to_stage}"

