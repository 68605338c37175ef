"""The public search of declarations (as qybz.org.cn): by enterprise (name or USCC), product (name or model),
standard (number in any spelling the identifier parser reads, or title words) and region (province, city,
county), flagged ones only if asked. Only published declarations are found; newest first (by id, the order of
first disclosure); pages by keyset (`after` = the last id shown), so page 10,000 costs what page 1 does; counts stop
at COUNT_CAP. docs/decisions/0020-declaration-search-at-scale.md."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as stdnum_uscc

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.identifiers import IdentifierError, parse

from ..models import Declaration, DeclarationProduct, DeclarationState
from ..search import index
from ..search.tokens import Field, query_words

PAGE_SIZE = 20
MAX_KEYWORD = 100
COUNT_CAP = index.COUNT_CAP
REGION = re.compile(r"^(\d{2}|\d{4}|\d{6})$")
MESSAGE_TOO_SHORT = _("关键词至少需要两个字（标点和空格不计）。")


class Scope(StrEnum):
    """Where the keyword is looked for."""

    ALL = "all"
    ENTERPRISE = "enterprise"
    PRODUCT = "product"
    STANDARD = "standard"


SCOPE_LABELS = {
    Scope.ALL: _("全部"),
    Scope.ENTERPRISE: _("企业名称或统一社会信用代码"),
    Scope.PRODUCT: _("产品名称或型号"),
    Scope.STANDARD: _("标准号或标准名称"),
}
SCOPE_FIELDS = {
    Scope.ALL: tuple(Field),
    Scope.ENTERPRISE: (Field.ENTERPRISE,),
    Scope.PRODUCT: (Field.PRODUCT,),
    Scope.STANDARD: (Field.STANDARD,),
}


class Way(StrEnum):
    """How a search was answered (shown to no one; tests and the benchmark read it)."""

    BROWSE = "browse"  # no keyword, no filter: every published declaration
    USCC = "uscc"  # one enterprise by its code
    NUMBER = "number"  # a standard number: the identifier indexes
    INDEX = "index"  # words and/or filters: the search index
    NONE = "none"  # nothing to look for (a keyword too short)


@dataclass(frozen=True)
class DeclarationQuery:
    q: str = ""
    scope: Scope = Scope.ALL
    region: str = ""  # 2-, 4- or 6-digit GB/T 2260 code; "" for anywhere
    flagged: bool = False  # only declarations the automatic checks flagged

    def __post_init__(self) -> None:
        object.__setattr__(self, "q", " ".join(self.q.replace("\x00", "").split())[:MAX_KEYWORD])
        if self.region and not REGION.match(self.region):
            raise ValueError(f"region code of 2, 4 or 6 digits expected, got {self.region!r}")


@dataclass
class ResultPage:
    items: list[Declaration]
    count: int  # up to COUNT_CAP + 1
    next_after: int | None  # the `after` of the next page, None on the last
    way: Way
    problem: str = ""  # why nothing was looked for
    number: str = ""  # the standard number as read, when the keyword was one
    enterprise: Organisation | None = field(default=None)

    @property
    def count_capped(self) -> bool:
        return self.count > COUNT_CAP


def read_number(text: str):
    """The standard number a keyword is, or None: it must parse and contain a digit (GB/T 19001, Q/ABC 001)."""
    if not any(c.isdigit() for c in text):
        return None
    try:
        return parse(text)
    except IdentifierError:
        return None


def read_uscc(text: str) -> str | None:
    code = text.replace(" ", "").upper()
    return code if len(code) == 18 and stdnum_uscc.is_valid(code) else None


def published() -> QuerySet[Declaration]:
    return Declaration.objects.filter(state=DeclarationState.PUBLISHED)


def _filtered(declarations: QuerySet[Declaration], query: DeclarationQuery) -> QuerySet[Declaration]:
    if query.region:  # a range of codes (32 → [32, 33)), which an index can read, where LIKE '32%' could not
        after = query.region[:-1] + chr(ord(query.region[-1]) + 1)
        declarations = (declarations.filter(region_code=query.region) if len(query.region) == 6
                        else declarations.filter(region_code__gte=query.region, region_code__lt=after))
    if query.flagged:
        declarations = declarations.filter(flagged=True)
    return declarations


def _ids(declarations: QuerySet[Declaration], after: int | None, limit: int) -> list[int]:
    if after is not None:
        declarations = declarations.filter(id__lt=after)
    return list(declarations.order_by("-id").values_list("id", flat=True)[:limit])


def _capped_count(declarations: QuerySet[Declaration]) -> int:
    return declarations.order_by().values("id")[: COUNT_CAP + 1].count()


def with_rows(ids: list[int]) -> list[Declaration]:
    """The declarations of `ids`, in that order, with their enterprise and products (two queries)."""
    if not ids:
        return []
    rows = {d.pk: d for d in Declaration.objects.filter(pk__in=ids).select_related("enterprise").only(
        "id", "identifier", "title", "tier", "source", "state", "flagged", "region_code", "declared_at",
        "version", "enterprise__id", "enterprise__name", "enterprise__uscc")}
    products: dict[int, list] = {pk: [] for pk in ids}
    for link in DeclarationProduct.objects.filter(declaration_id__in=ids).select_related("product").order_by(
            "declaration_id", "product__name", "product_id"):
        products[link.declaration_id].append(link.product)
    for pk, declaration in rows.items():
        declaration.product_list = products.get(pk, [])
    return [rows[pk] for pk in ids if pk in rows]


def search_declarations(*, query: DeclarationQuery, after: int | None = None, limit: int = PAGE_SIZE) -> ResultPage:
    """One page of published declarations matching `query`, newest first, after the id `after`."""
    q, scope = query.q, query.scope
    if q and scope in (Scope.ALL, Scope.ENTERPRISE) and (code := read_uscc(q)):
        # exclude(uscc=""): the condition of the USCC's partial unique index, so the database may use it.
        enterprise = (Organisation.objects.filter(uscc=code, kind=OrganisationKind.ENTERPRISE).exclude(uscc="")
                      .order_by().first())
        declarations = _filtered(published().filter(enterprise=enterprise), query) if enterprise else None
        return _from_queryset(declarations, after, limit, Way.USCC, enterprise=enterprise)
    if q and scope in (Scope.ALL, Scope.STANDARD) and (ident := read_number(q)):
        if ident.year is not None:
            declarations = published().filter(identifier=str(ident))
        else:
            declarations = published().filter(undated=ident.undated)
        return _from_queryset(_filtered(declarations, query), after, limit, Way.NUMBER, number=str(ident))
    words = query_words(q) if q else []
    if q and not words:
        return ResultPage(items=[], count=0, next_after=None, way=Way.NONE, problem=str(MESSAGE_TOO_SHORT))
    if not words and not query.region and not query.flagged:
        return _from_queryset(published(), after, limit, Way.BROWSE)
    match = index.Match(words=words, fields=SCOPE_FIELDS[scope], region=query.region, flagged=query.flagged)
    ids = index.matching_ids(match, before=after, limit=limit + 1)
    count = index.matching_count(match)
    return _page(ids, limit, count, Way.INDEX)


def _from_queryset(declarations, after, limit, way, **extra) -> ResultPage:
    if declarations is None:
        return ResultPage(items=[], count=0, next_after=None, way=way, **extra)
    ids = _ids(declarations, after, limit + 1)
    count = _capped_count(declarations)
    return _page(ids, limit, count, way, **extra)


def _page(ids: list[int], limit: int, count: int, way: Way, **extra) -> ResultPage:
    more = len(ids) > limit
    ids = ids[:limit]
    return ResultPage(items=with_rows(ids), count=count, next_after=ids[-1] if more else None, way=way, **extra)
