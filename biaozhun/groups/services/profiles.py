"""A social organisation's registry entry: registered and edited by its admins, each change with its event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.core import clock
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.reference.models import IndustryClass, RegionCode
from biaozhun.rules.group_codes import normalise_group_code

from .. import events
from ..codes import code_problems
from ..models import GroupProfile

TEXT_LIMITS = {"registration_authority": 200, "supervising_unit": 200, "introduction": 2000, "website": 200}


class AlreadyRegistered(DomainError):
    code = "group_already_registered"
    status = 409


class StaleProfile(DomainError):
    code = "stale_edit"
    status = 409


@dataclass(frozen=True)
class ProfileInput:
    code: str
    registration_authority: str
    region: str  # a GB/T 2260 code of the reference table: province (32) or city (3201)
    industry: str  # a GB/T 4754 section (C) or division (C38)
    supervising_unit: str = ""
    introduction: str = ""
    website: str = ""

    def cleaned(self) -> ProfileInput:
        return ProfileInput(
            code=normalise_group_code(self.code),
            registration_authority=" ".join(self.registration_authority.split()),
            region=self.region.strip(), industry=self.industry.strip().upper(),
            supervising_unit=" ".join(self.supervising_unit.split()),
            introduction=self.introduction.strip(), website=self.website.strip())


def _checked(data: ProfileInput, *, profile: GroupProfile | None) -> tuple[ProfileInput, RegionCode, IndustryClass]:
    data = data.cleaned()
    problems: list[dict[str, str]] = []
    if profile is not None and data.code != profile.code and profile.standards.exists():
        problems.append({"field": "code", "message": _(
            "已发布团体标准的社会团体不能修改团体代号（已发布的标准编号带有 %(code)s）；确需变更请联系系统管理员。") % {
            "code": profile.code}})
    else:
        problems += [{"field": "code", "message": m} for m in code_problems(data.code, profile=profile)]
    if not data.registration_authority:
        problems.append({"field": "registration_authority", "message": _("请填写登记管理机关，如：中华人民共和国民政部。")})
    for field, limit in TEXT_LIMITS.items():
        if len(getattr(data, field)) > limit:
            problems.append({"field": field, "message": _("最多 %(limit)s 个字符，实际 %(length)s 个") % {
                "limit": limit, "length": len(getattr(data, field))}})
    if data.website:
        try:
            URLValidator(schemes=["http", "https"])(data.website)
        except ValidationError:
            problems.append({"field": "website", "message": _("请填写以 http:// 或 https:// 开头的网址。")})
    region = RegionCode.objects.filter(code=data.region).select_related("parent").first() if data.region else None
    if region is None:
        problems.append({"field": "region", "message": _(
            "请选择所在地区：GB/T 2260 的省级（2 位，如 32）或地市级（4 位，如 3201）行政区划代码。")})
    industry = IndustryClass.objects.filter(code=data.industry, level__lte=2).select_related("parent").first() \
        if data.industry else None
    if industry is None:
        problems.append({"field": "industry", "message": _(
            "请选择国民经济行业分类（GB/T 4754）的门类（如 M）或大类（如 M74）。")})
    if problems:
        raise ValidationFailed(_("社会团体信息未能保存，请按所列字段的提示修改。"), problems)
    return data, region, industry


def _apply(profile: GroupProfile, data: ProfileInput, region: RegionCode, industry: IndustryClass) -> None:
    profile.code = data.code
    profile.registration_authority, profile.supervising_unit = data.registration_authority, data.supervising_unit
    profile.region, profile.province = region, region.parent if region.parent_id else region
    profile.industry, profile.industry_section = industry, industry.parent if industry.parent_id else industry
    profile.introduction, profile.website = data.introduction, data.website


def snapshot(profile: GroupProfile) -> dict[str, Any]:
    return {"code": profile.code, "registration_authority": profile.registration_authority,
            "supervising_unit": profile.supervising_unit, "region": profile.region_id,
            "industry": profile.industry_id, "introduction": profile.introduction, "website": profile.website}


def _save(profile: GroupProfile, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            profile.save(**kwargs)
    except IntegrityError:  # a concurrent registration took the code between the check and the write
        raise ValidationFailed(_("社会团体信息未能保存，请按所列字段的提示修改。"), [{"field": "code", "message": _(
            "团体代号“%(code)s”已被其他社会团体使用（不区分大小写），请另选代号。") % {"code": profile.code}}]) from None


@transaction.atomic
def register_group(*, actor: Any, organisation: Organisation, data: ProfileInput) -> GroupProfile:
    """Register the social organisation in the public registry with its group code."""
    policy.require(actor, "groups.register", organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.kind != OrganisationKind.SOCIAL_ORGANISATION:
        raise ValidationFailed(_("只有社会团体可以登记团体信息。"), [{"field": "organisation", "message": _(
            "“%(name)s”的类型是%(kind)s，不是社会团体。") % {"name": organisation.name,
                                                          "kind": organisation.get_kind_display()}}])
    if GroupProfile.objects.filter(organisation=organisation).exists():
        raise AlreadyRegistered(_("%(name)s 已登记团体信息，请在其工作页面修改。") % {"name": organisation.name})
    data, region, industry = _checked(data, profile=None)
    now = clock.now()
    profile = GroupProfile(organisation=organisation, registered_at=now, updated_at=now)
    _apply(profile, data, region, industry)
    _save(profile)
    events.registered(profile, actor=actor, after=snapshot(profile))
    return profile


@transaction.atomic
def update_group(*, actor: Any, profile: GroupProfile, data: ProfileInput, expected_version: int) -> GroupProfile:
    """Change the registry entry; refused if someone saved it after the editor opened version `expected_version`."""
    policy.require(actor, "groups.edit_profile", profile)
    current = GroupProfile.objects.select_for_update().select_related("organisation").get(pk=profile.pk)
    if current.version != expected_version:
        raise StaleProfile(_("您打开之后，已有其他人修改了 %(name)s 的信息。请重新打开，再次填写您的修改。") % {
            "name": current.organisation.name}, expected_version=expected_version, version=current.version)
    data, region, industry = _checked(data, profile=current)
    before = snapshot(current)
    _apply(current, data, region, industry)
    after = snapshot(current)
    changed = {key for key in after if after[key] != before[key]}
    if not changed:
        return current
    current.version += 1
    current.updated_at = clock.now()
    _save(current)
    events.updated(current, actor=actor, before={k: before[k] for k in sorted(changed)},
                   after={k: after[k] for k in sorted(changed)})
    return current
