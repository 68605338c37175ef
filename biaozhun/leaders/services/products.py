"""Yearly key products and their evaluation schemes (the national administration's)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.core.errors import ValidationFailed
from biaozhun.identifiers import parse

from ..models import KeyProduct, MatchMode, Scheme, SchemeIndicator
from ..schemes import IndicatorInput, clean_indicators
from . import events


def _words(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
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


@transaction.atomic
def create_key_product(actor: Any, *, year: int, name: str, keywords: list[str] = (), standards: list[str] = (),
                       match: str = MatchMode.ANY, domain: str = "", note: str = "") -> KeyProduct:
    """A key product of the year; declarations match it by product-name keywords and/or executed standards."""
    policy.require(actor, "leaders.manage")
    name, keywords, standards = " ".join(name.split()), _words(list(keywords)), _words(list(standards))
    problems = []
    if not name:
        problems.append({"field": "name", "message": _("请填写重点产品名称。")})
    if not 2000 <= int(year) <= 2100:
        problems.append({"field": "year", "message": _("年度应为四位数字，如 2026。")})
    if not keywords and not standards:
        problems.append({"field": "keywords", "message": _("请至少填写一个产品名称关键词或一项执行标准，用来确定哪些声明参与评估。")})
    if match not in MatchMode.values:
        problems.append({"field": "match", "message": _("匹配方式应为 any 或 all。")})
    if name and KeyProduct.objects.filter(year=year, name=name).exists():
        problems.append({"field": "name", "message": _("%(year)s 年已有重点产品“%(name)s”。") % {"year": year,
                                                                                          "name": name}})
    if problems:
        raise ValidationFailed(_("未能设立重点产品，请按提示修改。"), problems)
    product = KeyProduct.objects.create(
        year=year, name=name, keywords=keywords, standards=[_undated(s) for s in standards], match=match,
        domain=domain.strip(), note=note.strip(), created_at=clock.now(), created_by=user_or_none(actor))
    events.key_product_created(product, actor=actor)
    return product


@transaction.atomic
def create_scheme(actor: Any, *, key_product: KeyProduct, title: str, indicators: list[IndicatorInput],
                  note: str = "") -> Scheme:
    """A scheme with its indicators, all written at once and never changed (a new scheme replaces it)."""
    policy.require(actor, "leaders.manage", key_product)
    title = " ".join(title.split())
    cleaned, problems = clean_indicators(indicators)
    if not title:
        problems.insert(0, {"field": "title", "message": _("请填写方案名称。")})
    elif Scheme.objects.filter(key_product=key_product, title=title).exists():
        problems.insert(0, {"field": "title", "message": _("该重点产品已有同名方案；新方案请另起名称。")})
    if problems:
        raise ValidationFailed(_("未能发布评估方案，请按提示修改。"), problems)
    scheme = Scheme.objects.create(key_product=key_product, title=title, note=note.strip(), created_at=clock.now(),
                                   created_by=user_or_none(actor))
    SchemeIndicator.objects.bulk_create(SchemeIndicator(scheme=scheme, position=position, **row)
                                        for position, row in enumerate(cleaned, 1))
    events.scheme_created(scheme, actor=actor, indicators=cleaned)
    return scheme
