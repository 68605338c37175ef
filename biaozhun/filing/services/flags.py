"""Supersession flags: when a national standard is published on the subject of a filed (industry or local, in
force) standard, the standard's authority is told, and confirms (it will revise or abolish the standard) or
dismisses the flag with its reason.

The daily scan reads the catalogue's "created" events of national editions since its watermark, and finds the
filed standards each covers with the coordination check's similarity: candidates from the search engine's
`similar()`, scored by biaozhun.text.overlap, at least the check's NATIONAL_SCORE (filing/checks/coordination.py:
"this close to a national standard in force, the subject has a national standard"). Each pair is flagged once
(the unique pair, and an existing flag against another edition of the same national number is not repeated),
the watermark moves in the same transaction as the flags, so a rerun finds nothing new. National editions published
more than RECENT_DAYS before the scan are history arriving by import, not news, and are skipped. Each authority's
members get one email per run, in their language, after commit.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from biaozhun.accounts import policy
from biaozhun.accounts.models import Membership, Organisation, User
from biaozhun.catalog.models import EventKind, Standard, StandardEvent, Status, Tier
from biaozhun.core import clock
from biaozhun.core.actors import require_actor, user_or_none
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.core.outbox import enqueue_with_transaction
from biaozhun.search.engine import IndexStateError, get_engine
from biaozhun.text.overlap import IdfWeights, Overlap, Side, compare, units

from .. import events
from ..authorities import ACTING_ROLES, Owners, standard_code
from ..checks import coordination
from ..models import FlagEventKind, FlagState, SupersessionFlag, SupersessionScan

logger = logging.getLogger(__name__)
FILED_TIERS = [Tier.INDUSTRY, Tier.LOCAL]
LIVE = (Status.CURRENT, Status.UPCOMING)
CHUNK = 200  # national editions per transaction of the scan
# Editions published longer ago than this are history entering the catalogue (an import), not news: not scanned.
RECENT_DAYS = 365
MAX_REASON = 2000


# --- Creating flags ---------------------------------------------------------------------------------------------
def flag_standard(*, actor: Any, standard: Standard, national: Standard, scored: Overlap,
                  authority: Organisation) -> SupersessionFlag | None:
    """Flag `national` to the authority of `standard`, once: None if the pair was flagged before."""
    require_actor(actor)
    policy.require(actor, "filing.sweep")
    if SupersessionFlag.objects.filter(standard=standard, national=national).exists():
        return None
    try:
        with transaction.atomic():
            flag = SupersessionFlag.objects.create(standard=standard, national=national, authority=authority,
                                                   score=scored.score, shared=list(scored.shared),
                                                   created_at=clock.now())
    except IntegrityError:  # flagged by a concurrent scan
        return None
    events.flag_recorded(flag, FlagEventKind.CREATED, actor=actor,
                         data={"score": scored.score, "national": national.identifier})
    return flag


def covered_standards(national: Standard) -> list[tuple[Standard, Overlap]]:
    """The filed standards in force whose subject `national` covers, best first: the coordination check's
    candidates and scores (words weighted by their rarity, filing/checks/coordination.py), seen from the national
    standard."""
    engine = get_engine()
    title_units = units(national.title_zh)
    documents, title_freq = engine.unit_frequencies(title_units)
    title_weight = IdfWeights(documents, title_freq, power=coordination.IDF_POWER)
    wanted = {unit: title_weight(unit) for unit in title_units if title_freq[unit]}
    if not wanted:
        return []
    ids = engine.similar(wanted, tiers=[str(t) for t in FILED_TIERS], statuses=[str(s) for s in LIVE],
                         limit=coordination.CANDIDATES)
    candidates = list(Standard.objects.filter(pk__in=ids, tier__in=FILED_TIERS, status__in=LIVE).only(
        "identifier", "title_zh", "scope", "tier", "industry_code", "region_code", "published_on", "undated"))
    # Weights of every unit either side compares, from the index's frequencies.
    _, title_freq = engine.unit_frequencies(set(title_units).union(*(units(s.title_zh) for s in candidates)))
    _, scope_freq = engine.unit_frequencies(set(units(national.scope)).union(*(units(s.scope) for s in candidates)),
                                            scope=True)
    title_weight = IdfWeights(documents, title_freq, power=coordination.IDF_POWER)
    scope_weight = IdfWeights(documents, scope_freq, power=coordination.IDF_POWER)
    side = Side.of(national.title_zh, national.scope)
    found = []
    for standard in candidates:
        if national.published_on and standard.published_on and standard.published_on > national.published_on:
            continue  # issued after the national standard: its filing's coordination check saw it
        scored = compare(side, Side.of(standard.title_zh, standard.scope), title_weight=title_weight,
                         scope_weight=scope_weight, title_share=coordination.TITLE_SHARE)
        if scored.score >= coordination.NATIONAL_SCORE:
            found.append((standard, scored))
    found.sort(key=lambda pair: (-pair[1].score, pair[0].identifier))
    return found


def _new_national_editions(after: int, upto: int) -> list[tuple[int, int]]:
    """(event id, standard id) of the national editions created in (after, upto], in event order."""
    return list(StandardEvent.objects.filter(id__gt=after, id__lte=upto, kind=EventKind.CREATED,
                                             standard__tier=Tier.NATIONAL).order_by("id")
                .values_list("id", "standard_id"))


def scan_national_editions(*, actor: Any) -> dict[str, int]:
    """The daily scan: flag the filed standards each national edition created since the last run covers.
    Idempotent; on a missing search index it stops without moving the watermark (the next run catches up)."""
    require_actor(actor)
    policy.require(actor, "filing.sweep")
    with transaction.atomic():
        scan, _created = SupersessionScan.objects.get_or_create(pk=1)
    upto = StandardEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    pending = _new_national_editions(scan.last_event_id, upto)
    owners = Owners()
    totals = {"national": 0, "flags": 0, "unowned": 0}
    for start in range(0, max(len(pending), 1), CHUNK):
        chunk = pending[start:start + CHUNK]
        last = chunk[-1][0] if start + CHUNK < len(pending) else upto  # the last chunk reads up to `upto`
        try:
            with transaction.atomic():
                scan = SupersessionScan.objects.select_for_update().get(pk=1)
                if scan.last_event_id >= last:
                    continue  # another run got here first
                created = _flag_chunk(actor, [pk for event, pk in chunk if event > scan.last_event_id], owners,
                                      totals)
                scan.last_event_id, scan.ran_at = last, clock.now()
                scan.save(update_fields=["last_event_id", "ran_at"])
                if created and not clock.replaying():  # emailed by a task worker, once this commits
                    enqueue_with_transaction(email_flags, [flag.pk for flag in created])
        except IndexStateError:
            logger.warning("supersession scan stopped: the search index cannot be read", exc_info=True)
            totals["stopped"] = 1
            break
    return totals


def _flag_chunk(actor: Any, standard_ids: list[int], owners: Owners, totals: dict[str, int]) -> list[SupersessionFlag]:
    created = []
    recent = Q(published_on__isnull=True) | Q(published_on__gte=clock.today() - timedelta(days=RECENT_DAYS))
    nationals = Standard.objects.filter(recent, pk__in=standard_ids, status__in=LIVE).order_by("pk")
    for national in nationals:
        totals["national"] += 1
        found = covered_standards(national)
        already = set(SupersessionFlag.objects.filter(standard__in=[s for s, _o in found],
                                                      national__undated=national.undated)
                      .values_list("standard_id", flat=True))  # flagged against another edition of this number
        for standard, scored in found:
            if standard.pk in already:
                continue
            authority = owners.of(standard.tier, standard_code(standard))
            if authority is None:
                totals["unowned"] += 1
                continue
            flag = flag_standard(actor=actor, standard=standard, national=national, scored=scored,
                                 authority=authority)
            if flag is not None:
                created.append(flag)
                totals["flags"] += 1
    return created


# --- Deciding ---------------------------------------------------------------------------------------------------
def _locked(flag: SupersessionFlag) -> SupersessionFlag:
    return SupersessionFlag.objects.select_for_update().select_related("authority", "standard", "national").get(
        pk=flag.pk)


def _decide(actor: Any, flag: SupersessionFlag, to: str, kind: str, reason: str) -> SupersessionFlag:
    flag = _locked(flag)
    policy.require(actor, "filing.decide_flag", flag)
    if flag.state != FlagState.OPEN:
        raise InvalidTransition(_("该提示已处理（%(state)s），不能再次处理。") % {"state": flag.get_state_display()},
                                current=flag.state, allowed=[])
    flag.state, flag.reason = to, reason
    flag.decided_at, flag.decided_by = clock.now(), user_or_none(actor)
    flag.save(update_fields=["state", "reason", "decided_at", "decided_by"])
    events.flag_recorded(flag, kind, actor=actor, reason=reason)
    return flag


@transaction.atomic
def confirm_flag(*, actor: Any, flag: SupersessionFlag, note: str = "") -> SupersessionFlag:
    """The authority agrees the national standard covers its standard, and will revise or abolish it."""
    note = " ".join((note or "").split())
    if len(note) > MAX_REASON:
        raise ValidationFailed(_("未能处理，请按提示修改。"), [{"field": "reason", "message": _(
            "最多 %(limit)s 个字符") % {"limit": MAX_REASON}}])
    return _decide(actor, flag, FlagState.CONFIRMED, FlagEventKind.CONFIRMED, note)


@transaction.atomic
def dismiss_flag(*, actor: Any, flag: SupersessionFlag, reason: str) -> SupersessionFlag:
    """The authority finds its standard not covered by the national one: it says why."""
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > MAX_REASON:
        policy.require(actor, "filing.decide_flag", flag)  # a stranger learns nothing from the form's problems
        raise ValidationFailed(_("未能排除，请按提示修改。"), [{"field": "reason", "message": _(
            "请说明理由：为何该国家标准不覆盖本标准") if not reason else _("最多 %(limit)s 个字符") % {"limit": MAX_REASON}}])
    return _decide(actor, flag, FlagState.DISMISSED, FlagEventKind.DISMISSED, reason)


# --- Emails -----------------------------------------------------------------------------------------------------
def _members(authority_ids: list[int]) -> dict[int, list[User]]:
    """The active members (with an email address) who act for each authority."""
    people: dict[int, dict[int, User]] = defaultdict(dict)
    for membership in (Membership.objects.filter(organisation_id__in=authority_ids, role__in=ACTING_ROLES,
                                                 user__is_active=True).exclude(user__email="")
                       .select_related("user").order_by("organisation_id", "user_id")):
        people[membership.organisation_id][membership.user_id] = membership.user
    return {authority: list(users.values()) for authority, users in people.items()}


@task()
def email_flags(flag_ids: list[int]) -> int:
    """One email per authority member with the authority's new flags, in the member's language; the number sent."""
    flags = list(SupersessionFlag.objects.filter(pk__in=flag_ids).select_related("standard", "national", "authority")
                 .order_by("pk"))
    sent = 0
    by_authority: dict[int, list[SupersessionFlag]] = defaultdict(list)
    for flag in flags:
        by_authority[flag.authority_id].append(flag)
    site = settings.BIAOZHUN_SITE_URL
    for authority_id, people in _members(list(by_authority)).items():
        authority_flags = by_authority[authority_id]
        for person in people:
            with translation.override(person.language):
                body = render_to_string("filing/email/supersession_flags.txt", {
                    "flags": authority_flags, "person": person, "site": site,
                    "authority": authority_flags[0].authority})
                subject = str(_("国家标准覆盖提示：%(count)s 项本单位标准") % {"count": len(authority_flags)})
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email])
            sent += 1
    return sent
