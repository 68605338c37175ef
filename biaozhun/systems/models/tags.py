"""Programme tags (专项标签: 标准化+, 新产业标准化领航, 扶贫, 军民通用 …): a table administrators edit, and the tags
of standards (each edition) and of projects. Only services/tags.py writes these rows, with a TagEvent; tagging a
standard also appends a catalogue event, so the search index (which filters by tag) picks the change up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly


class ProgrammeTag(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name_zh = models.CharField(_("名称"), max_length=60, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=120, blank=True)
    description = models.TextField(_("说明"), blank=True)
    position = models.PositiveIntegerField(_("顺序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("专项标签")
        verbose_name_plural = _("专项标签")

    def __str__(self) -> str:
        return self.name_zh


class StandardTag(models.Model):
    tag = models.ForeignKey(ProgrammeTag, on_delete=models.PROTECT, related_name="standard_links")
    standard = models.ForeignKey("catalog.Standard", on_delete=models.CASCADE, related_name="programme_tag_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tag", "standard"], name="systems_standard_tag")]
        indexes = [models.Index(fields=["standard", "tag"], name="systems_tag_standard")]

    def __str__(self) -> str:
        return f"{self.tag_id} {self.standard_id}"


class ProjectTag(models.Model):
    tag = models.ForeignKey(ProgrammeTag, on_delete=models.PROTECT, related_name="project_links")
    project = models.ForeignKey("development.Project", on_delete=models.CASCADE, related_name="programme_tag_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tag", "project"], name="systems_project_tag")]
        indexes = [models.Index(fields=["project", "tag"], name="systems_tag_project")]

    def __str__(self) -> str:
        return f"{self.tag_id} {self.project_id}"


class TagEventKind(models.TextChoices):
    """Values are stored and never renamed. Data: tag_created/tag_updated {"code", "before"}; standard_tagged
    {"standard", "before", "after"}; project_tagged {"project", "before", "after"} (tag codes); tags_carried
    {"standard", "before", "after", "from": [numbers of the editions replaced, "project <plan number>"]}."""

    TAG_CREATED = "tag_created", _("新增标签")
    TAG_UPDATED = "tag_updated", _("修改标签")
    STANDARD_TAGGED = "standard_tagged", _("设定标准的标签")
    PROJECT_TAGGED = "project_tagged", _("设定项目的标签")
    TAGS_CARRIED = "tags_carried", _("新版本沿用标签")


class TagEvent(AppendOnly):
    tag = models.ForeignKey(ProgrammeTag, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("类型"), max_length=16, choices=TagEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("专项标签事件")
        verbose_name_plural = _("专项标签事件")

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"


class CarryCursor(models.Model):
    """How far the carrying of tags to new editions has read the catalogue's history (StandardEvent ids): one
    row, locked while a run reads (services/carry.py)."""

    last_event_id = models.PositiveBigIntegerField(default=0)
    run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("标签沿用进度")
        verbose_name_plural = _("标签沿用进度")

    def __str__(self) -> str:
        return str(self.last_event_id)
