"""Public catalogue pages: home and edition detail (the texts themselves: texts.py)."""

from django.core.cache import cache
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.catalog import selectors, text_access
from biaozhun.catalog.identifier_messages import identifier_message
from biaozhun.catalog.models import RelationKind, Status, Tier
from biaozhun.catalog.status_text import status_explanation
from biaozhun.development.selectors import project_of_edition
from biaozhun.feedback.selectors.public import interpretations_of
from biaozhun.filing.selectors.public_page import filing_of_standard
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.international.adoption.panel import standard_panel
from biaozhun.international.selectors.records import record_panel
from biaozhun.reference.selectors import ics_classes, industry_classes
from biaozhun.stats import usage
from biaozhun.systems.selectors import tags_of_standard

from ..selectors import follow_state

COUNT_TTL = 300  # seconds a count over the catalogue is reused; counts of millions of rows cost a table scan


def _tier_counts(standards) -> dict[str, int]:
    counts = cache.get("portal:tier_counts")
    if counts is None:
        counts = dict(standards.values_list("tier").annotate(n=Count("id")).order_by())
        cache.set("portal:tier_counts", counts, COUNT_TTL)
    return counts


@require_safe
def home(request):
    standards = policy.visible("catalog.standards", request.user)
    counts = _tier_counts(standards)
    context = {
        "tier_counts": [(tier, counts.get(tier.value, 0)) for tier in Tier],
        "latest": standards.exclude(tier=Tier.ENTERPRISE).filter(published_on__isnull=False).order_by("-published_on", "-id")[:10],
        "upcoming": standards.filter(status=Status.UPCOMING).order_by("implemented_on", "id")[:10],
        "abolished": standards.filter(status=Status.ABOLISHED).order_by("-abolished_on", "-id")[:10],
    }
    return render(request, "portal/home.html", context)


@require_safe
def standard_detail(request, identifier: str):
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        try:
            ident = parse(identifier)
        except IdentifierError as exc:
            raise Http404(identifier_message(exc)) from exc
        if ident.canonical != identifier:
            return redirect("portal:standard_detail", identifier=ident.canonical)
        if ident.year is None:  # an undated number shows the edition in force, else the newest
            edition = selectors.edition_of_series(viewer=request.user, undated=ident.undated)
            if edition is not None:
                return redirect(edition)
        raise Http404(identifier)
    if standard.identifier != identifier:  # found by its edition: show the full double number
        return redirect(standard)
    usage.count(request, standard, "views")
    relations = list(standard.relations_out.select_related("target").order_by("kind", "target_identifier"))
    older, newer = selectors.replacement_chain(standard)
    amendments = list(standard.amendments.all())
    context = {
        "standard": standard,
        "status_text": status_explanation(standard),
        "older": older,
        "newer": newer,
        "replaces": [r for r in relations if r.kind == RelationKind.REPLACES],
        "adopts": [r for r in relations if r.kind == RelationKind.ADOPTS],
        "references": [r for r in relations if r.kind == RelationKind.REFERENCES],
        "referenced_by": standard.relations_in.filter(kind=RelationKind.REFERENCES).select_related("source")[:50],
        "adoption": standard_panel(standard),
        "iso_record": record_panel(standard),
        "converted_to": [r for r in relations if r.kind == RelationKind.CONVERTED_TO],
        "converted_from": standard.relations_in.filter(kind=RelationKind.CONVERTED_TO).select_related("source")
        .order_by("source__sort_key")[:50],
        "amendments": amendments,
        "amendments_with_text": [sheet for sheet in amendments if sheet.file],
        "full_texts": [(text, text_access.offer(standard, language=text.language, relations=relations))
                       for text in sorted(standard.full_texts.all(), key=lambda t: (t.language != "zh", t.language))],
        "text_offer": text_access.offer(standard, relations=relations),
        "may_read_any": policy.can(request.user, "catalog.read_any_text", standard),
        "drafters_public": text_access.drafters_public(standard),
        "drafters_withheld": text_access.DRAFTERS_WITHHELD,
        "project": project_of_edition(standard=standard),
        "programme_tags": tags_of_standard(standard),
        "filing": filing_of_standard(standard=standard),
        "interpretations": list(interpretations_of(standard=standard)),
        "industry_classes": industry_classes(list(standard.industry_classes)),
        "ics": ics_classes(list(standard.ics_codes or ([standard.ics_id] if standard.ics_id else []))),
        "following": follow_state(user=request.user, standard=standard),
        "editions": selectors.editions_of(standard).only("identifier", "status", "year")[:20],
        "events": standard.events.select_related("actor").order_by("-at", "-id")[:50],
    }
    return render(request, "portal/standard_detail.html", context)

