"""Law art. 39: abolishing a group or enterprise standard whose correction order was not followed. A campaign found
it below a mandatory national standard's requirement; the order's deadline passed and the authority recorded it as
not corrected; a provincial-or-higher standardization administration then abolishes the standard and announces it
(废止公示). The enterprise standard's declaration is marked abolished through the declarations service, a group
standard's edition through the catalogue service, so their public pages say so; the notice is public at once."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog import services as catalog
from biaozhun.catalog.models import Tier
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.declarations import services as declarations
from biaozhun.declarations.models import Declaration, DeclarationState, StandardSource
from biaozhun.rules import inspections as rules

from ..models import AbolishedKind, AbolitionNotice, CampaignEventKind, CorrectionOrder, OrderState
from ..permissions import abolishing_authority
from . import events

MAX_REASON = 2000


def abolishable(order: CorrectionOrder) -> bool:
    """Whether the order opens the way to abolition (rules.abolition_grounds)."""
    corrected = {OrderState.CORRECTED: True, OrderState.NOT_CORRECTED: False}.get(order.state)
    return rules.abolition_grounds(order.check_items, corrected=corrected)


def kind_of(declaration: Declaration) -> AbolishedKind | None:
    """The kind of standard art. 39 lets the authority abolish through this declaration, or None: the enterprise's
    own standard (Q/…), or a group standard of the catalogue (T/…) it executes."""
    if declaration.source == StandardSource.ENTERPRISE and declaration.tier in rules.ABOLISHABLE_TIERS:
        return AbolishedKind.ENTERPRISE
    if declaration.tier == Tier.GROUP and declaration.standard_id is not None:
        return AbolishedKind.GROUP
    return None


def candidates(order: CorrectionOrder) -> list[Declaration]:
    """The enterprise's published declarations whose standard could be abolished under this order, not yet
    abolished: its own enterprise standards and the group standards it executes."""
    declarations_ = Declaration.objects.filter(enterprise=order.item.enterprise_id, state=DeclarationState.PUBLISHED,
                                               tier__in=sorted(rules.ABOLISHABLE_TIERS)).select_related("standard")
    done = set(AbolitionNotice.objects.filter(order__item__enterprise=order.item.enterprise_id)
               .values_list("declaration_id", flat=True))
    found = [d for d in declarations_.order_by("identifier", "id") if d.pk not in done and kind_of(d) is not None]
    return [d for d in found if not (d.standard_id and d.standard.abolished_on)]


def _next_number(year: int) -> str:
    numbers = AbolitionNotice.objects.filter(number__startswith=f"{year}-").values_list("number", flat=True)
    last = max((int(n.split("-", 1)[1]) for n in numbers), default=0)
    return f"{year}-{last + 1:04d}"


def _problems(order: CorrectionOrder, declaration: Declaration, reason: str) -> list[dict[str, str]]:
    problems = []
    if declaration.enterprise_id != order.item.enterprise_id:
        problems.append({"field": "declaration", "message": _("请选择被抽查企业自己公开的声明。")})
    elif declaration.state != DeclarationState.PUBLISHED:
        problems.append({"field": "declaration", "message": _("这份声明已撤回或其标准已废止；请选择一份已公开的声明。")})
    elif kind_of(declaration) is None:
        problems.append({"field": "declaration", "message": _(
            "《标准化法》第三十九条由此废止的只有团体标准和企业标准；请选择执行企业标准或团体标准的声明。")})
    elif declaration.standard_id and declaration.standard.abolished_on:
        problems.append({"field": "declaration", "message": _("这项团体标准已经废止。")})
    elif AbolitionNotice.objects.filter(declaration=declaration).exists() or (
            declaration.standard_id and AbolitionNotice.objects.filter(standard=declaration.standard_id).exists()):
        problems.append({"field": "declaration", "message": _("这项标准已有废止公示。")})
    if not reason:
        problems.append({"field": "reason", "message": _("请写明废止的理由：不符合哪项强制性国家标准的哪项技术要求，"
                                                         "以及责令改正的期限和结果。")})
    elif len(reason) > MAX_REASON:
        problems.append({"field": "reason", "message": _("理由最多 %(limit)s 个字符，现有 %(count)s 个。") % {
            "limit": MAX_REASON, "count": len(reason)}})
    return problems


@transaction.atomic
def abolish_standard(actor: Any, *, order: CorrectionOrder, declaration: Declaration,
                     reason: str) -> AbolitionNotice:
    """Abolish the group or enterprise standard the declaration discloses, under the order (not corrected, with a
    non-conformity art. 39 covers), and publish the notice. Refused with nothing written: by the policy (not a
    provincial-or-higher administration of the enterprise's region), when the order opens no way to abolition
    (409), or with a message per field (422)."""
    order = CorrectionOrder.objects.select_for_update(of=("self",)).select_related(
        "item__campaign__authority", "item__enterprise").get(pk=order.pk)
    policy.require(actor, "inspections.abolish", order)
    if not abolishable(order):
        raise InvalidTransition(_("只有逾期未改正、且不符合强制性国家标准技术要求的责令改正，才能作出废止决定"
                                  "（《标准化法》第三十九条）。"), current=order.state)
    declaration = Declaration.objects.select_for_update(of=("self",)).select_related("standard", "enterprise").get(
        pk=declaration.pk)
    reason = " ".join((reason or "").split())
    problems = _problems(order, declaration, reason)
    if problems:
        raise ValidationFailed(problems[0]["message"], problems)
    authority = abolishing_authority(actor, order.item.region_code)
    kind = kind_of(declaration)
    today, now = clock.today(), clock.now()
    notice = AbolitionNotice(
        authority=authority or order.item.campaign.authority, order=order, enterprise=order.item.enterprise,
        kind=kind, declaration=declaration if kind == AbolishedKind.ENTERPRISE else None,
        standard=declaration.standard if kind == AbolishedKind.GROUP else None,
        identifier=declaration.identifier,
        title=declaration.standard.title if kind == AbolishedKind.GROUP else declaration.title,
        publisher=_publisher(declaration, kind), reason=reason, decided_on=today, published_at=now,
        actor=user_or_none(actor))
    for attempt in range(3):  # two decisions at once may take the same number: the later one takes the next
        notice.number = _next_number(today.year)
        try:
            with transaction.atomic():
                notice.save()
            break
        except IntegrityError:
            if attempt == 2:
                raise
    url = reverse("inspections:abolition", args=[notice.number])
    if kind == AbolishedKind.ENTERPRISE:
        declarations.abolish_declaration(actor=actor, declaration=declaration, reason=reason, notice_number=notice.number,
                                         notice_url=url, authority=notice.authority.name)
    else:
        catalog.abolish_standard(actor=actor, standard=declaration.standard, on=today, reason=_(
            "%(authority)s 依据《标准化法》第三十九条废止（废止公示 %(number)s）：%(reason)s") % {
            "authority": notice.authority.name, "number": notice.number, "reason": reason})
    events.record(order.item.campaign, CampaignEventKind.STANDARD_ABOLISHED, actor=actor, reason=reason, data={
        "notice_number": notice.number, "order": order.pk, "kind": kind, "identifier": notice.identifier,
        "authority": notice.authority_id,
        **({"declaration": declaration.pk} if kind == AbolishedKind.ENTERPRISE else {"standard": notice.standard_id})})
    return notice


def _publisher(declaration: Declaration, kind: AbolishedKind) -> str:
    """Who made the standard: the enterprise, or the social organisation of the group code."""
    if kind == AbolishedKind.ENTERPRISE:
        return declaration.enterprise.name
    from biaozhun.groups.models import GroupProfile

    code = (declaration.standard.org_code or "").strip().upper()
    profile = GroupProfile.objects.filter(code=code).select_related("organisation").first() if code else None
    return profile.organisation.name if profile else code
