"""Terms (届次) of a committee: record a term, start the next one (换届) carrying seats forward or ending them, and the
daily reminder to the secretariat before a term ends.

换届 is one transaction: the seats of the ending term close the day before the new term starts (``member_ended``), the
seats carried forward and the new ones are seated together for the new term (``member_added``, the balance rule
judged on the new roll), then the term is written with one ``term_started`` event. A refusal writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from biaozhun.accounts import policy
from biaozhun.accounts.models import SECRETARIAT_ROLES, Membership, OrganisationKind
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.rules.committees import term_reminder_due

from . import events
from .models import Committee, CommitteeEvent, Member, Term
from .services import Seat, add_members, end_membership


def default_end(start: date) -> date:
    """The last day of a term starting on ``start``: BIAOZHUN_COMMITTEE_TERM_YEARS years later, less a day."""
    years = settings.BIAOZHUN_COMMITTEE_TERM_YEARS
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = start.replace(year=start.year + years, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def current_term(committee: Committee, *, on: date) -> Term | None:
    return committee.terms.filter(start__lte=on, end__gte=on).order_by("-number").first()


def _problem(field: str, message: str, code: str) -> dict[str, str]:
    return {"field": field, "message": message, "code": code}


def _check_dates(committee: Committee, start: date, end: date, *, refused: str, number: int) -> None:
    if end <= start:
        raise ValidationFailed(refused, [_problem("end", _("本届结束日期应晚于开始日期（%(start)s）。") % {
            "start": start.isoformat()}, "term_order")])
    if committee.terms.filter(number=number).exists():
        raise ValidationFailed(refused, [_problem("number", _("%(code)s 已登记第%(n)d届。") % {
            "code": committee.code, "n": number}, "term_taken")])
    overlapping = committee.terms.filter(start__lte=end, end__gte=start).first()
    if overlapping is not None:
        raise ValidationFailed(refused, [_problem("start", _(
            "与第%(n)d届（%(start)s 至 %(end)s）重叠；各届的起止日期不得重叠。") % {
            "n": overlapping.number, "start": overlapping.start.isoformat(), "end": overlapping.end.isoformat()},
            "term_overlap")])


@transaction.atomic
def record_term(*, actor: Any, committee: Committee, start: date, end: date | None = None,
                number: int | None = None) -> Term:
    """Record a term without changing seats: the first term of a committee just founded, or a term of a committee
    that predates the platform. ``number`` defaults to the next one; ``end`` to the statutory length."""
    policy.require(actor, "committees.terms", committee)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    last = committee.terms.order_by("-number").first()
    number = number or (last.number + 1 if last else 1)
    end = end or default_end(start)
    _check_dates(committee, start, end, refused=_("届次未能登记，请按提示修改。"), number=number)
    term = Term.objects.create(committee=committee, number=number, start=start, end=end)
    events.term_started(committee, actor=actor, number=number, start=start, end=end, carried=[], ended=[], added=[])
    return term


@transaction.atomic
def renew_term(*, actor: Any, committee: Committee, start: date, end: date | None = None,
               carry: Sequence[Member] = (), new_seats: Sequence[Seat] = (), reason: str = "") -> Term:
    """换届: start the committee's next term on ``start``. The seats in term the day before either carry forward
    (``carry``: a new seat for the new term, same person, category, role, title and vote) or end that day; the
    ``new_seats`` join. The balance rule is judged on the new term's whole roll; the current term ends the day
    before ``start`` if it would run longer. Refused, it writes nothing."""
    policy.require(actor, "committees.terms", committee)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    refused = _("换届未能完成，请按提示修改。")
    if not committee.is_at_work and committee.status != "suspended":
        raise ValidationFailed(refused, [_problem("committee", _("%(code)s 已%(status)s，不能换届。") % {
            "code": committee.code, "status": committee.get_status_display()}, "committee_closed")])
    last = committee.terms.order_by("-number").first()
    number = last.number + 1 if last else 1
    end = end or default_end(start)
    if last is not None and start <= last.start:
        raise ValidationFailed(refused, [_problem("start", _("新一届的开始日期应晚于第%(n)d届的开始日期（%(start)s）。") % {
            "n": last.number, "start": last.start.isoformat()}, "term_order")])
    eve = start - timedelta(days=1)
    seated = list(committee.members.filter(term_start__lte=eve, term_end__gte=eve).order_by("pk"))
    strangers = [m for m in carry if m.pk not in {s.pk for s in seated}]
    if strangers:
        raise ValidationFailed(refused, [_problem("carry", _("%(names)s 在 %(day)s 不在任，不能连任；请作为新委员增补。") % {
            "names": "、".join(m.name for m in strangers), "day": eve.isoformat()}, "not_seated")])
    if last is not None and last.end >= start:
        last.end = eve
        last.save(update_fields=["end"])
    _check_dates(committee, start, end, refused=refused, number=number)
    ending_reason = reason or _("第%(n)d届任期届满") % {"n": number - 1}
    for member in seated:
        end_membership(actor=actor, member=member, on=eve, reason=ending_reason)
    carried_ids = {m.pk for m in carry}
    carried = [Seat(name=m.name, organisation=m.organisation, stakeholder=m.stakeholder, term_start=start,
                    term_end=end, role=m.role, voting=m.voting, user=m.user, title=m.title)
               for m in seated if m.pk in carried_ids]
    fresh = [Seat(**{**seat.__dict__, "term_start": start, "term_end": end}) for seat in new_seats]
    members = add_members(actor=actor, committee=committee, seats=[*carried, *fresh], data={"term": number},
                          refused=refused)
    term = Term.objects.create(committee=committee, number=number, start=start, end=end)
    events.term_started(committee, actor=actor, number=number, start=start, end=end,
                        carried=[m.pk for m in members[:len(carried)]],
                        ended=[m.pk for m in seated if m.pk not in carried_ids],
                        added=[m.pk for m in members[len(carried):]])
    return term


# --- Reminders --------------------------------------------------------------------------------------------
def remind_term_ends(*, actor: Any, today: date | None = None) -> int:
    """Remind the secretariats of committees whose term ends within the reminder leads and that have no next term
    recorded: one ``term_reminded`` event per term and lead (so a second run on the same day sends nothing), each
    with its email queued in the same transaction. Returns the number of reminders recorded."""
    policy.require(actor, "committees.terms")
    today = today or clock.today()
    leads = settings.BIAOZHUN_COMMITTEE_TERM_REMINDER_DAYS
    horizon = today + timedelta(days=max(leads))
    terms = (Term.objects.filter(end__gte=today, end__lte=horizon, committee__status__in=("active", "suspended"))
             .select_related("committee").order_by("end", "pk"))
    done = 0
    for term in terms:
        lead = term_reminder_due(term.end, today, leads)
        if lead is None or term.committee.terms.filter(number__gt=term.number).exists():
            continue
        with transaction.atomic():
            committee = Committee.objects.select_for_update().get(pk=term.committee_id)
            sent = committee.events.filter(kind=CommitteeEvent.Kind.TERM_REMINDED, data__number=term.number,
                                           data__days_before=lead).exists()
            if sent:
                continue
            event = events.term_reminded(committee, actor=actor, number=term.number, end=term.end, days_before=lead)
            if not clock.replaying():
                enqueue_with_transaction(email_term_reminder, event.pk)
            done += 1
    return done


def secretariat_addresses(committee: Committee) -> list[tuple[str, str, str]]:
    """(address, language, name) of the people who act for the committee's secretariat, and of its contact."""
    memberships = (Membership.objects.filter(organisation__kind=OrganisationKind.TC_SECRETARIAT,
                                             organisation__tc_code=committee.code, role__in=SECRETARIAT_ROLES,
                                             user__is_active=True)
                   .exclude(user__email="").select_related("user").order_by("user_id"))
    people = {m.user.email.lower(): (m.user.email, m.user.language, m.user.real_name) for m in memberships}
    if committee.contact_email and committee.contact_email.lower() not in people:
        people[committee.contact_email.lower()] = (committee.contact_email, settings.LANGUAGE_CODE,
                                                   committee.contact_name)
    return list(people.values())


@task()
def email_term_reminder(event_id: int) -> int:
    """Email one term reminder to the committee's secretariat; returns the number of emails sent."""
    event = CommitteeEvent.objects.select_related("committee").filter(pk=event_id).first()
    if event is None:
        return 0
    committee = event.committee
    link = settings.BIAOZHUN_SITE_URL + reverse("committees:terms", args=[committee.code])
    recipients = secretariat_addresses(committee)
    for address, language, name in recipients:
        with translation.override(language or settings.LANGUAGE_CODE):
            context = {"name": name, "committee": committee, "number": event.data["number"],
                       "end": event.data["end"], "days": event.data["days_before"], "link": link}
            subject = render_to_string("committees/email/term_reminder_subject.txt", context).strip()
            body = render_to_string("committees/email/term_reminder.txt", context)
        send_mail(subject, body, None, [address])
    return len(recipients)
