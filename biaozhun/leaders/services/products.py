"""Yearly key products (重点产品): set and edited by the national administration. A key product says which
declarations take part in its rankings: product-name keywords, product code prefixes (a code range or category),
executed standards, any or all of them. A run keeps what it matched by in its snapshot, so an edit changes the
next run only; once a list of the product is public (in notice or published) its year and name, which the list
and the leader badges show, are fixed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.identifiers import parse

from ..models import KeyProduct, ListState, MatchMode
from . import events

MAX_TERMS = 50  # keywords, standards or code prefixes each
CODE_PREFIX = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,49}")
EDITABLE = ("year", "name", "domain", "keywords", "standards", "product_codes", "match", "note")


class StaleEdit(DomainError):
    """Someone saved the key product or scheme after the editor opened it."""

    code = "stale_edit"
    status = 409


@dataclass
class KeyProductInput:
    year: int
    name: str
    keywords: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    product_codes: list[str] = field(default_factory=list)
    match: str = MatchMode.ANY
    domain: str = ""
    note: str = ""


def _words(values: Any) -> list[str]:
    seen: list[str] = []
    for value in values or ():
        word = " ".join(str(value).split())
        if word and word not in seen:
            seen.append(word)
    return seen


def _undated(number: str) -> str:
    """GB 12021.2-2015 → GB 12021.2; a number the parser does not know is kept as written (without a year)."""
    try:
        return parse(number).undated
    except ValueError:  # IdentifierError: kept as written, without what looks like a year
        return number.rsplit("-", 1)[0] if "-" in number else number


def _checked(data: KeyProductInput, *, current: KeyProduct | None) -> dict[str, Any]:
    """The fields as stored, or ValidationFailed naming each field that is wrong."""
    values = {"name": " ".join(str(data.name).split()), "domain": " ".join(str(data.domain).split()),
              "note": str(data.note).strip(), "match": data.match, "keywords": _words(data.keywords),
              "standards": _words(_undated(s) for s in _words(data.standards)),
              "product_codes": _words("".join(str(c).split()) for c in data.product_codes)}
    problems = []
    if not values["name"]:
        problems.append({"field": "name", "message": _("请填写重点产品名称。")})
    elif len(values["name"]) > 200:
        problems.append({"field": "name", "message": _("重点产品名称最多 200 个字符。")})
    if len(values["domain"]) > 200:
        problems.append({"field": "domain", "message": _("重点领域最多 200 个字符。")})
    try:
        values["year"] = int(data.year)
    except (TypeError, ValueError):
        values["year"] = 0
    if not 2000 <= values["year"] <= 2100:
        problems.append({"field": "year", "message": _("年度应为四位数字，如 2026。")})
    if not (values["keywords"] or values["standards"] or values["product_codes"]):
        problems.append({"field": "keywords", "message": _(
            "请至少填写一个产品名称关键词、一个产品编码范围或一项执行标准，用来确定哪些声明参与评估。")})
    for name in ("keywords", "standards", "product_codes"):
        if len(values[name]) > MAX_TERMS or any(len(v) > 200 for v in values[name]):
            problems.append({"field": name, "message": _("最多 %(n)d 项，每项不超过 200 个字符。") % {"n": MAX_TERMS}})
    bad_codes = [code for code in values["product_codes"] if not CODE_PREFIX.fullmatch(code)]
    if bad_codes:
        problems.append({"field": "product_codes", "message": _(
            "“%(code)s”不是产品编码范围：请填写编码的开头部分（字母、数字、点或连字符），如 8418 表示以 8418 开头的全部编码。")
            % {"code": bad_codes[0]}})
    if values["match"] not in MatchMode.values:
        problems.append({"field": "match", "message": _("匹配方式应为 any（之一相符）或 all（均须相符）。")})
    if values["name"] and values["year"] and KeyProduct.objects.filter(year=values["year"], name=values["name"]) \
            .exclude(pk=getattr(current, "pk", None)).exists():
        problems.append({"field": "name", "message": _("%(year)s 年已有重点产品“%(name)s”。") % values})
    if current is not None and current.lists.filter(state__in=(ListState.NOTICE, ListState.PUBLISHED)).exists():
        for name in ("year", "name"):
            if values[name] != getattr(current, name):
                problems.append({"field": name, "message": _(
                    "该重点产品已有公示或发布的领跑者名单，名单和领跑者标识上写着它的年度和名称，不能再改；"
                    "如需调整，请另设一个重点产品。")})
    if problems:
        raise ValidationFailed(_("未能保存重点产品，请按提示修改。"), problems)
    return values


@transaction.atomic
def create_key_product(actor: Any, *, year: int, name: str, keywords: Any = (), standards: Any = (),
                       product_codes: Any = (), match: str = MatchMode.ANY, domain: str = "",
                       note: str = "") -> KeyProduct:
    """A key product of the year; declarations match it by product-name keywords, product code prefixes and/or
    executed standards."""
    policy.require(actor, "leaders.manage")
    values = _checked(KeyProductInput(year=year, name=name, keywords=list(keywords), standards=list(standards),
                                      product_codes=list(product_codes), match=match, domain=domain, note=note),
                      current=None)
    now = clock.now()
    product = KeyProduct.objects.create(**values, created_at=now, updated_at=now, created_by=user_or_none(actor))
    events.key_product_created(product, actor=actor)
    return product


@transaction.atomic
def update_key_product(actor: Any, *, product: KeyProduct, data: KeyProductInput,
                       expected_version: int) -> KeyProduct:
    """Edit a key product; refused when someone saved it after the editor opened `expected_version`. Nothing
    changed: nothing written."""
    current = KeyProduct.objects.select_for_update().get(pk=product.pk)
    policy.require(actor, "leaders.edit_product", current)
    if current.version != expected_version:
        raise StaleEdit(_("您打开之后，已有其他人修改了重点产品“%(name)s”。请重新打开，再次填写您的修改。") % {
            "name": current.name}, expected_version=expected_version, version=current.version)
    values = _checked(data, current=current)
    before = {name: getattr(current, name) for name in EDITABLE}
    changed = sorted(name for name in EDITABLE if values[name] != before[name])
    if not changed:
        return current
    for name in changed:
        setattr(current, name, values[name])
    current.version += 1
    current.updated_at = clock.now()
    current.save(update_fields=[*changed, "version", "updated_at"])
    events.key_product_changed(current, actor=actor, before={name: before[name] for name in changed},
                               after={name: values[name] for name in changed})
    return current

