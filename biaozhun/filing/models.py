"""Filing (备案) of industry and local standards: who owns which codes, the filings, their checks and history,
and the tables administrators edit (time limits, wording rules).

A filing is not a catalogue edition: it carries the edition's record (the catalogue interchange format,
docs/catalog-jsonl.md) until a reviewer accepts it, and only then does the edition enter the catalogue
(filing/services/review.py). States and moves are in biaozhun/rules/filing.py; only filing/services change them,
each change with its event (filing/events.py).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.catalog.models import Status
from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.core.storage import UnguessableName, private_storage
from biaozhun.rules.filing import FilingState as State


class FilingState(models.TextChoices):
    AWAITING_PROVINCE = State.AWAITING_PROVINCE.value, _("待省级审核")
    SUBMITTED = State.SUBMITTED.value, _("待审查")
    RETURNED = State.RETURNED.value, _("已退回")
    ACCEPTED = State.ACCEPTED.value, _("已备案")
    WITHDRAWN = State.WITHDRAWN.value, _("已撤回")


# The province of a local filing's region code (32 of 32 and of 3201), as the public list filters and indexes it.
PROVINCE = Substr("region_code", 1, 2)


class FilingTier(models.TextChoices):
    INDUSTRY = "industry", _("行业标准")
    LOCAL = "local", _("地方标准")


class FiledStatus(models.TextChoices):
    """A filed standard's status as the filing platforms (hbba/dbba) name it. It is read from the catalogue
    edition's derived status, whose values it keeps (so a filter is one column and the badge one colour)."""

    CURRENT = Status.CURRENT.value, _("现行")
    UPDATED = Status.REPLACED.value, _("有更新版")
    ABOLISHED = Status.ABOLISHED.value, _("废止")
    UPCOMING = Status.UPCOMING.value, _("即将实施")


