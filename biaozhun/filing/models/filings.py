"""Filings, their states, history and numbers, and which department owns which industry code."""

from django.conf import settings
from django.db import models
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


class Province(models.Func):
    """The province of a local filing's region code (32 of 32 and of 3201), as the public list filters and indexes
    it. SUBSTR's bounds are written into the SQL, not bound as parameters: SQLite uses an index of an expression
    only for that very expression, and SUBSTR(region_code, ?, ?) is another one (the index was never used)."""

    template = "SUBSTR(%(expressions)s, 1, 2)"
    output_field = models.CharField()


PROVINCE = Province("region_code")


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
    # A copy of the filed edition's derived status (catalog Standard.status; blank until accepted), so the public
    # list filters and counts by status without joining the catalogue. Set when accepted, then kept true by
    # filing/receivers.py from the catalogue's statuses_changed signal (in the transaction of the change).
    standard_status = models.CharField(_("标准状态"), max_length=10, choices=Status.choices, blank=True,
                                       editable=False)
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
                # walked newest first, holding every column a filter tests (status, words in a LIKE, the codes):
                # any combination without a narrower index is counted and paged on it without reading a row. The
                # tier (half the filings each) has no index of its own: one not holding the titles was taken for
                # words in a tier, and read 70k rows.
                (["state", "filed_on", "id", "standard_status", "tier", "authority", "industry_code", "region_code",
                  "title_zh", "identifier"], "filing_public_walk"),
                (["published_on"], "filing_public_published"),  # the other orders: a page's 20 rows only
                (["implemented_on"], "filing_public_implemented"),
                # one filter, with the status (the commonest second filter) so that it too is counted on the index
                (["authority", "state", "filed_on", "standard_status"], "filing_public_authority"),
                (["region_code", "state", "filed_on", "standard_status"], "filing_public_region"),
                (["industry_code", "state", "filed_on", "standard_status"], "filing_public_industry"),
                (["edition", "state"], "filing_public_edition"),
            )),
            models.Index(PROVINCE, "state", "filed_on", "standard_status",
                         condition=models.Q(state=FilingState.ACCEPTED), name="filing_public_province"),
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

    ``data`` keys by kind: submitted {"late_days", "batch" (the FilingBatch id of a batch's row)}; province_approved {}; province_returned {"reasons"};
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
