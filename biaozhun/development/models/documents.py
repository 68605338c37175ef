"""Versioned project documents: drafts at each stage and the parts of the approval package (报批材料)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .projects import STAGE_CHOICES


class DocumentKind(models.TextChoices):
    DRAFT = "draft", _("标准草案")
    EXPLANATION = "explanation", _("编制说明")
    DISPOSITION_TABLE = "disposition_table", _("意见汇总处理表")
    REVIEW_MINUTES = "review_minutes", _("审查会议纪要")
    INTERNATIONAL_TEXT = "international_text", _("国际标准原文")
    OTHER = "other", _("其他材料")


# A draft is named for what it is prepared for, which is the stage after the one it was uploaded in: the
# draft written in 起草 goes out for comment (征求意见稿), the one revised after comments goes to review
# (送审稿), the one revised after review goes to approval (报批稿).
DRAFT_NAMES = {
    "drafting": _("征求意见稿"),
    "comment": _("送审稿"),
    "disposition": _("送审稿"),
    "review": _("报批稿"),
    "approval": _("报批稿"),
}


def _document_path(instance: "DraftDocument", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"projects/{instance.project_id}/{instance.kind}-v{instance.version}.{extension}"


class DraftDocument(models.Model):
    """One uploaded version; never changed. A new version of the same kind is a new row."""

    project = models.ForeignKey("development.Project", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("类型"), max_length=20, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField(_("版本"))
    stage = models.CharField(_("上传时阶段"), max_length=12, choices=STAGE_CHOICES)
    file = models.FileField(_("文件"), upload_to=_document_path)
    filename = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

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
            return str(DRAFT_NAMES.get(self.stage, DocumentKind.DRAFT.label))
        return str(DocumentKind(self.kind).label)

    @staticmethod
    def digest(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()
