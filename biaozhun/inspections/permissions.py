"""Who may do what in random inspections (registered with the policy), and which campaigns a person may see.

An authority (a market-regulation bureau, or the national administration) runs its own campaigns and keeps its
inspector pool; its members act for it. A campaign is public from the moment its commitment is announced; its draw
(seed, snapshots, sample, assignment) from the draw on; its findings from publication. Inspectors record the
findings of the enterprises they were drawn for; evidence files stay with the authority and the inspectors."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import MembershipRole, OrganisationKind
from biaozhun.accounts.policy import administrator, is_signed_in_and_active
from biaozhun.rules import inspections as rules

from .models import Campaign, Inspector

AUTHORITY_KINDS = (OrganisationKind.BUREAU, OrganisationKind.NATIONAL_ADMINISTRATION)
ACTING_ROLES = frozenset({MembershipRole.ADMIN, MembershipRole.MEMBER, MembershipRole.REVIEWER})


def authorities_of(user: Any) -> list:
    """The inspection authorities the user acts for."""
    if not is_signed_in_and_active(user) or not hasattr(user, "memberships_of_kind"):
        return []
    return [m.organisation for kind in AUTHORITY_KINDS for m in user.memberships_of_kind(kind)
            if m.role in ACTING_ROLES]


def acts_for(user: Any, authority_id: int | None) -> bool:
    return any(o.pk == authority_id for o in authorities_of(user))


def abolishing_authority(user: Any, region_code: str) -> Any:
    """The organisation for which the user may abolish a group or enterprise standard of an enterprise in this
    region (law art. 39: a provincial-or-higher standardization administration): the national administration, or
    a provincial bureau (2-digit region code) whose province holds the region; None when neither."""
    if not is_signed_in_and_active(user) or not hasattr(user, "memberships_of_kind"):
        return None
    for membership in user.memberships_of_kind(OrganisationKind.NATIONAL_ADMINISTRATION):
        if membership.role in ACTING_ROLES:
            return membership.organisation
    for membership in user.memberships_of_kind(OrganisationKind.BUREAU):
        province = membership.organisation.region_code
        if membership.role in ACTING_ROLES and len(province) == rules.PROVINCE_DIGITS and \
                (region_code or "").startswith(province):
            return membership.organisation
    return None


def _campaign_of(obj: Any) -> Any:
    """A campaign, or the campaign of a sampled item, finding or correction order."""
    if isinstance(obj, Campaign):
        return obj
    item = getattr(obj, "item", obj)
    return item.campaign


# fmt: off
def _create(user: Any, authority: Any) -> bool:
    """A member of a bureau or of the national administration starts campaigns for it."""
    return (
        authority is not None
        and authority.kind in AUTHORITY_KINDS
        and acts_for(user, authority.pk)
    )


def _manage(user: Any, obj: Any) -> bool:
    """The campaign's authority commits, draws, publishes, follows up and closes it (and keeps its pool)."""
    return (
        acts_for(user, _campaign_of(obj).authority_id)
    )


def _view(user: Any, campaign: Any) -> bool:
    """A campaign is public once its commitment is announced; a draft is seen by its authority."""
    return (
        campaign.state in rules.PUBLIC_STATES
        or (is_signed_in_and_active(user) and (user.is_administrator or acts_for(user, campaign.authority_id)))
    )


def _view_draw(user: Any, campaign: Any) -> bool:
    """The snapshots and the sample are public from the draw on (before it, only the digests are)."""
    return (
        campaign.state in rules.REVEALED_STATES
        or (is_signed_in_and_active(user) and acts_for(user, campaign.authority_id))
    )


def _record(user: Any, item: Any) -> bool:
    """An inspector drawn for the enterprise records its findings."""
    return (
        item.assignments.filter(inspector__user=user).exists()
    )


def _view_evidence(user: Any, finding: Any) -> bool:
    """Evidence files: the campaign's authority, the item's inspectors and administrators."""
    return (
        user.is_administrator
        or acts_for(user, finding.item.campaign.authority_id)
        or finding.item.assignments.filter(inspector__user=user).exists()
    )


def _abolish(user: Any, order: Any) -> bool:
    """Law art. 39: the national administration, or the provincial bureau of the enterprise's province, abolishes
    a group or enterprise standard whose correction order was not followed (the service checks the order)."""
    return (
        abolishing_authority(user, order.item.region_code) is not None
    )


def _work(user: Any, obj: Any) -> bool:
    """The inspection work pages: authorities' members, inspectors with an account, administrators."""
    return (
        user.is_administrator
        or bool(authorities_of(user))
        or Inspector.objects.filter(user=user, is_active=True).exists()
    )
# fmt: on


def _campaigns(user: Any) -> QuerySet:
    """Public campaigns for everyone, and the drafts of the authorities a person acts for."""
    campaigns = Campaign.objects.all()
    public = Q(state__in=sorted(rules.PUBLIC_STATES))
    if not is_signed_in_and_active(user):
        return campaigns.filter(public)
    if user.is_administrator:
        return campaigns
    return campaigns.filter(public | Q(authority__in=[a.pk for a in authorities_of(user)]))


RULES = {
    "inspections.create": _create,
    "inspections.manage": _manage,
    "inspections.keep_pool": _create,
    "inspections.view": _view,
    "inspections.view_draw": _view_draw,
    "inspections.record": _record,
    "inspections.view_evidence": _view_evidence,
    "inspections.work": _work,
    "inspections.sweep": administrator,
    "inspections.abolish": _abolish,
}
PUBLIC_ACTIONS = {"inspections.view", "inspections.view_draw"}
FILTERS = {"inspections.campaigns": _campaigns}
DENIALS = {
    "inspections.create": _("抽查任务由市场监管部门或国家标准委的工作人员为本单位创建。"),
    "inspections.manage": _("抽查任务由组织抽查的部门办理；请用该部门的账号登录。"),
    "inspections.keep_pool": _("检查人员名录由抽查部门的工作人员维护，只能维护本单位的名录。"),
    "inspections.record": _("只有抽中派往该企业的检查人员才能记录检查结果。"),
    "inspections.view_evidence": _("证据材料只向抽查部门和派往该企业的检查人员开放。"),
    "inspections.work": _("抽查工作页面供抽查部门的工作人员和检查人员使用。"),
    "inspections.abolish": _("废止团体标准、企业标准由国家标准委或企业所在省的市场监管部门决定（《标准化法》第三十九条）。"),
}
