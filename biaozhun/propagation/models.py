"""Change propagation: a change to a catalogue edition (replaced, amended, abolished, withdrawn), the flags it
raised on everything that cites that edition, and the append-only history of both.

A `Change` is made once per catalogue event (its StandardEvent) by the scan of the catalogue's history
(services/detection.py); its propagation (services/propagation.py) raises one `Flag` per cited thing, in batches
whose progress the change keeps, so a crashed run resumes where it stopped. A flag is the owner's to resolve:
open → resolved (updated / not affected, with a reason). Rules that need no database: biaozhun/rules/propagation.py.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.models import AppendOnly
from biaozhun.rules import propagation as rules


class ChangeKind(models.TextChoices):
    REPLACED = rules.ChangeKind.REPLACED.value, _("被代替")
    AMENDED = rules.ChangeKind.AMENDED.value, _("发布修改单")
    ABOLISHED = rules.ChangeKind.ABOLISHED.value, _("废止")
    WITHDRAWN = rules.ChangeKind.WITHDRAWN.value, _("撤销（发布有误）")
    PARTIAL = rules.ChangeKind.PARTIAL.value, _("被部分代替")


class ChangeState(models.TextChoices):
    PENDING = "pending", _("传播中")
    DONE = "done", _("已传播")


class Source(models.TextChoices):
    """What kind of thing cites the changed edition. Values are stored and never renamed."""

    STANDARD = "standard", _("标准")
    FILING = "filing", _("备案中的标准")
    DECLARATION = "declaration", _("企业自我声明")
    PROJECT = "project", _("制修订项目")
    FEEDBACK = "feedback", _("实施信息反馈")


class Citation(models.TextChoices):
    DATED = rules.Citation.DATED.value, _("注日期引用")
    UNDATED = rules.Citation.UNDATED.value, _("不注日期引用")
    EXECUTES = rules.Citation.EXECUTES.value, _("声明执行")
    REVISES = rules.Citation.REVISES.value, _("修订对象")
    ADOPTS = rules.Citation.ADOPTS.value, _("采用")
    REPLACES = rules.Citation.REPLACES.value, _("拟代替")
    ABOUT = rules.Citation.ABOUT.value, _("反馈所涉标准")


class FlagState(models.TextChoices):
    OPEN = "open", _("待处理")
    RESOLVED = "resolved", _("已处理")


class Resolution(models.TextChoices):
    UPDATED = rules.Resolution.UPDATED.value, _("已更新")
    NOT_AFFECTED = rules.Resolution.NOT_AFFECTED.value, _("不受影响")


class ScanCursor(models.Model):
    """How far the scan has read the catalogue's history (StandardEvent ids): one row, locked while scanning."""

    last_event_id = models.PositiveBigIntegerField(default=0)
    scanned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("变更扫描进度")
        verbose_name_plural = _("变更扫描进度")

    def __str__(self) -> str:
        return str(self.last_event_id)


