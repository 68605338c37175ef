"""The catalogue: one row per published edition, its relations, amendment sheets, full texts and history.

A development project (`development` app) is a different model; it produces editions here. Status is derived
(biaozhun/rules/status.py) and stored for search; only catalog/services change it, each change with an event.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core.models import AppendOnly
from biaozhun.core.storage import UnguessableName, private_storage


class Tier(models.TextChoices):
    NATIONAL = "national", _("国家标准")
    INDUSTRY = "industry", _("行业标准")
    LOCAL = "local", _("地方标准")
    GROUP = "group", _("团体标准")
    ENTERPRISE = "enterprise", _("企业标准")
    INTERNATIONAL = "international", _("国际标准")


class Nature(models.TextChoices):
    MANDATORY = "mandatory", _("强制性")
    RECOMMENDED = "recommended", _("推荐性")
    GUIDANCE = "guidance", _("指导性技术文件")


class Status(models.TextChoices):
    UPCOMING = "upcoming", _("即将实施")
    CURRENT = "current", _("现行")
    REPLACED = "replaced", _("被代替")
    ABOLISHED = "abolished", _("废止")


class TextAccess(models.TextChoices):
    """What readers may do with a standard's text (biaozhun/rules/text_access.py decides; values as its Access)."""

    DOWNLOAD = "download", _("可下载")
    PREVIEW = "preview", _("可在线预览")
    NOT_PUBLIC = "not_public", _("不公开")


