"""Catalogue API: one edition by number, with its relations and amendments."""

from datetime import date

from django.http import Http404
from ninja import Field, Router, Schema

from . import selectors
from .serialise import records_for
from .validity import MAX_LINES, check_lines

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


class ValidityIn(Schema):
    numbers: list[str] = Field(..., max_length=MAX_LINES, description="standard numbers, one per item")


class EditionOut(Schema):
    identifier: str
    title: str
    status: str
    published_on: date | None
    implemented_on: date | None
    abolished_on: date | None


class ValidityRowOut(Schema):
    line: int
    input: str
    canonical: str
    outcome: str = Field(description="valid, upcoming, replaced, abolished, not_found or error")
    error: str
    found: EditionOut | None
    in_force: EditionOut | None
    chain: list[str] = Field(description="editions that replaced the one found, oldest first")


def _edition(edition) -> dict | None:
    if edition is None:
        return None
    return {"identifier": edition.identifier, "title": edition.title, "status": edition.status,
            "published_on": edition.published_on, "implemented_on": edition.implemented_on,
            "abolished_on": edition.abolished_on}


@router.post("/validity", response=list[ValidityRowOut], summary="Batch validity check (标准查新)")
def validity(request, payload: ValidityIn):
    """For each number: the edition found, its status, and the edition in force following replacements."""
    return [
        {"line": row.line, "input": row.text, "canonical": row.canonical, "outcome": row.outcome, "error": row.error,
         "found": _edition(row.found), "in_force": _edition(row.in_force), "chain": [e.identifier for e in row.chain]}
        for row in check_lines([n.strip() for n in payload.numbers])
    ]