class Change(models.Model):
    """One change to an edition that its citers must hear of. Written only by propagation/services."""

    # The catalogue event that recorded it (status_changed, amendment_added, withdrawn; for a partial replacement
    # the replacing edition's created or relation_added): one change per event and changed edition.
    event = models.ForeignKey("catalog.StandardEvent", on_delete=models.PROTECT, related_name="+", editable=False)
    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="propagated_changes",
                                 verbose_name=_("变更的标准"), editable=False)
    # The edition's number when it changed (a withdrawn edition's row holds a placeholder afterwards).
    identifier = models.CharField(_("标准号"), max_length=120, editable=False)
    # What references name it by (catalog StandardRelation.target_key): its edition, and its undated number.
    edition = models.CharField(_("版本号"), max_length=120, editable=False)
    undated = models.CharField(_("不带年号的标准号"), max_length=100, editable=False)
    kind = models.CharField(_("变更"), max_length=12, choices=ChangeKind.choices, editable=False)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True, editable=False)
    amendment_number = models.PositiveSmallIntegerField(_("修改单编号"), null=True, blank=True, editable=False)
    # A partial replacement's replacing edition (the changed edition stays in force for the rest).
    partly_by = models.ForeignKey("catalog.Standard", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("部分代替它的标准"), editable=False)
    # The edition in force for a dated reference and for an undated one (rules.in_force_after); none for abolition.
    in_force = models.ForeignKey("catalog.Standard", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("现行版本"), editable=False)
    series_in_force = models.ForeignKey("catalog.Standard", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name=_("系列的现行版本"), editable=False)
    # Whether undated references to the series are affected (the edition was the series' newest).
    undated_affected = models.BooleanField(_("影响不注日期引用"), default=False, editable=False)
    state = models.CharField(_("状态"), max_length=10, choices=ChangeState.choices, default=ChangeState.PENDING,
                             editable=False)
    # Where the propagation stands: {"step": <index into services.citing.STEPS>, "after": <last id done>}.
    progress = models.JSONField(default=dict, blank=True, editable=False)
    flag_count = models.PositiveIntegerField(_("标记数"), default=0, editable=False)
    counts = models.JSONField(_("按类型的标记数"), default=dict, blank=True, editable=False)
    detected_at = models.DateTimeField(_("发现时间"), default=clock.now, editable=False)
    finished_at = models.DateTimeField(_("传播完成时间"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-detected_at", "-id"]
        verbose_name = _("标准变更")
        verbose_name_plural = _("标准变更")
        constraints = [models.UniqueConstraint(fields=["event", "standard"], name="propagation_change_event")]
        indexes = [
            models.Index(fields=["state", "id"], name="propagation_change_state"),
            models.Index(fields=["standard", "detected_at"], name="propagation_change_standard"),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("propagation:change", args=[self.pk])


class ChangeEventKind(models.TextChoices):
    """Values are stored and never renamed."""

    DETECTED = "detected", _("发现变更")
    FLAGGED = "flagged", _("标记一批引用")
    FINISHED = "finished", _("传播完成")
    NOTIFIED = "notified", _("通知责任单位")


class ChangeEvent(AppendOnly):
    """History of a change's propagation, written only by propagation/events.py. ``data`` by kind: detected
    {"event", "undated_affected"}; flagged {"step", "source", "after", "rows"} (one per batch: the flags of citing
    things up to id `after`; the flag rows themselves say which); finished {"counts", "flags"}; notified
    {"owner", "people", "flags"}."""

    change = models.ForeignKey(Change, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=ChangeEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=clock.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("变更传播事件")
        verbose_name_plural = _("变更传播事件")
        indexes = [models.Index(fields=["change", "kind"], name="propagation_cevent_change")]

    def __str__(self) -> str:
        return f"{self.change_id} {self.kind} {self.at:%Y-%m-%d}"


class Flag(models.Model):
    """A thing that cites a changed edition, flagged to its owner. One per (change, cited thing): the unique
    constraint makes a rerun of the propagation write nothing twice. Its state moves only through
    services.resolution, each move with its FlagEvent."""

    change = models.ForeignKey(Change, on_delete=models.PROTECT, related_name="flags", editable=False)
    source = models.CharField(_("引用者类型"), max_length=12, choices=Source.choices, editable=False)
    object_id = models.PositiveBigIntegerField(editable=False)
    # What the owner reads and where it links, as they were when flagged (pages then need no join per kind).
    label = models.CharField(_("引用者"), max_length=600, editable=False)
    reference = models.CharField(max_length=120, editable=False)  # number, id or tracking number for its link
    citation = models.CharField(_("引用方式"), max_length=10, choices=Citation.choices, editable=False)
    cited_as = models.CharField(_("引用时写作"), max_length=120, editable=False)
    in_force = models.ForeignKey("catalog.Standard", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("现行版本"), editable=False)
    owner = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="propagation_flags", verbose_name=_("责任单位"), editable=False)
    state = models.CharField(_("状态"), max_length=10, choices=FlagState.choices, default=FlagState.OPEN,
                             editable=False)
    resolution = models.CharField(_("处理结果"), max_length=14, choices=Resolution.choices, blank=True,
                                  editable=False)
    reason = models.TextField(_("处理说明"), blank=True, editable=False)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True, editable=False)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("处理人"), editable=False)
    created_at = models.DateTimeField(_("标记时间"), default=clock.now, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("引用变更标记")
        verbose_name_plural = _("引用变更标记")
        constraints = [
            models.UniqueConstraint(fields=["change", "source", "object_id"], name="propagation_flag_once"),
        ]
        indexes = [
            # An owner's page: its flags by state, newest first, counted and paged on the index alone.
            models.Index(fields=["owner", "state", "id"], name="propagation_flag_owner"),
            models.Index(fields=["change", "owner"], name="propagation_flag_change"),
            models.Index(fields=["source", "object_id"], name="propagation_flag_object"),
        ]

    def __str__(self) -> str:
        return f"{self.change_id} → {self.source} {self.object_id} ({self.state})"

    def target_url(self) -> str:
        """The page of the cited thing (each app's own page, which asks the policy)."""
        if self.source == Source.STANDARD:
            return reverse("portal:standard_detail", args=[self.reference])
        if self.source == Source.FILING:
            return reverse("filing:work_detail", args=[int(self.reference)])
        if self.source == Source.DECLARATION:
            return reverse("declarations:work_detail", args=[int(self.reference)])
        if self.source == Source.PROJECT:
            return reverse("development:detail", args=[int(self.reference)])
        return reverse("feedback:item", args=[self.reference])


class FlagEventKind(models.TextChoices):
    """Values are stored and never renamed."""

    RESOLVED = "resolved", _("处理")


class FlagEvent(AppendOnly):
    """A flag's moves, written only by propagation/events.py: resolved {"resolution"} (why in ``reason``).
    Flags are created in batches, each batch recorded once on its change (ChangeEvent "flagged")."""

    flag = models.ForeignKey(Flag, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=FlagEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=clock.now)
    from_state = models.CharField(max_length=10, choices=FlagState.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=FlagState.choices, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("引用变更标记事件")
        verbose_name_plural = _("引用变更标记事件")
        indexes = [models.Index(fields=["flag", "at"], name="propagation_fevent_flag")]

    def __str__(self) -> str:
        return f"{self.flag_id} {self.kind} {self.at:%Y-%m-%d}"
