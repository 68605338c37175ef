"""Implementation feedback on a published standard (实施信息反馈): the item, its append-only history and its
attachments.

The person who wrote is private (Standardization Law art. 35): a signed-in person is the `author`; a visitor's
name, address and telephone are stored encrypted (core/fields.py) and read only to send them their own mail.
Wherever anyone else sees the item it carries `pseudonym` (shown as 反馈人 #a3f9c2e1), stable for one person.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from biaozhun.core import clock
from biaozhun.core.fields import EncryptedCharField, EncryptedEmailField
from biaozhun.core.models import AppendOnly
from biaozhun.core.storage import UnguessableName, private_storage
from biaozhun.rules.feedback import Action
from biaozhun.rules.feedback import FeedbackState as State


class FeedbackCategory(models.TextChoices):
    CONTENT = "content", _("技术内容问题")
    CONFLICT = "conflict", _("与其他标准或法规不协调")
    IMPLEMENTATION = "implementation", _("实施中的困难")
    OUTDATED = "outdated", _("技术指标落后，建议修订")
    OTHER = "other", _("其他意见建议")


class FeedbackState(models.TextChoices):
    RECEIVED = State.RECEIVED.value, _("已受理")
    ROUTED = State.ROUTED.value, _("已转办")
    ACKNOWLEDGED = State.ACKNOWLEDGED.value, _("办理中")
    ANSWERED = State.ANSWERED.value, _("已答复")
    CLOSED = State.CLOSED.value, _("已办结")
    MERGED = State.MERGED.value, _("已合并")
    REJECTED = State.REJECTED.value, _("不予受理")


class Feedback(models.Model):
    tracking_number = models.CharField(_("查询编号"), max_length=20, unique=True)
    standard = models.ForeignKey("catalog.Standard", on_delete=models.PROTECT, related_name="feedback",
                                 verbose_name=_("标准"))
    # The standard's committee when it was received (for committee statistics and, later, its assessment).
    committee = models.ForeignKey("committees.Committee", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="feedback", verbose_name=_("技术委员会"))
    # Who wrote: a signed-in person, or a visitor known only by the encrypted contact details below.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="feedback", verbose_name=_("反馈人账号"))
    contact_name = EncryptedCharField(_("姓名"), max_length=100, blank=True)
    contact_email = EncryptedEmailField(_("电子邮箱"), blank=True)
    contact_phone = EncryptedCharField(_("电话"), max_length=20, blank=True)
    contact_organisation = EncryptedCharField(_("工作单位"), max_length=200, blank=True)
    language = models.CharField(_("语言"), max_length=10, default="zh-hans")  # of the mail to the person who wrote
    pseudonym = models.CharField(_("化名"), max_length=16, db_index=True)  # hex; shown as 反馈人 #…

    category = models.CharField(_("反馈类型"), max_length=20, choices=FeedbackCategory.choices)
    clause = models.CharField(_("条款"), max_length=50, blank=True)
    text = models.TextField(_("反馈内容"))

    # Written only by feedback/services (states._move assigns the state, with its event).
    state = models.CharField(_("状态"), max_length=12, choices=FeedbackState.choices, default=FeedbackState.RECEIVED,
                             editable=False)
    assigned_to = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="feedback_assigned", verbose_name=_("承办单位"), editable=False)
    escalated_to = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="feedback_escalated", verbose_name=_("督办单位"), editable=False)
    escalation_level = models.PositiveSmallIntegerField(_("督办级别"), default=0, editable=False)
    received_at = models.DateTimeField(_("受理时间"), default=clock.now, editable=False)
    acknowledge_due = models.DateField(_("确认期限"), null=True, blank=True, editable=False)
    answer_due = models.DateField(_("答复期限"), editable=False)
    deadlines_approximate = models.BooleanField(default=False, editable=False)  # past the holiday calendar's years
    routed_at = models.DateTimeField(_("转办时间"), null=True, blank=True, editable=False)
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True, editable=False)
    answer = models.TextField(_("答复"), blank=True, editable=False)
    answered_by = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("答复单位"), editable=False)
    # Working days from receipt to the answer, and whether the answer came after its deadline (statistics).
    answer_working_days = models.PositiveIntegerField(_("答复用时（工作日）"), null=True, blank=True, editable=False)
    answered_late = models.BooleanField(_("超期答复"), default=False, editable=False)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="duplicates", verbose_name=_("合并至"), editable=False)
    resolution_reason = models.TextField(_("不予受理或合并的理由"), blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic concurrency of the handlers' acts
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("实施信息反馈")
        verbose_name_plural = _("实施信息反馈")
        indexes = [
            # A handler's queue (its items by state, the earliest answer deadline first) and the statistics per
            # handler and per committee, counted from these indexes alone (selectors/statistics.py). There is no
            # index on received_at alone on purpose: with one, SQLite answered a year's statistics through it and
            # read 40k rows (132 ms at 100k items) instead of this covering index (bench/bench_feedback.py).
            models.Index(fields=["assigned_to", "state", "answer_due", "acknowledge_due", "answer_working_days",
                                 "answered_late", "received_at"], name="feedback_handler"),
            models.Index(fields=["committee", "state", "answer_due", "answer_working_days", "answered_late",
                                 "received_at"], name="feedback_committee"),
            models.Index(fields=["escalated_to", "state", "answer_due"], name="feedback_escalated"),
            # The overview and the sweep: open items by deadline.
            models.Index(fields=["state", "answer_due"], name="feedback_state_due"),
            models.Index(fields=["state", "acknowledge_due"], name="feedback_state_ack"),
            models.Index(fields=["standard", "state"], name="feedback_standard"),
            # A person's own items. Partial: without the condition SQLite skip-scanned it (author is mostly empty)
            # for a year's statistics and read every row of the year.
            models.Index(fields=["author", "received_at"], condition=models.Q(author__isnull=False),
                         name="feedback_author"),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    def get_absolute_url(self) -> str:
        return reverse("feedback:item", args=[self.tracking_number])

    @property
    def is_open(self) -> bool:
        return self.state in (FeedbackState.RECEIVED, FeedbackState.ROUTED, FeedbackState.ACKNOWLEDGED)


class FeedbackEventKind(models.TextChoices):
    """Values are stored and never renamed."""

    RECEIVED = "received", _("收到反馈")
    ROUTED = Action.ROUTE.value, _("转办")
    REASSIGNED = Action.REASSIGN.value, _("改派")
    ACKNOWLEDGED = Action.ACKNOWLEDGE.value, _("确认办理")
    ANSWERED = Action.ANSWER.value, _("答复")
    CLOSED = Action.CLOSE.value, _("办结")
    MERGED = Action.MERGE.value, _("合并为重复反馈")
    REJECTED = Action.REJECT.value, _("不予受理")
    REMINDED = "reminded", _("期限提醒")
    ESCALATED = "escalated", _("超期督办")
    INTERPRETATION_PUBLISHED = "interpretation_published", _("发布解读")
    INTERPRETATION_WITHDRAWN = "interpretation_withdrawn", _("撤回解读")
    ACCESS_CODE_SENT = "access_code_sent", _("发送查询验证码")


class FeedbackEvent(AppendOnly):
    """Append-only history of an item, written only by feedback/events.py.

    ``data`` keys by kind: received {"attachments": n, "signed_in"}; routed / reassigned {"rule" (the routing rule
    id, None for the fallback or a person's choice), "target"}; acknowledged {}; answered {"working_days", "late"};
    closed {"automatic"}; merged {"into" (tracking number)}; rejected {}; reminded {"deadline", "due"};
    escalated {"deadline", "due", "level"}; interpretation_published / _withdrawn {"interpretation"};
    access_code_sent {}. ``organisation`` is the handler a routing, reassignment or escalation gave the item to.
    """

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=FeedbackEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField(default=clock.now)
    from_state = models.CharField(max_length=12, choices=FeedbackState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=FeedbackState.choices, blank=True)
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("反馈事件")
        verbose_name_plural = _("反馈事件")
        indexes = [models.Index(fields=["feedback", "kind"], name="feedback_event_kind")]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.kind} {self.at:%Y-%m-%d}"


_attachment_path = UnguessableName("feedback")


class FeedbackAttachment(models.Model):
    """A file the person sent with the item (a photo, a test report): checked by its content, stored privately,
    served only to those who may see the item (views/files.py)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, storage=private_storage)
    filename = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["feedback", "id"]
        verbose_name = _("反馈附件")
        verbose_name_plural = _("反馈附件")

    def __str__(self) -> str:
        return self.filename
