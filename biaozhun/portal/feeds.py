"""Atom feeds: newly published, coming into force, abolished; for the whole catalogue or per CCS / ICS class.

/feeds/published.atom, /feeds/upcoming.atom, /feeds/abolished.atom, each also under /feeds/ccs/<code>/ and
/feeds/ics/<code>/ (a class such as "A" or "A00", a field or group such as "13" or "13.020"). Enterprise standards
are left out of the catalogue-wide feeds (half a million a year); add ?tier=enterprise to get them.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, Status, Tier
from biaozhun.catalog.status_text import status_explanation
from biaozhun.core.bilingual import in_language
from biaozhun.reference.models import CcsCode, IcsCode

ITEMS = 50
KINDS = {
    # kind: (title, filter, order)
    "published": (lambda: _("新发布的标准"), {"published_on__isnull": False}, "-published_on"),
    "upcoming": (lambda: _("即将实施的标准"), {"status": Status.UPCOMING}, "implemented_on"),
    "abolished": (lambda: _("已废止的标准"), {"status": Status.ABOLISHED}, "-abolished_on"),
}


def _prefix_range(field: str, prefix: str) -> dict:
    """startswith as a range, so SQLite can use the index (its LIKE is case-insensitive and cannot)."""
    return {f"{field}__gte": prefix, f"{field}__lt": prefix + "\uffff"}


class StandardsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, kind: str, scheme: str = "", code: str = ""):
        if kind not in KINDS or scheme not in ("", "ccs", "ics"):
            raise Http404(kind)
        label = ""
        if scheme == "ccs":
            label = CcsCode.objects.filter(code=code).values_list("name_zh", flat=True).first()
        elif scheme == "ics":
            label = IcsCode.objects.filter(code=code).values_list("name_en", flat=True).first()
        if scheme and not label:
            raise Http404(code)
        tier = request.GET.get("tier", "")
        return {"kind": kind, "scheme": scheme, "code": code, "label": label, "request": request,
                "tier": tier if tier in Tier.values else ""}

    def title(self, obj) -> str:
        title = KINDS[obj["kind"]][0]()
        if obj["scheme"]:
            title = f"{title} · {obj['scheme'].upper()} {obj['code']} {obj['label']}"
        return title

    def link(self, obj) -> str:
        return obj["request"].path

    def subtitle(self, obj) -> str:
        return _("标准信息公共服务")

    def items(self, obj):
        _title, filters, order = KINDS[obj["kind"]]
        standards = policy.visible("catalog.standards", obj["request"].user).filter(**filters)
        if obj["tier"]:
            standards = standards.filter(tier=obj["tier"])
        elif not obj["scheme"]:
            standards = standards.exclude(tier=Tier.ENTERPRISE)
        if obj["scheme"] == "ccs":
            standards = standards.filter(**_prefix_range("ccs_id", obj["code"]))
        elif obj["scheme"] == "ics":
            standards = standards.filter(**_prefix_range("ics_id", obj["code"]))
        return standards.order_by(order, "-id")[:ITEMS]

    def item_title(self, item: Standard) -> str:
        """In the request's language, like the feed's own title (English when the standard has an English title)."""
        return f"{item.identifier} {in_language(item)}"

    def item_description(self, item: Standard) -> str:
        return status_explanation(item)

    def item_pubdate(self, item: Standard):
        return None

    def item_updateddate(self, item: Standard):
        return item.updated_at

    def item_categories(self, item: Standard):
        return [item.get_tier_display(), item.get_status_display()]
