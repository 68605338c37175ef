"""Versioned project documents: drafts at each stage and the parts of the approval package (报批材料)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.storage import UnguessableName, private_storage
from biaozhun.rules.stages import APPROVAL_DRAFT_STAGES, COMMENT_DRAFT_STAGES, REVIEW_DRAFT_STAGES

from .stages import STAGE_CHOICES


class DocumentKind(models.TextChoices):
    DRAFT = "draft", _("标准草案")
    EXPLANATION = "explanation", _("编制说明")
    DISPOSITION_TABLE = "disposition_table", _("意见汇总处理表")
    REVIEW_MINUTES = "review_minutes", _("审查会议纪要")
    INTERNATIONAL_TEXT = "international_text", _("国际标准原文")
    OTHER = "other", _("其他材料")


def draft_name(stage: str) -> str:
    """A draft is named for what it is prepared for, which follows from the stage it was uploaded in (the groups of
    rules/stages.py say which): 征求意见稿, 送审稿 or 报批稿; a draft uploaded with the proposal is a 标准草案."""
    if stage in COMMENT_DRAFT_STAGES:
        return str(_("征求意见稿"))
    if stage in REVIEW_DRAFT_STAGES:
        return str(_("送审稿"))
    if stage in APPROVAL_DRAFT_STAGES:
        return str(_("报批稿"))
    return str(DocumentKind.DRAFT.label)


# Private, under a random name (files stored before were at projects/<id>/<kind>-v<N>.<ext>: manage.py protect_files).
_document_path = UnguessableName("documents")


class DraftDocument(models.Model):
    """One uploaded version; never changed. A new version of the same kind is a new row."""

    project = models.ForeignKey("development.Project", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("类型"), max_length=20, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField(_("版本"))
    stage = models.CharField(_("上传时阶段"), max_length=12, choices=STAGE_CHOICES)
    file = models.FileField(_("文件"), upload_to=_document_path, storage=private_storage)
    filename = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["project", "kind", "-version"]
        verbose_name = _("项目文件")
        verbose_name_plural = _("项目文件")
        constraints = [models.UniqueConstraint(fields=["project", "kind", "version"],
                                               name="development_document_version_unique")]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} v{self.version}"

    @property
    def label(self) -> str:
        if self.kind == DocumentKind.DRAFT:
            return draft_name(self.stage)
        return str(DocumentKind(self.kind).label)

    @staticmethod
    def digest(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()
