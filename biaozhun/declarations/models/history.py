"""The history of an enterprise's profile and products, and the runs of bulk declaration imports."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core.models import AppendOnly
from biaozhun.core.storage import UnguessableName, private_storage


class EnterpriseEventKind(models.TextChoices):
    PROFILE_SET = "profile_set", _("填写企业信息")
    PRODUCT_ADDED = "product_added", _("新增产品")
    PRODUCT_CHANGED = "product_changed", _("修改产品")
    IMPORTED = "imported", _("批量声明")


class EnterpriseEvent(AppendOnly):
    """``data`` by kind: profile_set {"before": {...}, "after": {...}}; product_added {"product", "name", "model",
    "code"}; product_changed {"product", "before", "after"}; imported {"job", "declared", "rejected"}."""

    enterprise = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=EnterpriseEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]


_rejects_path = UnguessableName("declaration_rejects")


_uploads_path = UnguessableName("declaration_imports")


class DeclarationImport(models.Model):
    """One run of a bulk declaration file (XLSX or JSONL); a rerun of the same file resumes after the batches
    already committed (`committed_rows`). A file sent through the import page or the API and too large to import
    while the person waits is kept (`upload`) and imported by a task (queued, then running)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        REJECTED = "rejected", _("校验未通过")

    enterprise = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("企业"))
    source_name = models.CharField(_("文件名"), max_length=500)
    sha256 = models.CharField(max_length=64, db_index=True)
    file_format = models.CharField(_("格式"), max_length=10)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.RUNNING)
    skip_invalid = models.BooleanField(_("跳过无效行"), default=False)
    total_rows = models.PositiveIntegerField(_("行数"), default=0)
    committed_rows = models.PositiveIntegerField(_("已提交的行"), default=0)
    declared = models.PositiveIntegerField(_("新增声明"), default=0)
    rejected_rows = models.PositiveIntegerField(_("未导入的行"), default=0)
    errors = models.JSONField(_("问题"), default=list, blank=True)
    rejects_file = models.FileField(_("未导入行文件"), upload_to=_rejects_path, storage=private_storage, blank=True)
    upload = models.FileField(_("上传的文件"), upload_to=_uploads_path, storage=private_storage, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)  # the last progress (a stalled task is queued again)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("批量声明")
        verbose_name_plural = _("批量声明")

    def __str__(self) -> str:
        return f"{self.source_name} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("declarations:work_import_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.REJECTED)
