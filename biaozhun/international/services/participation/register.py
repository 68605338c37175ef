"""The register of ISO/IEC committees with China's membership, the Chinese committees that mirror them, and the
posts China holds on them. The national administration keeps all three (participation.manage); each change writes
one event. A refused change names every field that is wrong and writes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.committees.models import Committee, CommitteeStatus
from biaozhun.core.errors import InvalidTransition, ValidationFailed
from biaozhun.rules.committees import parse_international_committees
from biaozhun.rules.participation import committee_code, organisation_of, parent_of

from ...models import ChinaMembership, InternationalCommittee, MirrorLink, Post, PostKind
from . import events

COMMITTEE_FIELDS = ("title", "title_zh", "secretariat_country", "china_membership")
POST_FIELDS = ("holder", "organisation", "start", "end")


def _problem(name: str, message: str) -> dict[str, str]:
    return {"field": name, "message": message}


def _committee_problems(title: str, membership: str) -> list[dict[str, str]]:
    problems = []
    if not title:
        problems.append(_problem("title", _("请填写该机构的英文名称。")))
    if membership not in ChinaMembership.values:
        problems.append(_problem("china_membership", _("成员身份应为 P 成员、O 成员或非成员。")))
    return problems


@transaction.atomic
def register_committee(*, actor: Any, code: str, title: str, title_zh: str = "", secretariat_country: str = "",
                       china_membership: str = "") -> InternationalCommittee:
    """Add an ISO/IEC committee to the register (its parent TC found by its code, when registered)."""
    policy.require(actor, "participation.manage")
    canonical = committee_code(code)
    title, title_zh = str(title).strip(), str(title_zh).strip()
    problems = _committee_problems(title, china_membership)
    if canonical is None:
        problems.insert(0, _problem("code", _("“%(code)s”不是 ISO/IEC 技术机构的编号，应写作 ISO/TC 176、ISO/TC 176/SC 2、"
                                              "IEC/TC 61、IEC/SC 62A 或 ISO/IEC JTC 1/SC 27。") % {"code": code}))
    elif InternationalCommittee.objects.filter(code=canonical).exists():
        problems.insert(0, _problem("code", _("%(code)s 已经登记。") % {"code": canonical}))
    if problems:
        raise ValidationFailed(_("国际标准化技术机构未能登记，请按提示修改。"), problems)
    parent_code = parent_of(canonical)
    international = InternationalCommittee.objects.create(
        code=canonical, organisation=organisation_of(canonical), title=title, title_zh=title_zh,
        secretariat_country=str(secretariat_country).strip()[:60], china_membership=china_membership,
        parent=InternationalCommittee.objects.filter(code=parent_code).first() if parent_code else None)
    events.committee_registered(international, actor=actor)
    return international


@transaction.atomic
def update_committee(*, actor: Any, international: InternationalCommittee,
                     changes: dict[str, Any]) -> InternationalCommittee:
    """Change the names, the secretariat's country or China's membership (the code names the committee: never)."""
    policy.require(actor, "participation.manage")
    international = InternationalCommittee.objects.select_for_update().get(pk=international.pk)
    changes = {name: str(value).strip() for name, value in changes.items() if name in COMMITTEE_FIELDS}
    merged = {name: getattr(international, name) for name in COMMITTEE_FIELDS} | changes
    problems = _committee_problems(merged["title"], merged["china_membership"])
    if problems:
        raise ValidationFailed(_("国际标准化技术机构未能修改，请按提示修改。"), problems)
    before = {name: getattr(international, name) for name, value in changes.items()
              if getattr(international, name) != value}
    if not before:
        return international
    for name in before:
        setattr(international, name, changes[name])
    international.save(update_fields=list(before))
    events.committee_changed(international, actor=actor, before=before, after={name: changes[name] for name in before})
    return international


@transaction.atomic
def link_mirror(*, actor: Any, international: InternationalCommittee, committee: Committee,
                since: date | None = None) -> MirrorLink:
    """Record that a Chinese committee mirrors an ISO/IEC committee (a committee may mirror several, and an ISO/IEC
    committee may be mirrored by several)."""
    policy.require(actor, "participation.manage")
    if MirrorLink.objects.filter(committee=committee, international=international).exists():
        raise InvalidTransition(_("%(committee)s 已是 %(code)s 的国内技术对口单位。") % {
            "committee": committee.code, "code": international.code}, current="linked")
    if not committee.is_at_work and committee.status != CommitteeStatus.SUSPENDED:
        raise InvalidTransition(_("%(committee)s 已%(status)s，不能作为国内技术对口单位。") % {
            "committee": committee.code, "status": committee.get_status_display()}, current=committee.status)
    link = MirrorLink.objects.create(committee=committee, international=international, since=since)
    events.mirror_linked(international, actor=actor, committee_code=committee.code)
    return link


@transaction.atomic
def unlink_mirror(*, actor: Any, link: MirrorLink) -> None:
    policy.require(actor, "participation.manage")
    international, code = link.international, link.committee.code
    link.delete()
    events.mirror_unlinked(international, actor=actor, committee_code=code)


@dataclass
class CounterpartsResult:
    linked: list[tuple[str, str]] = field(default_factory=list)  # (committee, ISO/IEC code) newly linked
    unregistered: list[tuple[str, str]] = field(default_factory=list)  # counterparts not in the register
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # text that names no ISO/IEC committee


def link_counterparts(*, actor: Any) -> CounterpartsResult:
    """Link every existing Chinese committee to the registered ISO/IEC committees its ``international_counterpart``
    names (decision 0030's field), leaving links that exist as they are; report what could not be linked."""
    policy.require(actor, "participation.manage")
    result = CounterpartsResult()
    registered = {c.code: c for c in InternationalCommittee.objects.all()}
    linked = set(MirrorLink.objects.values_list("committee_id", "international_id"))
    for committee in Committee.objects.existing().exclude(international_counterpart="").order_by("code"):
        codes, bad = parse_international_committees(committee.international_counterpart)
        result.unreadable += [(committee.code, piece) for piece in bad]
        for code in codes:
            international = registered.get(code)
            if international is None:
                result.unregistered.append((committee.code, code))
            elif (committee.pk, international.pk) not in linked:
                link_mirror(actor=actor, international=international, committee=committee)
                result.linked.append((committee.code, code))
    return result


# --- Posts ---------------------------------------------------------------------------------------------------
def _post_problems(kind: str, holder: str, organisation: str, start: Any, end: Any) -> list[dict[str, str]]:
    problems = []
    if kind not in PostKind.values:
        problems.append(_problem("kind", _("请选择职务：%(choices)s。") % {
            "choices": "、".join(str(label) for label in PostKind.labels)}))
    if kind not in (PostKind.SECRETARIAT, PostKind.TWINNED_SECRETARIAT) and not holder:
        problems.append(_problem("holder", _("请填写担任者姓名（承担秘书处时可不填）。")))
    if not organisation:
        problems.append(_problem("organisation", _("请填写担任者或秘书处承担单位。")))
    if not isinstance(start, date):
        problems.append(_problem("start", _("请填写任期开始日期。")))
    elif end is not None and end < start:
        problems.append(_problem("end", _("任期结束日期不能早于开始日期（%(start)s）。") % {"start": start.isoformat()}))
    return problems


@transaction.atomic
def record_post(*, actor: Any, international: InternationalCommittee, kind: str, organisation: str, start: date,
                holder: str = "", body: str = "", end: date | None = None) -> Post:
    """A post China holds on an ISO/IEC committee or one of its working groups (``body``: "WG 23")."""
    policy.require(actor, "participation.manage")
    holder, organisation = str(holder).strip(), str(organisation).strip()
    body = " ".join(str(body).upper().split())[:60]
    problems = _post_problems(kind, holder, organisation, start, end)
    if kind in (PostKind.CONVENOR, PostKind.CO_CONVENOR) and not body:
        problems.append(_problem("body", _("工作组召集人须填写所在工作组，例如 WG 23。")))
    if problems:
        raise ValidationFailed(_("国际任职未能登记，请按提示修改。"), problems)
    post = Post.objects.create(international=international, body=body, kind=kind, holder=holder,
                               organisation=organisation, start=start, end=end)
    events.post_recorded(post, actor=actor)
    return post


@transaction.atomic
def update_post(*, actor: Any, post: Post, changes: dict[str, Any]) -> Post:
    """Change a post's holder, organisation or term (a new holder of the same post: end this one, record another)."""
    policy.require(actor, "participation.manage")
    post = Post.objects.select_for_update().select_related("international").get(pk=post.pk)
    changes = {name: (value.strip() if isinstance(value, str) else value) for name, value in changes.items()
               if name in POST_FIELDS}
    merged = {name: getattr(post, name) for name in POST_FIELDS} | changes
    problems = _post_problems(post.kind, merged["holder"], merged["organisation"], merged["start"], merged["end"])
    if problems:
        raise ValidationFailed(_("国际任职未能修改，请按提示修改。"), problems)
    before = {name: getattr(post, name) for name, value in changes.items() if getattr(post, name) != value}
    if not before:
        return post
    for name in before:
        setattr(post, name, changes[name])
    post.save(update_fields=list(before))

    def text(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    events.post_changed(post, actor=actor, before={k: text(v) for k, v in before.items()},
                        after={k: text(changes[k]) for k in before})
    return post

