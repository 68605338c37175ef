"""Who may do what with the catalogue (registered with the policy): every record is public; editing, imports
and full texts are for the national administration and administrators, and, for the group standards of its own
group code only (tier group, org_code = its code: T/CAS for 中国标准化协会), for a social organisation's members,
who may also decide whether those texts are public (biaozhun/groups, decision 0018).

Bulk export (`/api/v1/catalog/export.jsonl`) is open data: the catalogue is public information for everyone
(work plan items 107, 110) and each record is readable one by one anyway, so anyone may export it; what it
costs the server is bounded by a rate limit (BIAOZHUN_EXPORT_RATE per address, or per account when signed in),
which administrators are not held to (`catalog.export_unlimited`).

A standard's text is read and downloaded as the rules of biaozhun/rules/text_access.py allow (mandatory
standards free to download, recommended ones to read online, ...); the file views enforce it."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.models import OrganisationKind
from biaozhun.accounts.policy import administrator, everyone

from .models import Standard, Tier


# fmt: off
def _edit(user: Any, standard: Any) -> bool:
    """``standard`` is an edition, the parsed number of a record about to be created (create_standard), or None
    ("may they edit the catalogue at all?")."""
    return (
        user.is_administrator
        or user.is_national_administration_member
        or _publishes_group_standard(user, standard)
    )


def _set_text_access(user: Any, standard: Any) -> bool:
    """Administrators, with the publisher's decision as the reason; a social organisation for its own group
    standards (it is the publisher)."""
    return (
        user.is_administrator
        or _publishes_group_standard(user, standard)
    )


def _review(user: Any, standard: Any) -> bool:
    """Periodic review (复审) outcomes in the catalogue, confirmation or abolition: the national administration,
    the secretariat of the committee responsible for the standard, and the filing authority that owns an industry or
    local standard's code (the ministry of JB, the bureau of DB32)."""
    return (
        user.is_administrator
        or user.is_national_administration_member
        or (standard is not None and bool(standard.tc_code) and user.is_secretariat_of(standard.tc_code))
        or (standard is not None and _owns_code(user, standard))
    )


def _abolish_group(user: Any, standard: Any) -> bool:
    """Law art. 39: a group standard below a mandatory national standard whose correction order was not followed is
    abolished by a provincial-or-higher standardization administration: the national administration, or the bureau
    of the province where its social organisation is registered (the inspections app decides when)."""
    return (
        standard is not None
        and str(getattr(standard, "tier", "")) == Tier.GROUP
        and (user.is_national_administration_member or _provincial_bureau_of_group(user, standard))
    )


def _convert(user: Any, standard: Any) -> bool:
    """Recording that an industry or local standard was converted into another tier's standard (转化): the national
    administration, and the authority that owns the converted standard's code."""
    return (
        user.is_administrator
        or user.is_national_administration_member
        or (standard is not None and _owns_code(user, standard))
    )
# fmt: on


def _owns_code(user: Any, standard: Any) -> bool:
    # Imported here: the filing app builds on the catalogue, so the catalogue may not import it at load time.
    from biaozhun.filing.authorities import owns_standard

    return owns_standard(user, standard)


def _provincial_bureau_of_group(user: Any, standard: Any) -> bool:
    provinces = [m.organisation.region_code for m in user.memberships_of_kind(OrganisationKind.BUREAU)
                 if len(m.organisation.region_code) == 2]
    if not provinces or not getattr(standard, "org_code", ""):
        return False
    # Imported here, as _publishes_group_standard: the groups app builds on the catalogue.
    from biaozhun.groups.models import GroupProfile

    return GroupProfile.objects.filter(code=standard.org_code.strip().upper(), province_id__in=provinces).exists()


def _publishes_group_standard(user: Any, standard: Any) -> bool:
    # Imported here, as _owns_code: the groups app builds on the catalogue.
    from biaozhun.groups.authorities import publishes_standard

    return publishes_standard(user, standard)


def _standards(user: Any):
    """Every catalogue record is public."""
    return Standard.objects.all()


RULES = {
    "catalog.view": everyone,
    "catalog.edit": _edit,
    "catalog.review": _review,
    "catalog.record_conversion": _convert,  # checked for each converted (source) edition
    "catalog.import": administrator,
    "catalog.export_bulk": everyone,  # open data, rate limited (module docstring)
    "catalog.export_unlimited": administrator,
    "catalog.attach_fulltext": _edit,  # publication attaches the approved text (报批稿)
    # Texts that are not public, or not for download (catalog/text_access.py), stay readable to those who attach
    # and check them.
    "catalog.read_any_text": _edit,
    "catalog.set_text_access": _set_text_access,  # with the publisher's decision as its reason
    "catalog.withdraw": administrator,  # an edition published in error
    "catalog.abolish_group": _abolish_group,  # law art. 39, through the inspections app's decision
}
PUBLIC_ACTIONS = {"catalog.view", "catalog.export_bulk"}
FILTERS = {"catalog.standards": _standards}
DENIALS = {
    "catalog.edit": _("标准目录由国家标准委维护；如发现目录信息有误，请在该标准页面提交实施信息反馈。"),
    "catalog.record_conversion": _("行业标准、地方标准的转化由其主管部门（行业代号或行政区划的备案单位）或国家标准委登记。"),
    "catalog.abolish_group": _("团体标准由国家标准委或社会团体登记地的省级标准化行政主管部门依法废止（《标准化法》第三十九条）。"),
}
