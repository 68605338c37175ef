"""Catalogue API: one edition by number, with its relations and amendments."""

from datetime import date

from django.http import Http404
from ninja import Router, Schema

from . import selectors
from .serialise import records_for

router = Router(tags=["catalog"])


class RelationOut(Schema):
    identifier: str
    partial: bool = False


class AdoptionOut(Schema):
    identifier: str
    degree: str


class AmendmentOut(Schema):
    number: int
    published_on: date | None
    implemented_on: date | None
    summary: str


class StandardOut(Schema):
    identifier: str
    title_zh: str
    title_en: str
    scope: str
    ccs: str | None
    ics: list[str]
    issued_by: list[str]
    competent_department: str
    responsible_unit: str
    tc_code: str
    published_on: date | None
    implemented_on: date | None
    abolished_on: date | None
    confirmed_on: date | None
    replaces: list[str | RelationOut]
    adopts: list[AdoptionOut]
    references: list[str]
    amendments: list[AmendmentOut]
    language_versions: list[str]
    status: str
    status_since: date | None


@router.get("/standards/{path:identifier}", response=StandardOut, summary="One edition by its number")
def standard_detail(request, identifier: str):
    """`identifier` is the canonical number, e.g. `GB/T 19001-2016` (URL-encode the space)."""
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        raise Http404(f"No standard numbered {identifier!r}")
    return next(records_for([standard]))
