"""Social organisations' registry entries, their group standards' extra facts, their announcements (立项公告,
征求意见) and the comments on them, and the append-only history of all of it.

A group standard itself is a catalogue edition (catalog.Standard, tier "group", org_code = the group code): search,
status, 查新 and watch lists see it as any other edition. `GroupStandard` holds only what the catalogue does not:
主要技术内容, 是否涉及专利 and whether the publisher made the text public. Writes go through groups/services.
"""

from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biaozhun.core.models import AppendOnly
from biaozhun.core.storage import UnguessableName, private_storage

MESSAGE_CODE_TAKEN = _("这个团体代号已被其他社会团体使用。")


class GroupProfile(models.Model):
    """A social organisation's registry entry (团体信息): who registered it and where, what it works on, and the
    group code (团体代号) its standards carry: T/<code> <number>-<year>."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="group_profile", verbose_name=_("社会团体"),
        limit_choices_to={"kind": "social_organisation"},
    )
    code = models.CharField(_("团体代号"), max_length=10, unique=True,
                            help_text=_("团体标准编号中的代号，如 T/CAS 115—2005 中的 CAS：2 至 10 位大写字母或数字，以字母开头。"))
    registration_authority = models.CharField(_("登记管理机关"), max_length=200,
                                              help_text=_("如：中华人民共和国民政部、江苏省民政厅。"))
    supervising_unit = models.CharField(_("业务主管单位"), max_length=200, blank=True,
                                        help_text=_("如：国家市场监督管理总局；没有的可不填。"))
    region = models.ForeignKey("reference.RegionCode", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("所在地区"))
    # The province of `region` (itself when a province), kept for the statistics by province.
    province = models.ForeignKey("reference.RegionCode", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("所在省份"), editable=False)
    industry = models.ForeignKey("reference.IndustryClass", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("国民经济行业分类"))
    # The section (门类, A–T) of `industry`, kept for the statistics by section.
    industry_section = models.ForeignKey("reference.IndustryClass", on_delete=models.PROTECT, related_name="+",
                                         verbose_name=_("行业门类"), editable=False)
    introduction = models.TextField(_("简介"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    registered_at = models.DateTimeField(_("登记时间"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic concurrency

    class Meta:
        verbose_name = _("社会团体信息")
        verbose_name_plural = _("社会团体信息")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(Upper("code"), name="groups_profile_code_upper_unique",
                                    violation_error_message=MESSAGE_CODE_TAKEN),
        ]
        indexes = [
            models.Index(fields=["province", "code"], name="groups_profile_province_idx"),
            models.Index(fields=["industry_section", "code"], name="groups_profile_section_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.organisation.name}"

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", args=[self.code])

    @property
    def prefix(self) -> str:
        return f"T/{self.code}"


class GroupStandard(models.Model):
    """What a group standard adds to its catalogue edition."""

    standard = models.OneToOneField("catalog.Standard", on_delete=models.PROTECT, related_name="group_facts",
                                    verbose_name=_("标准"))
    profile = models.ForeignKey(GroupProfile, on_delete=models.PROTECT, related_name="standards",
                                verbose_name=_("社会团体"))
    main_content = models.TextField(_("主要技术内容"))
    involves_patents = models.BooleanField(_("是否涉及专利"), default=False)
    patent_note = models.TextField(_("专利说明"), blank=True,
                                   help_text=_("涉及专利时写明专利名称、专利号和专利权人的许可声明。"))
    text_public = models.BooleanField(_("全文公开"), default=False)
    created_at = models.DateTimeField(_("发布登记时间"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("团体标准")
        verbose_name_plural = _("团体标准")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["profile", "-created_at"], name="groups_standard_profile_idx")]

    def __str__(self) -> str:
        return str(self.standard)


class AnnouncementKind(models.TextChoices):
    PROJECT_APPROVAL = "project_approval", _("立项公告")
    DRAFT_FOR_COMMENT = "draft_for_comment", _("征求意见")


_draft_path = UnguessableName("group_drafts")


class Announcement(models.Model):
    """A 立项公告 or a 征求意见 (with its comment period, first and last day included, and an optional draft)."""

    profile = models.ForeignKey(GroupProfile, on_delete=models.PROTECT, related_name="announcements",
                                verbose_name=_("社会团体"))
    kind = models.CharField(_("类型"), max_length=20, choices=AnnouncementKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    standard_title = models.CharField(_("标准名称"), max_length=200)
    body = models.TextField(_("正文"))
    comment_start = models.DateField(_("征求意见开始日期"), null=True, blank=True)
    comment_end = models.DateField(_("征求意见截止日期"), null=True, blank=True)
    draft = models.FileField(_("征求意见稿"), upload_to=_draft_path, storage=private_storage, blank=True)
    draft_size = models.PositiveBigIntegerField(default=0, editable=False)
    draft_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    posted_at = models.DateTimeField(_("发布时间"), default=timezone.now, editable=False)
    posted_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("发布人"), editable=False)

    class Meta:
        verbose_name = _("团体标准公告")
        verbose_name_plural = _("团体标准公告")
        ordering = ["-posted_at", "-id"]
        indexes = [
            models.Index(fields=["profile", "-posted_at"], name="groups_announce_profile_idx"),
            models.Index(fields=["-posted_at"], name="groups_announce_posted_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comment_start__isnull=True) | models.Q(comment_end__gte=models.F("comment_start")),
                name="groups_announce_period_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("groups:announcement", args=[self.pk])

    @property
    def takes_comments(self) -> bool:
        return self.kind == AnnouncementKind.DRAFT_FOR_COMMENT


class AnnouncementComment(models.Model):
    """A signed-in person's comment on a 征求意见, made during its period. Never changed once made.

    Comments are public under a pseudonym: ``commenter_number`` counts the announcement's commenters in the order of
    their first comment (评论者 1, 2…), the same for every comment of one person on one announcement and stable,
    since comments are never removed. The name and organisation are for the announcing organisation and the
    administrators (``groups.identify_commenters``)."""

    announcement = models.ForeignKey(Announcement, on_delete=models.PROTECT, related_name="comments",
                                     verbose_name=_("公告"))
    number = models.PositiveIntegerField(_("序号"))
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("提出人"))
    author_name = models.CharField(_("提出人姓名"), max_length=100)
    commenter_number = models.PositiveIntegerField(_("评论者编号"), default=0)
    organisation_name = models.CharField(_("所在单位"), max_length=200, blank=True)
    clause = models.CharField(_("章条号"), max_length=50, blank=True)
    text = models.TextField(_("意见内容"))
    reason = models.TextField(_("理由或修改建议"), blank=True)
    submitted_at = models.DateTimeField(_("提出时间"), default=timezone.now)

    class Meta:
        verbose_name = _("征求意见反馈")
        verbose_name_plural = _("征求意见反馈")
        ordering = ["announcement", "number"]
        constraints = [models.UniqueConstraint(fields=["announcement", "number"], name="groups_comment_number")]

    def __str__(self) -> str:
        return f"{self.announcement_id}#{self.number}"

    @property
    def pseudonym(self) -> str:
        return _("评论者 %(n)d") % {"n": self.commenter_number}


class GroupEventKind(models.TextChoices):
    # Values are stored and read by history and statistics: never rename one.
    REGISTERED = "registered", _("登记社会团体信息")
    UPDATED = "updated", _("修改社会团体信息")
    STANDARD_PUBLISHED = "standard_published", _("发布团体标准")
    ANNOUNCEMENT_POSTED = "announcement_posted", _("发布公告")
    COMMENT_SUBMITTED = "comment_submitted", _("提出意见")


class GroupEvent(AppendOnly):
    """One change to a social organisation's entry, standards or announcements; written only by groups/events.py.

    ``data`` keys by kind: registered {"code", "after"}; updated {"before", "after"} (changed fields);
    standard_published {"identifier", "text_public", "involves_patents"}; announcement_posted {"kind", "title",
    "comment_start", "comment_end", "draft"}; comment_submitted {"number"}.
    """

    kind = models.CharField(_("类型"), max_length=30, choices=GroupEventKind.choices)
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("操作人"))
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    profile = models.ForeignKey(GroupProfile, on_delete=models.PROTECT, related_name="events",
                                verbose_name=_("社会团体"))
    standard = models.ForeignKey("catalog.Standard", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("标准"))
    announcement = models.ForeignKey(Announcement, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="events", verbose_name=_("公告"))
    data = models.JSONField(_("数据"), default=dict, blank=True)

    class Meta:
        verbose_name = _("社会团体事件")
        verbose_name_plural = _("社会团体事件")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["profile", "at"], name="groups_event_profile_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
