"""The periodic export of feedback for regulators and consumer associations: the items received in a period on the
standards of their field (ICS or CCS code prefixes, committees), as an XLSX written by the safe writer
(core/spreadsheets.py: a typed-in "=…" stays text). No personal data: the person who wrote appears as their
pseudonym; the text, the state, the handler, the deadlines and the answer are what the regulator needs."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from biaozhun.core.spreadsheets import Workbook
from biaozhun.rules.cycles import add_months

from .models import ExportFrequency, ExportSubscription, Feedback
from .pseudonyms import shown

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def period_before(subscription: ExportSubscription, today: date) -> tuple[date, date]:
    """The last full period before `today`: the previous Monday–Sunday week, or the previous calendar month."""
    if subscription.frequency == ExportFrequency.WEEKLY:
        end = today - timedelta(days=today.weekday() + 1)
        return end - timedelta(days=6), end
    first = today.replace(day=1)
    return add_months(first, -1), first - timedelta(days=1)


def is_due(subscription: ExportSubscription, today: date) -> bool:
    """Sent on Mondays (weekly) or the 1st (monthly), once; a missed day is caught up by the next sweep."""
    _start, end = period_before(subscription, today)
    return subscription.active and (subscription.last_sent_on is None or subscription.last_sent_on <= end)


def items_for(subscription: ExportSubscription, start: date, end: date) -> QuerySet[Feedback]:
    """Items received from `start` to `end` (inclusive) on standards in the subscription's field."""
    field = Q(pk__in=[])
    for prefix in subscription.ics_prefixes:
        field |= Q(standard__ics__code__startswith=prefix)
    for prefix in subscription.ccs_prefixes:
        field |= Q(standard__ccs__code__startswith=prefix)
    if subscription.tc_codes:
        field |= Q(standard__tc_code__in=subscription.tc_codes)
    lower = timezone.make_aware(datetime.combine(start, time.min))
    upper = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return (Feedback.objects.filter(field, received_at__gte=lower, received_at__lt=upper)
            .select_related("standard", "assigned_to", "escalated_to").order_by("received_at", "pk"))


def workbook(subscription: ExportSubscription, start: date, end: date) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.sheet(_("实施信息反馈"))
    sheet.append([_("查询编号"), _("受理日期"), _("标准号"), _("标准名称"), _("技术委员会"), _("反馈类型"), _("条款"),
                  _("反馈内容"), _("反馈人"), _("状态"), _("承办单位"), _("确认期限"), _("答复期限"), _("督办单位"),
                  _("答复日期"), _("答复用时（工作日）"), _("超期答复"), _("答复")])
    for item in items_for(subscription, start, end).iterator(chunk_size=2000):
        sheet.append([
            item.tracking_number, timezone.localdate(item.received_at), item.standard.identifier, item.standard.title,
            item.standard.tc_code, item.get_category_display(), item.clause, item.text, shown(item.pseudonym),
            item.get_state_display(), item.assigned_to.name if item.assigned_to_id else "", item.acknowledge_due,
            item.answer_due, item.escalated_to.name if item.escalated_to_id else "",
            timezone.localdate(item.answered_at) if item.answered_at else None, item.answer_working_days,
            _("是") if item.answered_late else "", item.answer])
    return book.to_bytes()


def filename(subscription: ExportSubscription, start: date, end: date) -> str:
    return f"feedback-{subscription.pk}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
