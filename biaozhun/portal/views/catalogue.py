"""Public catalogue pages: home, edition detail, full text (read and download)."""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.catalog import selectors
from biaozhun.catalog.identifier_messages import identifier_message
from biaozhun.catalog.models import RelationKind, Status, Tier
from biaozhun.catalog.status_text import status_explanation
from biaozhun.core.files import serve_file
from biaozhun.identifiers import IdentifierError, parse
from biaozhun.reference.selectors import ics_classes

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
            edition = (
                policy.visible("catalog.standards", request.user).filter(undated=ident.undated)
                .order_by(_in_force_first(), "-year").first()
            )
            if edition is not None:
                return redirect(edition)
        raise Http404(identifier)
    if standard.identifier != identifier:  # found by its edition: show the full double number
        return redirect(standard)
    relations = list(standard.relations_out.select_related("target").order_by("kind", "target_identifier"))
    older, newer = selectors.replacement_chain(standard)
    context = {
        "standard": standard,
        "status_text": status_explanation(standard),
        "older": older,
        "newer": newer,
        "replaces": [r for r in relations if r.kind == RelationKind.REPLACES],
        "adopts": [r for r in relations if r.kind == RelationKind.ADOPTS],
        "references": [r for r in relations if r.kind == RelationKind.REFERENCES],
        "referenced_by": standard.relations_in.filter(kind=RelationKind.REFERENCES).select_related("source")[:50],
        "adopted_by": standard.relations_in.filter(kind=RelationKind.ADOPTS).select_related("source")[:50],
        "amendments": standard.amendments.all(),
        "full_texts": sorted(standard.full_texts.all(), key=lambda text: (text.language != "zh", text.language)),
        "ics": ics_classes(list(standard.ics_codes or ([standard.ics_id] if standard.ics_id else []))),
        "following": follow_state(user=request.user, standard=standard),
        "editions": selectors.editions_of(standard).only("identifier", "status", "year")[:20],
        "events": standard.events.select_related("actor").order_by("-at", "-id")[:50],
    }
    return render(request, "portal/standard_detail.html", context)


def _in_force_first():
    from django.db.models import Case, IntegerField, Value, When

    return Case(When(status=Status.CURRENT, then=Value(0)), default=Value(1), output_field=IntegerField())


@require_safe
def read_full_text(request, identifier: str, language: str):
    """Read the full text in the browser (pdf.js); the PDF itself comes from `full_text`."""
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    text = standard.full_texts.filter(language=language).first() if standard else None
    if text is None:
        raise Http404(identifier)
    pdf_url = reverse("portal:full_text", args=[standard.identifier, language])
    return render(request, "portal/reader.html", {"standard": standard, "text": text, "pdf_url": pdf_url})


@require_safe
def full_text(request, identifier: str, language: str):
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        raise Http404(identifier)
    text = standard.full_texts.filter(language=language).first()
    if text is None:
        raise Http404(language)
    # Public (so cacheable) when visitors who are not signed in see the edition: a withdrawn one is found by nobody.
    public = policy.visible("catalog.standards", AnonymousUser()).filter(pk=standard.pk).exists()
    return serve_file(text.file, filename=f"{standard.identifier.replace('/', '_')}-{language}.pdf",
                      content_type="application/pdf", restricted=not public,
                      as_attachment=request.GET.get("download") == "1")
