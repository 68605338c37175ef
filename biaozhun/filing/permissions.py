"""Who may do what in filing (registered with the policy), and which filings a person may see.

Accepted filings are public (the 备案 lists of hbba/dbba); a filing under way is seen by its authority, the
province above a city's filing, the national administration's reviewers and administrators."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.policy import administrator, is_signed_in_and_active

from .authorities import (
    AUTHORITY_KINDS,
    acts_for,
    authorities_of,
    is_province_bureau_for,
    owns,
    owns_standard,
    province_of,
)
from .models import Filing, FilingBatch, FilingState, FilingTier, SupersessionFlag


# fmt: off
def _submit(user: Any, target: Any) -> bool:
    """A member of the authority, for a number whose code the authority owns."""
    return (
        acts_for(user, target.authority)
        and owns(target.authority, target.tier, target.code)
    )


def _own(user: Any, filing: Any) -> bool:
    """The filing's authority revises, resubmits and withdraws it."""
    return (
        acts_for(user, filing.authority)
    )


def _approve_city(user: Any, filing: Any) -> bool:
    """The provincial bureau above a city's local standard approves it before it goes to the national review."""
    return (
        filing.is_city_level
        and is_province_bureau_for(user, filing.region_code)
    )


def _review(user: Any, filing: Any) -> bool:
    """The national administration's reviewers accept or return filings; administrators may too."""
    return (
        user.is_administrator
        or user.is_reviewer
    )


def _view(user: Any, filing: Any) -> bool:
    """Accepted filings are public; one under way is seen by those who work on it."""
    return (
        filing.state == FilingState.ACCEPTED
        or (is_signed_in_and_active(user) and _works_on(user, filing))
    )


def _work_on(user: Any, filing: Any) -> bool:
    """The filing's work page (state, history, checks, actions): those who work on it, whatever its state."""
    return (
        _works_on(user, filing)
    )


def _works_on(user: Any, filing: Any) -> bool:
    return (
        user.is_administrator
        or user.is_reviewer
        or acts_for(user, filing.authority)
        or (filing.is_city_level and is_province_bureau_for(user, filing.region_code))
    )


def _view_text(user: Any, filing: Any) -> bool:
    """The submitted PDF: those who work on the filing (once filed, the catalogue's text rules apply)."""
    return (
        _works_on(user, filing)
    )


def _work(user: Any, obj: Any) -> bool:
    """The filing work pages: an authority's members, reviewers and administrators."""
    return (
        user.is_administrator
        or user.is_reviewer
        or bool(authorities_of(user))
    )


def _submit_batch(user: Any, authority: Any) -> bool:
    """A member of a filing authority submits a batch for it (each row is then filed as one filing is)."""
    return (
        authority.kind in AUTHORITY_KINDS
        and acts_for(user, authority)
    )


def _view_batch(user: Any, batch: Any) -> bool:
    """A batch, its problems and its filings: the authority's members and administrators."""
    return (
        user.is_administrator
        or acts_for(user, batch.authority)
    )


def _conclude_review(user: Any, standard: Any) -> bool:
    """Periodic review (复审) of a filed industry or local standard: the authority that owns its code."""
    return (
        owns_standard(user, standard)
    )


def _view_reviews(user: Any, authority: Any) -> bool:
    """An authority's review list (due standards, conclusions): its members, reviewers and administrators."""
    return (
        user.is_administrator
        or user.is_reviewer
        or acts_for(user, authority)
    )


def _decide_flag(user: Any, flag: Any) -> bool:
    """A national standard flagged on the subject of a filed standard: its authority confirms or dismisses it."""
    return (
        acts_for(user, flag.authority)
    )
# fmt: on


def _filings(user: Any) -> QuerySet:
    """The filings a person may see: accepted ones for everyone, and those under way they work on."""
    filings = Filing.objects.all()
    if not is_signed_in_and_active(user):
        return filings.filter(state=FilingState.ACCEPTED)
    if user.is_administrator or user.is_reviewer:
        return filings
    mine = Q(state=FilingState.ACCEPTED)
    for authority in authorities_of(user):
        mine |= Q(authority=authority)
        if authority.region_code and len(authority.region_code) == 2:
            mine |= Q(tier=FilingTier.LOCAL, region_code__startswith=province_of(authority.region_code))
    return filings.filter(mine)


def _flags(user: Any) -> QuerySet:
    """Supersession flags: those of the authorities a person acts for; all of them for reviewers and
    administrators; none for anyone else."""
    flags = SupersessionFlag.objects.all()
    if not is_signed_in_and_active(user):
        return flags.none()
    if user.is_administrator or user.is_reviewer:
        return flags
    return flags.filter(authority__in=[a.pk for a in authorities_of(user)])


def _batches(user: Any) -> QuerySet:
    """The batches a person may see: their authorities' (every batch for administrators)."""
    if not is_signed_in_and_active(user):
        return FilingBatch.objects.none()
    if user.is_administrator:
        return FilingBatch.objects.all()
    return FilingBatch.objects.filter(authority__in=[a.pk for a in authorities_of(user)])


RULES = {
    "filing.submit": _submit,
    "filing.revise": _own,
    "filing.withdraw": _own,
    "filing.approve_city": _approve_city,
    "filing.review": _review,
    "filing.view": _view,
    "filing.view_text": _view_text,
    "filing.work_on": _work_on,
    "filing.work": _work,
    "filing.conclude_review": _conclude_review,
    "filing.view_reviews": _view_reviews,
    "filing.decide_flag": _decide_flag,
    "filing.submit_batch": _submit_batch,
    "filing.view_batch": _view_batch,
    "filing.edit_rules": administrator,
    "filing.sweep": administrator,
}
PUBLIC_ACTIONS = {"filing.view"}
FILTERS = {"filing.filings": _filings, "filing.flags": _flags, "filing.batches": _batches}
DENIALS = {
    "filing.submit": _("只能备案本单位主管的标准：行业主管部门备案本部门行业代号的行业标准，市场监管部门备案本辖区代码的地方"
                       "标准。如代号的主管部门登记有误，请联系国家标准委的系统管理员。"),
    "filing.approve_city": _("设区的市地方标准由所在省级市场监管部门审核。"),
    "filing.review": _("备案由国家标准委的审查人员受理或退回。"),
    "filing.conclude_review": _("行业标准和地方标准的复审由其备案单位作出结论。"),
    "filing.work_on": _("备案的办理页面只向备案单位、审核它的省级部门和国家标准委的审查人员开放。"),
    "filing.view_reviews": _("复审清单供该备案单位和国家标准委使用。"),
    "filing.decide_flag": _("国家标准覆盖提示由该标准的备案单位确认或排除。"),
    "filing.submit_batch": _("批量备案由备案单位（行业主管部门或市场监管部门）的工作人员提交，只能为本单位提交。"),
}
