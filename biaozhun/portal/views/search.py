"""The catalogue search page: one box for words, pinyin and numbers; an advanced form (dates, organisations, full
text, adoption); facets; highlights; sort; pages; suggestions when nothing is found."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.catalog.models import Degree, Nature, Status, Tier
from biaozhun.core.bilingual import in_language
from biaozhun.core.ratelimit import by_user_or_address, limit_page
from biaozhun.reference.models import CcsCode, IcsCode, IndustryCode, RegionCode
from biaozhun.search.documents import DATE_FILTERS, FACETS, NAME_FILTERS, NO, TAG_FILTERS, YES
from biaozhun.search.engine import (
    MAX_OFFSET,
    MAX_QUERY_LENGTH,
    SORT_ORDERS,
    IndexStateError,
    SearchError,
    SearchQuery,
    get_engine,
    query_too_long,
)
from biaozhun.search.health import IndexCondition, forget_health, index_health
from biaozhun.search.suggest import SuggestionKind, suggest
from biaozhun.systems.models import ProgrammeTag

PAGE_SIZE = 20
# Seconds a reader is asked to wait before searching again while the index is rebuilt (Retry-After).
REBUILD_RETRY_AFTER = 60
# Facets shown, in order, with their heading.
FACET_TITLES = {
    "tier": lambda: _("层级"), "status": lambda: _("状态"), "nature": lambda: _("性质"), "ccs1": lambda: _("中国标准文献分类"),
    "ics": lambda: _("国际标准分类"), "industry": lambda: _("行业"), "province": lambda: _("地区"), "city": lambda: _("设区的市"),
    "year": lambda: _("年代号"), "fulltext": lambda: _("全文"), "adopted": lambda: _("采标"), "degree": lambda: _("采用程度"),
    "tc": lambda: _("技术委员会"),
}
# The advanced form's fields (besides facets): name -> label, for the chips that undo one.
ADVANCED_TITLES = {
    "published_from": lambda: _("发布日期起"), "published_to": lambda: _("发布日期止"),
    "implemented_from": lambda: _("实施日期起"), "implemented_to": lambda: _("实施日期止"),
    "responsible_unit": lambda: _("归口单位"), "competent_department": lambda: _("主管部门"),
    "drafting_unit": lambda: _("起草单位"), "tag": lambda: _("专项标签"),
}
# Yes/no facets that the advanced form sets with a select (not kept as hidden fields beside it).
FORM_FACETS = ("fulltext", "adopted")


def _labels() -> dict[str, dict[str, str]]:
    """Display names of facet values, per language (cached: they come from the reference tables)."""
    key = f"portal:facet_labels:{get_language()}"
    labels = cache.get(key)
    if labels is None:
        labels = {
            "tier": {v: str(label) for v, label in Tier.choices},
            "status": {v: str(label) for v, label in Status.choices},
            "nature": {v: str(label) for v, label in Nature.choices},
            "degree": {v: f"{v} {label}" for v, label in Degree.choices},
            "ccs1": {c["code"]: in_language(c, "name") for c in CcsCode.objects.filter(level=1).values("code", "name_zh", "name_en")},
            "ics": dict(IcsCode.objects.filter(level=1).values_list("code", "name_en")),
            "industry": dict(IndustryCode.objects.values_list("code", "name_zh")),
            "province": dict(RegionCode.objects.filter(level="province").values_list("code", "name_zh")),
            "city": dict(RegionCode.objects.filter(level="city").values_list("code", "name_zh")),
            "fulltext": {YES: _("有全文"), NO: _("无全文")},
            "adopted": {YES: _("采用国际标准"), NO: _("未采用国际标准")},
            "tag": dict(ProgrammeTag.objects.filter(active=True).values_list("code", "name_zh")),
        }
        cache.set(key, labels, 3600)
    return labels


def _filters(request) -> dict[str, list[str]]:
    filters = {name: values for name in FACETS if (values := [v for v in request.GET.getlist(name) if v])}
    for name in (*DATE_FILTERS, *NAME_FILTERS):
        if value := request.GET.get(name, "").strip():
            filters[name] = [value]
    for name in TAG_FILTERS:
        if values := [v.strip() for v in request.GET.getlist(name) if v.strip()]:
            filters[name] = values
    return filters


def _chip(name: str, value: str, labels: dict) -> str:
    """What the chip that undoes one filter says."""
    if name in FACETS:
        return labels.get(name, {}).get(value, value)
    if name in TAG_FILTERS:
        value = labels.get(name, {}).get(value, value)
    return f"{ADVANCED_TITLES[name]()}: {value}"


def _with_facets(request) -> str:
    params = request.GET.copy()
    params["facets"] = "1"
    return "?" + params.urlencode()


def _search_link(request, text: str, *, keep_filters: bool) -> str:
    """This page searching `text`, with the current filters and sort or with none."""
    params = request.GET.copy() if keep_filters else {}
    if keep_filters:
        params.pop("page", None)
        params["q"] = text
        return "?" + params.urlencode()
    return "?" + urlencode({"q": text})


def _facet_groups(result, filters: dict[str, list[str]], labels: dict) -> list[tuple]:
    """(name, title, [(value, label, count, chosen)]) for each facet with values, in FACET_TITLES order."""
    groups = []
    for name, title in FACET_TITLES.items():
        if values := result.facets.get(name) or []:
            chosen = set(filters.get(name, []))
            groups.append((name, title(), [
                (value, labels.get(name, {}).get(value, value), count, value in chosen) for value, count in values
            ]))
    return groups


@require_safe
@limit_page("search-facets", "BIAOZHUN_RATE_SEARCH", methods=("GET", "HEAD"), key=by_user_or_address)
def search_facets(request):
    """The facet counts of a search (the page's query string), as the HTML the page puts beside its results:
    counting them costs as much as the search, so the results are sent first and the page fetches these."""
    text = request.GET.get("q", "").strip()
    groups = []
    if len(text) <= MAX_QUERY_LENGTH and index_health().usable:
        filters = _filters(request)
        try:
            result = get_engine().search(SearchQuery(text=text, filters=filters, page_size=1, facets=True))
        except (SearchError, IndexStateError):
            result = None
        if result is not None and result.total:
            groups = _facet_groups(result, filters, _labels())
    return render(request, "portal/_search_facets.html", {"facets": groups})


@require_safe
@limit_page("search", "BIAOZHUN_RATE_SEARCH", methods=("GET", "HEAD"), key=by_user_or_address)
def search(request):
    text = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "relevance")
    sort = sort if sort in SORT_ORDERS else "relevance"
    filters = _filters(request)
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    page = min(page, MAX_OFFSET // PAGE_SIZE)
    error, guidance, result, index_notice, unavailable, suggestions = "", "", None, "", False, []
    # Facets come in a second request (search_facets) fetched by the page's script; without script, the
    # "筛选" link asks for this page with facets=1, counted here.
    inline_facets = request.GET.get("facets") == "1"
    if len(text) > MAX_QUERY_LENGTH:  # refused with a message, not cut: the reader decides what to keep
        guidance = query_too_long(len(text))
    else:
        health = index_health()
        unavailable = not health.usable
        if not unavailable:
            try:
                engine = get_engine()
                query = SearchQuery(text=text, filters=filters, sort=sort, page=page, page_size=PAGE_SIZE,
                                    facets=inline_facets)
                result = engine.search(query)
                if not result.total and not result.nothing_to_search:
                    suggestions = suggest(engine, query)
            except SearchError as exc:
                error = str(exc)
            except IndexStateError:  # gone since index_health() last looked
                forget_health()
                unavailable = True
        if unavailable:
            index_notice = _("搜索索引正在重建，暂时无法给出检索结果，结果可能不完整。请几分钟后刷新本页；"
                             "已知标准号时，也可以在地址栏输入 /std/标准号 直接打开该标准。")
        elif health.condition == IndexCondition.STALE:
            index_notice = _("搜索索引正在更新，结果可能不完整：最近约 %(minutes)s 分钟内新增或修改的标准可能尚未出现。"
                             "请稍后刷新本页。") % {"minutes": max(round(health.lag_seconds / 60), 1)}
    if result is not None and result.nothing_to_search:
        guidance = _("“%(query)s”中没有可以检索的字词。请输入标准号（如 GB/T 19001）、中文或英文关键词、拼音或拼音首字母（如 lzdc）；"
                     "单独的标点和符号（如 %% * ( ）不参与检索。") % {"query": text}
        result = None
    labels = _labels()
    facets = _facet_groups(result, filters, labels) if result is not None and inline_facets else []
    pages = 0
    if result is not None:
        pages = min((result.total + PAGE_SIZE - 1) // PAGE_SIZE, MAX_OFFSET // PAGE_SIZE)
    advanced = {name: filters.get(name, [""])[0] for name in (*DATE_FILTERS, *NAME_FILTERS)}
    for name in (*FORM_FACETS, *TAG_FILTERS):
        advanced[name] = filters[name][0] if len(filters.get(name, [])) == 1 else ""
    context = {
        "query": text[:MAX_QUERY_LENGTH], "sort": sort, "filters": filters, "result": result, "facets": facets,
        "inline_facets": inline_facets,
        "facets_src": f"{reverse('portal:search_facets')}?{request.GET.urlencode()}",
        "facets_inline_link": _with_facets(request),
        "advanced": advanced, "advanced_open": any(advanced.values()),
        "hidden": [(name, value) for name, values in filters.items() if name in FACETS and name not in FORM_FACETS
                   for value in values],
        "suggested_searches": [(s, _search_link(request, s.query, keep_filters=s.kind != SuggestionKind.UNFILTERED))
                               for s in suggestions if s.kind != SuggestionKind.TITLE],
        "suggested_titles": [s for s in suggestions if s.kind == SuggestionKind.TITLE],
        "error": error, "guidance": guidance, "index_notice": index_notice,
        "hits": [(hit, labels["status"].get(hit.status, hit.status)) for hit in result.hits] if result else [],
        "page": page, "pages": pages, "sorts": [("relevance", _("相关度")), ("date", _("发布日期")), ("number", _("标准号"))],
        "savable": result is not None and bool(text or filters),
        "chosen": [(name, value, _chip(name, value, labels)) for name, values in filters.items() for value in values],
        "programme_tags": sorted(labels.get("tag", {}).items()),
    }
    response = render(request, "portal/search.html", context, status=503 if unavailable else 200)
    if unavailable:
        response["Retry-After"] = str(REBUILD_RETRY_AFTER)
    return response
