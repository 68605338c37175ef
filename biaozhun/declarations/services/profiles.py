"""An enterprise's public profile (region down to the county, industry, address, enterprise standard code) and its
products."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed
from biaozhun.reference.models import RegionCode
from biaozhun.reference.selectors import industry_class_codes

from ..models import EnterpriseEventKind, EnterpriseProfile, Product
from . import events

# The municipalities' counties are numbered under the groupings 01 (市辖区) and 02 (县), which the region table
# leaves out (local standards carry the province code, DB11): 110105 朝阳区 is a county of 11 (decision 0019).
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
_COUNTY = re.compile(r"^\d{6}$")
_STANDARD_CODE = re.compile(r"^[A-Z0-9]{1,40}$")
PRODUCT_LIMITS = {"name": 200, "model": 200, "code": 50}


def county_code_problem(code: str) -> str | None:
    """Why a 6-digit GB/T 2260 code is not accepted, or None. The region table holds provinces and prefecture-level
    cities only: a county is accepted when its first 4 digits are a known city, or its first 2 a known province
    followed by 00 (the province itself, or a county-level city it administers directly), or a municipality
    followed by 01 or 02."""
    if not _COUNTY.match(code):
        return _("请填写 6 位行政区划代码（GB/T 2260），如 320102 表示南京市玄武区。")
    known = set(RegionCode.objects.filter(code__in=[code[:2], code[:4]]).values_list("code", flat=True))
    if code[:4] in known:
        return None
    if code[:2] in known and (code[2:4] == "00" or (code[:2] in MUNICIPALITIES and code[2:4] in ("01", "02"))):
        return None
    if code[:2] not in known:
        return _("行政区划代码 %(code)s 的前两位 %(province)s 不是省级代码，请核对。") % {"code": code, "province": code[:2]}
    return _("行政区划代码 %(code)s 的前四位 %(city)s 不是已知的地级市代码，请核对（可参考营业执照上的登记机关所在地）。") % {
        "code": code, "city": code[:4]}


@dataclass
class ProfileInput:
    region_code: str
    industry_class: str = ""
    address: str = ""
    standard_code: str = ""


def _clean_profile(data: ProfileInput, enterprise: Organisation) -> list[dict[str, str]]:
    problems = []
    data.region_code = (data.region_code or "").strip()
    data.industry_class = (data.industry_class or "").strip().upper()
    data.address = " ".join((data.address or "").split())
    data.standard_code = re.sub(r"\s+", "", data.standard_code or "").upper()
    problem = county_code_problem(data.region_code)
    if problem:
        problems.append({"field": "region_code", "message": problem})
    if data.industry_class and data.industry_class not in industry_class_codes():
        problems.append({"field": "industry_class", "message": _(
            "“%(code)s”不是国民经济行业分类（GB/T 4754—2017）的门类、大类或中类代码，如 C38。") % {"code": data.industry_class}})
    if len(data.address) > 300:
        problems.append({"field": "address", "message": _("地址最多 300 个字符。")})
    if data.standard_code and not _STANDARD_CODE.match(data.standard_code):
        problems.append({"field": "standard_code", "message": _("企业标准代号只能由大写字母和数字组成，如 ABC 或统一社会信用代码。")})
    elif data.standard_code and EnterpriseProfile.objects.filter(standard_code=data.standard_code).exclude(
            organisation=enterprise).exists():
        problems.append({"field": "standard_code", "message": _("企业标准代号 %(code)s 已被其他企业使用，请换一个。") % {
            "code": data.standard_code}})
    return problems


FIELDS = ("region_code", "industry_class", "address", "standard_code")


@transaction.atomic
def set_enterprise_profile(*, actor: Any, enterprise: Organisation, data: ProfileInput) -> EnterpriseProfile:
    """Create or change the enterprise's profile; a region change is copied onto its declarations (search filters
    them by region without a join)."""
    policy.require(actor, "declarations.edit_profile", enterprise)
    problems = _clean_profile(data, enterprise)
    if problems:
        raise ValidationFailed(_("企业信息未能保存，请按提示修改。"), problems)
    profile = EnterpriseProfile.objects.select_for_update().filter(organisation=enterprise).first()
    before = {name: getattr(profile, name) for name in FIELDS} if profile else {}
    after = {name: getattr(data, name) for name in FIELDS}
    if before == after:
        return profile
    profile = profile or EnterpriseProfile(organisation=enterprise)
    for name, value in after.items():
        setattr(profile, name, value)
    profile.updated_at = clock.now()
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise ValidationFailed(_("企业信息未能保存，请按提示修改。"), [{"field": "standard_code", "message": _(
            "企业标准代号 %(code)s 已被其他企业使用，请换一个。") % {"code": data.standard_code}}]) from None
    if before.get("region_code") and before["region_code"] != profile.region_code:
        enterprise.declarations.update(region_code=profile.region_code)
    events.record([events.enterprise_event(enterprise, EnterpriseEventKind.PROFILE_SET, actor=actor, before=before,
                                           after=after)])
    return profile


def enterprise_codes(enterprise: Organisation, profile: EnterpriseProfile | None) -> frozenset[str]:
    """The codes the enterprise's Q/ numbers may carry: its enterprise standard code, its USCC and the 9-character
    organisation code inside the USCC (characters 9–17)."""
    codes = {enterprise.uscc.upper(), enterprise.uscc[8:17].upper() if len(enterprise.uscc) == 18 else ""}
    if profile is not None:
        codes.add(profile.standard_code.upper())
    return frozenset(code for code in codes if code)


@dataclass
class ProductInput:
    name: str
    model: str = ""
    code: str = ""


def _clean_product(data: ProductInput, enterprise: Organisation, exclude: int | None) -> list[dict[str, str]]:
    problems = []
    for name, limit in PRODUCT_LIMITS.items():
        value = " ".join(str(getattr(data, name) or "").split())
        setattr(data, name, value)
        if len(value) > limit:
            problems.append({"field": name, "message": _("最多 %(limit)s 个字符。") % {"limit": limit}})
    if not data.name:
        problems.append({"field": "name", "message": _("请填写产品名称。")})
    elif Product.objects.filter(enterprise=enterprise, name=data.name, model=data.model).exclude(pk=exclude).exists():
        problems.append({"field": "model", "message": _("已有名称和型号规格相同的产品；不同型号请填写型号规格。")})
    return problems


@transaction.atomic
def add_product(*, actor: Any, enterprise: Organisation, data: ProductInput) -> Product:
    policy.require(actor, "declarations.manage_products", enterprise)
    problems = _clean_product(data, enterprise, None)
    if problems:
        raise ValidationFailed(_("产品未能保存，请按提示修改。"), problems)
    product = Product.objects.create(enterprise=enterprise, name=data.name, model=data.model, code=data.code,
                                     created_at=clock.now())
    events.record([events.enterprise_event(enterprise, EnterpriseEventKind.PRODUCT_ADDED, actor=actor,
                                           product=product.pk, name=data.name, model=data.model, code=data.code)])
    return product


@transaction.atomic
def edit_product(*, actor: Any, product: Product, data: ProductInput) -> Product:
    """Change a product's name, model or code; its declarations show the new words (their versions keep the old)."""
    enterprise = product.enterprise
    policy.require(actor, "declarations.manage_products", enterprise)
    problems = _clean_product(data, enterprise, product.pk)
    if problems:
        raise ValidationFailed(_("产品未能保存，请按提示修改。"), problems)
    before = {"name": product.name, "model": product.model, "code": product.code}
    after = {"name": data.name, "model": data.model, "code": data.code}
    if before == after:
        return product
    product.name, product.model, product.code = data.name, data.model, data.code
    product.save(update_fields=["name", "model", "code"])
    events.record([events.enterprise_event(enterprise, EnterpriseEventKind.PRODUCT_CHANGED, actor=actor,
                                           product=product.pk, before=before, after=after)])
    return product