class IndustryCodeOwner(models.Model):
    """Which government department files (and reviews) the standards of an industry code: one department per
    code, a department may own several (工业和信息化部: JB, QC, SJ, YD...). Edited by administrators."""

    code = models.CharField(_("行业标准代号"), max_length=10, unique=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="industry_codes_owned",
        verbose_name=_("主管部门"), limit_choices_to={"kind": "government_department"},
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行业代号主管部门")
        verbose_name_plural = _("行业代号主管部门")

    def __str__(self) -> str:
        return f"{self.code} · {self.organisation}"


_fulltext_path = UnguessableName("filing_texts")


class Filing(models.Model):
    """One standard filed by the authority that issued it."""

    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="filings",
                                  verbose_name=_("备案单位"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("提交人"))
    tier = models.CharField(_("层级"), max_length=10, choices=FilingTier.choices)
    # The edition's number in canonical form, and its parsed codes (for lists and the policy).
    identifier = models.CharField(_("标准号"), max_length=120)
    edition = models.CharField(_("版本号"), max_length=120, db_index=True)
    industry_code = models.CharField(_("行业代号"), max_length=10, blank=True, db_index=True)
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True, db_index=True)
    title_zh = models.CharField(_("中文标题"), max_length=500)
    # The edition as it will enter the catalogue (docs/catalog-jsonl.md), cleaned when submitted.
    record = models.JSONField(_("标准信息"), default=dict)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    implemented_on = models.DateField(_("实施日期"), null=True, blank=True)
    approved_by = models.CharField(_("批准发布部门"), max_length=200)
    notice_number = models.CharField(_("批准发布公告号"), max_length=100)
    notice_date = models.DateField(_("公告日期"), null=True, blank=True)
    replaces = models.CharField(_("代替标准号"), max_length=120, blank=True)

    fulltext = models.FileField(_("标准文本"), upload_to=_fulltext_path, storage=private_storage, blank=True)
    fulltext_sha256 = models.CharField(max_length=64, blank=True)
    fulltext_size = models.PositiveBigIntegerField(null=True, blank=True)
    fulltext_pages = models.PositiveIntegerField(null=True, blank=True)
    # The text's words as extracted from the PDF (bounded, filing/services/texts.py), for the wording check.
    body_text = models.TextField(blank=True, editable=False)

    # Written only by filing/services through _move (the state) and the review (number, dates, standard).
    state = models.CharField(_("状态"), max_length=20, choices=FilingState.choices, editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), editable=False)
    filing_deadline = models.DateField(_("备案期限"), null=True, blank=True, editable=False)
    days_late = models.PositiveIntegerField(_("逾期天数"), default=0, editable=False)
    review_due = models.DateField(_("审查期限"), null=True, blank=True, editable=False, db_index=True)
    province_approved_at = models.DateTimeField(_("省级审核通过时间"), null=True, blank=True, editable=False)
    filing_number = models.CharField(_("备案号"), max_length=20, blank=True, editable=False)
    filing_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    filing_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True, editable=False, db_index=True)
    standard = models.OneToOneField("catalog.Standard", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="filing", editable=False, verbose_name=_("标准"))
    # The last run of the checks (filing/checks): [{"code", "outcome", "message", "evidence"}...].
    checks = models.JSONField(_("检查结果"), default=list, blank=True, editable=False)
    checked_at = models.DateTimeField(_("检查时间"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic concurrency of revisions
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("备案")
        verbose_name_plural = _("备案")
        constraints = [
            models.UniqueConstraint(fields=["filing_number"], condition=~models.Q(filing_number=""),
                                    name="filing_number_unique"),
            models.UniqueConstraint(fields=["filing_year", "filing_sequence"], name="filing_sequence_unique"),
            # One open filing per edition: a second one waits until the first is returned, withdrawn or filed.
            models.UniqueConstraint(fields=["edition"], condition=models.Q(state__in=["awaiting_province",
                                    "submitted", "returned", "accepted"]), name="filing_one_live_per_edition"),
        ]
        indexes = [
            models.Index(fields=["authority", "state"], name="filing_authority_state"),
            models.Index(fields=["state", "review_due"], name="filing_state_due"),
            models.Index(fields=["tier", "filed_on"], name="filing_tier_filed"),
            # The public list reads accepted filings only, newest first, by one filter or none
            # (selectors/public.py; bench/bench_filing_list.py measured each): a page's ids and the count come from
            # these alone. Partial, and holding `state` itself: SQLite before 3.45 reads the row to test a partial
            # index's own condition. Only the date walk starts with `state`: given another (state, x) index, SQLite
            # chose it over the wide one for a LIKE over the titles, and read 150k rows.
            *(models.Index(fields=fields, condition=models.Q(state=FilingState.ACCEPTED), name=name)
              for fields, name in (
                # walked newest first; the edition (for its status) and the words (a LIKE) are tested on it
                (["state", "filed_on", "id", "standard", "title_zh", "identifier"], "filing_public_filed"),
                (["published_on"], "filing_public_published"),  # the other orders: a page's 20 rows only
                (["implemented_on"], "filing_public_implemented"),
                (["tier", "state", "filed_on"], "filing_public_tier"),
                (["authority", "state", "filed_on"], "filing_public_authority"),
                (["region_code", "state", "filed_on"], "filing_public_region"),
                (["industry_code", "state", "filed_on"], "filing_public_industry"),
                (["standard", "state", "filed_on"], "filing_public_standard"),
                (["edition", "state"], "filing_public_edition"),
            )),
            models.Index(PROVINCE, "state", "filed_on", condition=models.Q(state=FilingState.ACCEPTED),
                         name="filing_public_province"),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} {self.title_zh}"

    def get_absolute_url(self) -> str:
        return reverse("filing:detail", args=[self.pk])

    @property
    def is_city_level(self) -> bool:
        return self.tier == FilingTier.LOCAL and len(self.region_code) == 4

    @property
    def is_late(self) -> bool:
        return self.days_late > 0


class FilingNumberCounter(models.Model):
    """The last 备案号 sequence given in a year; its row is locked while a number is assigned."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("备案号计数")
        verbose_name_plural = _("备案号计数")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class FilingEventKind(models.TextChoices):
    """Values are stored and never renamed."""

    SUBMITTED = "submitted", _("提交备案")
    PROVINCE_APPROVED = "province_approved", _("省级审核通过")
    PROVINCE_RETURNED = "province_returned", _("省级退回")
    RETURNED = "returned", _("退回修改")
    RESUBMITTED = "resubmitted", _("修改后重新提交")
    ACCEPTED = "accepted", _("予以备案")
    WITHDRAWN = "withdrawn", _("撤回")
    CHECKED = "checked", _("完成检查")
    REMINDED = "reminded", _("审查期限提醒")


class FilingEvent(AppendOnly):
    """Append-only history of a filing, written only by filing/events.py.

    ``data`` keys by kind: submitted {"late_days"}; province_approved {}; province_returned {"reasons"};
    returned {"reasons": [{"check", "message"}]} (why per check); resubmitted {"changed": [fields]};
    accepted {"filing_number", "standard_id"}; withdrawn {}; checked {"flags": n, "warnings": n};
    reminded {"due"}.
    """

    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=FilingEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=clock.now)
    from_state = models.CharField(max_length=20, choices=FilingState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=FilingState.choices, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("备案事件")
        verbose_name_plural = _("备案事件")
        indexes = [models.Index(fields=["filing", "at"], name="filing_event_at")]

    def __str__(self) -> str:
        return f"{self.filing_id} {self.kind} {self.at:%Y-%m-%d}"


class FilingTimeLimit(models.Model):
    """Time limits of filing (seeded from biaozhun/rules/filing.py, edited by administrators)."""

    class Unit(models.TextChoices):
        DAYS = "days", _("日")
        WORKING_DAYS = "working_days", _("工作日")
        YEARS = "years", _("年")

    class Confidence(models.TextChoices):
        VERIFIED = "V", _("已核对法规原文")
        SECONDARY = "S", _("来自二手资料，待核实")
        UNCONFIRMED = "U", _("无规章依据，平台设定")

    code = models.CharField(_("代码"), max_length=40, unique=True)
    value = models.PositiveIntegerField(_("数值"))
    unit = models.CharField(_("单位"), max_length=14, choices=Unit.choices)
    description = models.CharField(_("说明"), max_length=200)
    confidence = models.CharField(_("可靠程度"), max_length=1, choices=Confidence.choices)
    source = models.CharField(_("依据"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("备案时限")
        verbose_name_plural = _("备案时限")

    def __str__(self) -> str:
        return f"{self.code} = {self.value} {self.unit}"


class WordingRuleKind(models.TextChoices):
    BRAND = "brand", _("指定品牌或企业")
    LOCAL_TESTING = "local_testing", _("限定本地检测机构")
    LOCAL_REGISTRATION = "local_registration", _("要求本地注册或备案")
    OTHER = "other", _("其他排除、限制竞争的内容")


class WordingRule(models.Model):
    """A phrase that may restrict competition or set a market barrier, highlighted for the reviewer. The pattern
    is a regular expression over the title, scope and full text's words (filing/checks/wording.py)."""

    kind = models.CharField(_("类别"), max_length=20, choices=WordingRuleKind.choices)
    pattern = models.CharField(_("匹配规则（正则表达式）"), max_length=300)
    explanation = models.CharField(_("提示审查人员"), max_length=300)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("限制竞争用语规则")
        verbose_name_plural = _("限制竞争用语规则")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.pattern}"

    def clean(self) -> None:
        import re

        from django.core.exceptions import ValidationError

        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValidationError({"pattern": _("不是有效的正则表达式（%(error)s）；例如：本(?:省|市)检测机构") % {
                "error": exc}}) from None
        if re.fullmatch(self.pattern, "") is not None:
            raise ValidationError({"pattern": _("这条规则会匹配空文本；请写出要查找的用语")})


# --- What follows filing: periodic review (复审), abolition announcements, supersession flags ----------------------
class ReviewOutcome(models.TextChoices):
    """A periodic review's conclusion on an industry or local standard. Values are stored and never renamed."""

    CONFIRM = "confirm", _("继续有效")
    REVISE = "revise", _("修订")
    ABOLISH = "abolish", _("废止")


class AbolitionNotice(AppendOnly):
    """An authority's announcement (公告) abolishing standards it owns: published once, never changed. The
    standards it lists are its `reviews` (conclusions "abolish"); the catalogue records each abolition from
    `abolished_on` (filing/services/reviews.py)."""

    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="abolition_notices",
                                  verbose_name=_("发布单位"))
    notice_number = models.CharField(_("公告号"), max_length=100)
    notice_date = models.DateField(_("公告日期"))
    abolished_on = models.DateField(_("废止日期"))
    note = models.TextField(_("说明"), blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-notice_date", "-id"]
        verbose_name = _("废止公告")
        verbose_name_plural = _("废止公告")
        constraints = [models.UniqueConstraint(fields=["authority", "notice_number"], name="filing_notice_unique")]
        indexes = [models.Index(fields=["notice_date", "id"], name="filing_notice_date")]

    def __str__(self) -> str:
        return f"{self.authority} {self.notice_number}"

    def get_absolute_url(self) -> str:
        return reverse("filing:announcement", args=[self.pk])


class StandardReview(AppendOnly):
    """One periodic review conclusion on an industry or local standard by the authority owning its code.

    `due_on` is the review date the conclusion answers (the last publication or confirmation plus the review
    period, FilingTimeLimit "review_years"). A revision stays open until a filing that replaces the standard is
    accepted (filing/selectors/reviews.py reads that); an abolition names its announcement."""

    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="filing_reviews",
                                 verbose_name=_("标准"))
    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="standard_reviews",
                                  verbose_name=_("复审单位"))
    outcome = models.CharField(_("复审结论"), max_length=10, choices=ReviewOutcome.choices)
    reason = models.TextField(_("理由"), blank=True)
    concluded_on = models.DateField(_("复审日期"))
    due_on = models.DateField(_("复审期限"))
    notice = models.ForeignKey(AbolitionNotice, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="reviews", verbose_name=_("废止公告"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("复审结论")
        verbose_name_plural = _("复审结论")
        indexes = [
            models.Index(fields=["standard", "at"], name="filing_review_standard"),
            models.Index(fields=["authority", "at"], name="filing_review_authority"),
        ]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.outcome} {self.concluded_on}"


class FlagState(models.TextChoices):
    OPEN = "open", _("待处理")
    CONFIRMED = "confirmed", _("已确认，将修订或废止")
    DISMISSED = "dismissed", _("已排除")


class SupersessionFlag(models.Model):
    """A national standard published on the subject of a filed (industry or local, in force) standard, flagged to
    the standard's authority: found by the daily scan (filing/services/flags.py) with the coordination check's
    similarity, once per pair. Its state changes only through the services, each change with its event."""

    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="supersession_flags",
                                 verbose_name=_("标准"))
    national = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("国家标准"))
    authority = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="supersession_flags",
                                  verbose_name=_("主管单位"))
    score = models.FloatField(_("相似度"))
    shared = models.JSONField(_("相同词语"), default=list, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=FlagState.choices, default=FlagState.OPEN,
                             editable=False)
    reason = models.TextField(_("处理说明"), blank=True, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("国家标准覆盖提示")
        verbose_name_plural = _("国家标准覆盖提示")
        constraints = [models.UniqueConstraint(fields=["standard", "national"], name="filing_flag_pair_unique")]
        indexes = [models.Index(fields=["authority", "state", "created_at"], name="filing_flag_authority_state")]

    def __str__(self) -> str:
        return f"{self.standard_id} ← {self.national_id} ({self.state})"


class FlagEventKind(models.TextChoices):
    """Values are stored and never renamed."""

    CREATED = "created", _("发现")
    CONFIRMED = "confirmed", _("确认")
    DISMISSED = "dismissed", _("排除")


class SupersessionFlagEvent(AppendOnly):
    """History of a flag: created {"score"}, confirmed {}, dismissed {} (why in ``reason``)."""

    flag = models.ForeignKey(SupersessionFlag, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=10, choices=FlagEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=clock.now)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("覆盖提示事件")
        verbose_name_plural = _("覆盖提示事件")

    def __str__(self) -> str:
        return f"{self.flag_id} {self.kind} {self.at:%Y-%m-%d}"


class SupersessionScan(models.Model):
    """The daily scan's watermark: the last catalogue event (StandardEvent id) it has read. One row; seeded at
    migration with the newest event then, so the national editions already in the catalogue are not rescanned."""

    last_event_id = models.BigIntegerField(default=0)
    ran_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("国家标准覆盖扫描进度")
        verbose_name_plural = _("国家标准覆盖扫描进度")

    def __str__(self) -> str:
        return f"{self.last_event_id}"


# --- Batches of filings (filing/services/batch.py) ------------------------------------------------------------------
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
