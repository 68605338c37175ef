"""Batches of filings (filing/services/batch.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.storage import UnguessableName, private_storage

from .filings import Filing


class FilingBatchState(models.TextChoices):
    """A batch's progress (filing/services/batch.py). Values are stored and never renamed."""

    QUEUED = "queued", _("等待检查")
    CHECKING = "checking", _("正在检查")
    REJECTED = "rejected", _("有误，未备案")
    FILING = "filing", _("正在提交")
    DONE = "done", _("已完成")


class FilingBatchFormat(models.TextChoices):
    XLSX = "xlsx", "XLSX"
    JSONL = "jsonl", "JSONL"


_batch_path = UnguessableName("filing_batches")


class FilingBatch(models.Model):
    """Many filings submitted at once: a data file (XLSX or JSONL, docs/filing-batch.md) and a ZIP of their texts.

    Every row is checked first; the rows are then filed one by one, each in its own transaction together with its
    FilingBatchRow, so a batch interrupted mid-way resumes where it stopped and never files a row twice."""

    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="filing_batches",
                                  verbose_name=_("备案单位"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("提交人"))
    data_name = models.CharField(_("数据文件"), max_length=255)
    data_format = models.CharField(_("格式"), max_length=8, choices=FilingBatchFormat.choices)
    data_file = models.FileField(upload_to=_batch_path, storage=private_storage, blank=True)
    data_sha256 = models.CharField(max_length=64)
    zip_name = models.CharField(_("文本压缩包"), max_length=255)
    # Removed once the batch is finished (the texts then live with their filings); the name and hash stay.
    zip_file = models.FileField(upload_to=_batch_path, storage=private_storage, blank=True)
    zip_sha256 = models.CharField(max_length=64)
    zip_size = models.PositiveBigIntegerField(default=0)
    valid_only = models.BooleanField(_("只提交无误的行"), default=False)

    # Written only by filing/services/batch.py.
    state = models.CharField(_("状态"), max_length=10, choices=FilingBatchState.choices, editable=False)
    rows = models.PositiveIntegerField(_("行数"), default=0, editable=False)
    checked = models.PositiveIntegerField(_("已检查"), default=0, editable=False)
    filed = models.PositiveIntegerField(_("已提交"), default=0, editable=False)
    refused = models.PositiveIntegerField(_("有误的行"), default=0, editable=False)
    # The problems found, in file order: [{"line", "field", "message"}...] (the first MAX_STORED of them).
    errors = models.JSONField(_("问题"), default=list, blank=True, editable=False)
    error_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("批量备案")
        verbose_name_plural = _("批量备案")
        indexes = [models.Index(fields=["authority", "created_at"], name="filing_batch_authority")]

    def __str__(self) -> str:
        return f"{self.data_name} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("filing:batch_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (FilingBatchState.REJECTED, FilingBatchState.DONE)


class FilingBatchRow(models.Model):
    """A row of a batch that passed the checks, and the filing made of it (or why filing it was refused after
    all, e.g. the same edition filed elsewhere in the meantime). One per edition and batch."""

    batch = models.ForeignKey(FilingBatch, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField()  # order in the data file
    line = models.CharField(max_length=40)  # as reported: "3" (a JSONL line or an XLSX row)
    edition = models.CharField(max_length=120)
    identifier = models.CharField(max_length=120)
    text_file = models.CharField(max_length=255)
    data = models.JSONField(default=dict)  # the row as read: catalogue fields and the filing fields
    filing = models.OneToOneField(Filing, null=True, blank=True, on_delete=models.PROTECT, related_name="batch_row")
    problems = models.JSONField(default=list, blank=True)  # [{"field", "message"}] when filing was refused

    class Meta:
        ordering = ["batch", "position"]
        verbose_name = _("批量备案行")
        verbose_name_plural = _("批量备案行")
        constraints = [
            models.UniqueConstraint(fields=["batch", "edition"], name="filing_batch_row_edition"),
            models.UniqueConstraint(fields=["batch", "position"], name="filing_batch_row_position"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id} line {self.line}: {self.identifier}"