class CatalogueManager(models.Manager):
    """The catalogue as everyone sees it: editions withdrawn as published in error are left out."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Standard(models.Model):
    """One edition of a standard: GB/T 19001-2016 and GB/T 19001-2008 are two rows.

    An edition published in error is withdrawn (catalog.services.withdraw_standard), not deleted: its row keeps
    its history under a placeholder number (`withdrawn_identifier` holds the real one, which becomes free for
    the correct publication) and `objects` no longer returns it; `all_objects` does, for history and the admin.
    """

    # Number and its parsed components (biaozhun.identifiers); never edited apart from `identifier`.
    identifier = models.CharField(_("标准号"), max_length=120, unique=True)
    # The edition without the adopted number of a double number: GB/T 19001-2016 for
    # GB/T 19001-2016/ISO 9001:2015. Imports match on it, and relations citing either form find the edition.
    edition = models.CharField(_("版本号"), max_length=120, unique=True)
    undated = models.CharField(_("不带年号的标准号"), max_length=100, db_index=True)
    series = models.CharField(_("系列"), max_length=100)
    sort_key = models.CharField(max_length=160, editable=False, db_index=True)
    tier = models.CharField(_("层级"), max_length=14, choices=Tier.choices)  # indexed with status below
    nature = models.CharField(_("性质"), max_length=12, choices=Nature.choices, blank=True)
    prefix = models.CharField(_("代号"), max_length=40)
    industry_code = models.CharField(_("行业代号"), max_length=10, blank=True)
    region_code = models.CharField(_("行政区划代码"), max_length=6, blank=True)
    org_code = models.CharField(_("社会团体或企业代号"), max_length=60, blank=True)
    number = models.CharField(_("顺序号"), max_length=40)
    part = models.CharField(_("部分"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("年代号"), null=True, blank=True)

    title_zh = models.CharField(_("中文标题"), max_length=500, blank=True)
    title_en = models.CharField(_("英文标题"), max_length=500, blank=True)
    scope = models.TextField(_("适用范围"), blank=True)
    ccs = models.ForeignKey(
        "reference.CcsCode", verbose_name=_("中国标准文献分类号"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    ics = models.ForeignKey(
        "reference.IcsCode", verbose_name=_("国际标准分类号"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    ics_codes = models.JSONField(_("全部国际标准分类号"), default=list, blank=True)
    issued_by = models.JSONField(_("发布单位"), default=list, blank=True)
    competent_department = models.CharField(_("主管部门"), max_length=200, blank=True)
    responsible_unit = models.CharField(_("归口单位"), max_length=200, blank=True)
    tc_code = models.CharField(_("技术委员会代号"), max_length=40, blank=True, db_index=True)
    language_versions = models.JSONField(_("外文版"), default=list, blank=True)
    drafting_units = models.JSONField(_("起草单位"), default=list, blank=True)
    drafters = models.JSONField(_("起草人"), default=list, blank=True)
    # 计划号 of the project that produced this edition (20190001-T-469 for national standards); the portal links it
    # to that project's page, and publication from a project writes it.
    plan_number = models.CharField(_("计划号"), max_length=40, blank=True, db_index=True, db_default="")
    industry_classes = models.JSONField(_("国民经济行业分类"), default=list, blank=True)
    remarks = models.TextField(_("备注"), blank=True, db_default="")
    # An administrator's decision on the text's access where its publisher says otherwise than the rules
    # (biaozhun/rules/text_access.py); blank follows the rules. Written only by catalog.services.set_text_access.
    text_access = models.CharField(_("全文公开方式（人工设定）"), max_length=12, choices=TextAccess.choices, blank=True,
                                   editable=False, db_default="")
    text_access_note = models.CharField(_("人工设定的依据"), max_length=300, blank=True, editable=False,
                                        db_default="")

    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    implemented_on = models.DateField(_("实施日期"), null=True, blank=True)
    abolished_on = models.DateField(_("废止日期"), null=True, blank=True)
    confirmed_on = models.DateField(_("复审确认日期"), null=True, blank=True)

    # Derived by biaozhun.rules.status; written only by catalog.services.status.
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, db_index=True)
    status_reason = models.CharField(_("状态依据"), max_length=40, blank=True)
    status_since = models.DateField(_("状态起始日期"), null=True, blank=True)
    status_by = models.CharField(_("代替标准"), max_length=120, blank=True)
    next_status_change = models.DateField(null=True, blank=True, db_index=True, editable=False)

    # Set only by withdraw_standard, for an edition published in error.
    withdrawn_at = models.DateTimeField(_("撤销时间"), null=True, blank=True, editable=False)
    # Database defaults: the import's bulk INSERT does not name these columns.
    withdrawn_identifier = models.CharField(_("撤销前的标准号"), max_length=120, blank=True, editable=False,
                                            db_default="")
    withdrawal_reason = models.TextField(_("撤销原因"), blank=True, editable=False, db_default="")

    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic concurrency
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    all_objects = models.Manager()
    objects = CatalogueManager()

    class Meta:
        default_manager_name = "objects"
        base_manager_name = "all_objects"  # history and relations still reach a withdrawn edition
        ordering = ["sort_key"]
        verbose_name = _("标准")
        verbose_name_plural = _("标准")
        indexes = [
            models.Index(fields=["tier", "status"], name="catalog_std_tier_status"),
            # The home page's and the feeds' "coming into force" and "abolished" lists, in date order. Partial: only
            # those editions (~1.5 % of the national catalogue) are indexed, so imports barely pay for them. Without
            # them PostgreSQL sorted all 48,754 upcoming editions for ten rows (170 ms of every home page).
            models.Index(fields=["implemented_on", "id"], condition=models.Q(status="upcoming"),
                         name="catalog_std_upcoming"),
            models.Index(fields=["abolished_on", "id"], condition=models.Q(status="abolished"),
                         name="catalog_std_abolished"),
            # An authority's own editions (filing's periodic-review list): local ones by region code, industry ones
            # by code. Partial, over the 150k industry and local editions only. A province's list (4,109 editions
            # of 70k local ones) went from 60 ms to 20 ms a query; a ministry of one code (3,553) to 13 ms.
            models.Index(fields=["region_code", "status"], condition=models.Q(tier="local"),
                         name="catalog_std_local_region"),
            models.Index(fields=["industry_code", "status"], condition=models.Q(tier="industry"),
                         name="catalog_std_industry_code"),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("portal:standard_detail", args=[self.identifier])

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en


class RelationKind(models.TextChoices):
    REPLACES = "replaces", _("代替")
    ADOPTS = "adopts", _("采用")
    REFERENCES = "references", _("规范性引用")
    # An industry or local edition converted into (or merged into) an edition of another tier (rules/conversions.py):
    # source 转化为 target; the target's page reads it the other way, 由…转化而来.
    CONVERTED_TO = "converted_to", _("转化为")


class Degree(models.TextChoices):
    IDT = "IDT", _("等同采用")
    MOD = "MOD", _("修改采用")
    NEQ = "NEQ", _("非等效采用")


class StandardRelation(models.Model):
    """source —kind→ target. A target not in the catalogue yet is kept by number and linked when it arrives.

    A dated target links to that edition; an undated one (GB/T 19001) links to the newest edition of the series.
    """

    source = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="relations_out")
    kind = models.CharField(_("关系"), max_length=12, choices=RelationKind.choices)
    target = models.ForeignKey(
        Standard, null=True, blank=True, on_delete=models.SET_NULL, related_name="relations_in",
    )
    target_identifier = models.CharField(_("目标标准号"), max_length=120)
    # What the target is matched on: its edition (dated) or its undated number.
    target_key = models.CharField(max_length=120, db_index=True, editable=False)
    partial = models.BooleanField(_("部分代替"), default=False)
    degree = models.CharField(_("一致性程度"), max_length=3, choices=Degree.choices, blank=True)

    class Meta:
        verbose_name = _("标准关系")
        verbose_name_plural = _("标准关系")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target_identifier"], name="catalog_relation_unique"),
        ]
        indexes = [
            # The adoption rate reads every resolved adoption (~40k of millions of relations at national scale):
            # partial and covering, so it never scans the relation table (international/adoption/rows.py).
            models.Index(fields=["target", "degree", "source"], condition=models.Q(kind="adopts"),
                         name="catalog_rel_adopts"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_identifier}"

    @property
    def is_resolved(self) -> bool:
        return self.target_id is not None


_amendment_path = UnguessableName("amendments")


class Amendment(models.Model):
    """An amendment sheet (修改单), its own record: GB 2762-2017/XG1-2021 is amendment 1 of GB 2762-2017."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField(_("修改单编号"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    implemented_on = models.DateField(_("实施日期"), null=True, blank=True)
    summary = models.TextField(_("修改内容"), blank=True)
    # The sheet's own text (PDF), private like full texts; it is read and downloaded with the standard's text.
    file = models.FileField(_("修改单文本"), upload_to=_amendment_path, storage=private_storage, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("大小"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("页数"), null=True, blank=True)

    class Meta:
        ordering = ["standard", "number"]
        verbose_name = _("修改单")
        verbose_name_plural = _("修改单")
        constraints = [models.UniqueConstraint(fields=["standard", "number"], name="catalog_amendment_unique")]

    def __str__(self) -> str:
        return self.identifier

    @property
    def identifier(self) -> str:
        year = f"-{self.published_on.year}" if self.published_on else ""
        return f"{self.standard.identifier}/XG{self.number}{year}"


# Private, under a random name (files stored before were at fulltext/<nnn>/<id>-<language>.pdf: manage.py
# protect_files): a full text is public only while its edition is in the catalogue, so a view hands it out.
_fulltext_path = UnguessableName("fulltext")


class FullText(models.Model):
    """A PDF of the standard's text in one language (Chinese, or a foreign-language version)."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="full_texts")
    language = models.CharField(_("语言"), max_length=10, default="zh")
    file = models.FileField(_("文件"), upload_to=_fulltext_path, storage=private_storage)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("大小"))
    page_count = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        ordering = ["standard", "language"]
        verbose_name = _("全文")
        verbose_name_plural = _("全文")
        constraints = [models.UniqueConstraint(fields=["standard", "language"], name="catalog_fulltext_unique")]

    def __str__(self) -> str:
        return f"{self.standard_id} [{self.language}]"


class EventKind(models.TextChoices):
    """Values are stored and never renamed."""

    CREATED = "created", _("收录")
    UPDATED = "updated", _("修改")
    STATUS_CHANGED = "status_changed", _("状态变更")
    RELATION_ADDED = "relation_added", _("新增关系")
    RELATION_REMOVED = "relation_removed", _("删除关系")
    RELATION_RESOLVED = "relation_resolved", _("关联到已收录标准")
    AMENDMENT_ADDED = "amendment_added", _("发布修改单")
    FULLTEXT_ATTACHED = "fulltext_attached", _("上传全文")
    ABOLISHED = "abolished", _("废止")
    WITHDRAWN = "withdrawn", _("撤销（发布有误）")
    AMENDMENT_WITHDRAWN = "amendment_withdrawn", _("撤销修改单（发布有误）")
    RELATION_UNRESOLVED = "relation_unresolved", _("关联的标准已撤销")
    AMENDMENT_TEXT = "amendment_text", _("上传修改单文本")
    TEXT_ACCESS_SET = "text_access_set", _("设定全文公开方式")
    CONVERTED = "converted", _("转化")


class UpdateSource(models.TextChoices):
    """Sources of an `updated` event that the public history names on their own (the others read "修改"). Values
    are stored and never renamed."""

    PROGRAMME_TAGS = "programme_tags", _("设定专项标签")


class StandardEvent(AppendOnly):
    """Append-only history of a standard: who, when, what, from, to, why; written only by the constructors in
    catalog/services/events.py. It protects its standard: an edition with a history is abolished, not deleted.

    ``data`` keys by kind: created {"source"}; updated {"source", "before"}; status_changed {} (the statuses and
    why are columns); relation_added, relation_removed {"kind", "target"}; relation_resolved {"kind", "target",
    "target_id"}; amendment_added {"number"}; fulltext_attached {"language", "sha256", "size"}; abolished {"on"}
    (why in ``reason``); amendment_text {"number", "sha256", "size"}; text_access_set {"from", "to"} (the
    administrator's levels, "" for the rules; why in ``reason``); converted {"sources": [numbers], "target": number}
    (on each converted edition and on the one they became; the note in ``reason``).
    """

    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("标准事件")
        verbose_name_plural = _("标准事件")
        indexes = [models.Index(fields=["standard", "at"], name="catalog_event_std_at")]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.kind} {self.at:%Y-%m-%d}"

    @property
    def label(self) -> str:
        """What the public history says happened."""
        source = (self.data or {}).get("source") if self.kind == EventKind.UPDATED else None
        if source in UpdateSource.values:
            return UpdateSource(source).label
        return self.get_kind_display()



_rejects_path = UnguessableName("import_rejects")


class ImportJob(models.Model):
    """One run of catalog_import over one file; reruns of the same file resume after `committed_lines`."""

    class State(models.TextChoices):
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        REJECTED = "rejected", _("校验未通过")

    source_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64, db_index=True)
    file_format = models.CharField(max_length=10)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    total_records = models.PositiveIntegerField(default=0)
    committed_records = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    # skip_invalid: refused records are left out (and written to `rejects_file`) instead of refusing the file.
    skip_invalid = models.BooleanField(_("跳过无效记录"), default=False)
    rejected_records = models.PositiveIntegerField(_("未导入的记录"), default=0)
    folded_records = models.PositiveIntegerField(_("并入同一版本的记录"), default=0)
    rejects_file = models.FileField(_("未导入记录文件"), upload_to=_rejects_path,
                                    storage=private_storage, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self) -> str:
        return f"{self.source_name} ({self.state})"
