"""The number's checks: well formed, its code owned by the submitter, not already in the catalogue, its year
matching the publication date, and the filing within its deadline."""

from __future__ import annotations

from biaozhun.accounts.models import Organisation
from biaozhun.catalog.models import Standard
from biaozhun.identifiers import normalise

from .. import authorities, limits
from ..models import IndustryCodeOwner
from .base import Outcome, Result, Subject


def number_well_formed(subject: Subject) -> Result:
    """The number parsed (the form refuses one that does not); a spelling other than the canonical one is noted."""
    written = " ".join(normalise(subject.written_identifier).split())
    if written and written != subject.identifier:
        return Result("number", Outcome.NOTE, {"written": subject.written_identifier,
                                               "canonical": subject.identifier})
    return Result("number", Outcome.OK, {"canonical": subject.identifier})


def code_owned(subject: Subject) -> Result:
    authority = Organisation.objects.get(pk=subject.authority_id)
    owner = ""
    if subject.tier == "industry":
        owner = (IndustryCodeOwner.objects.filter(code=subject.code).values_list("organisation__name", flat=True)
                 .first() or "")
    params = {"code": subject.code, "authority": authority.name, "owner": owner}
    if authorities.owns(authority, subject.tier, subject.code):
        return Result("ownership", Outcome.OK, params)
    return Result("ownership", Outcome.FLAG, params)


def not_in_catalogue(subject: Subject) -> Result:
    """The edition must be new; other editions of the series are listed (is this a revision?)."""
    same = Standard.objects.filter(edition=subject.edition).values("identifier", "status").first()
    if same is not None:
        return Result("catalogue", Outcome.FLAG, {"identifier": same["identifier"]},
                      [{"identifier": same["identifier"], "status": same["status"]}])
    undated = subject.edition.rsplit("-", 1)[0]
    others = list(Standard.objects.filter(undated=undated).order_by("-year").values("identifier", "status")[:5])
    if others and not subject.replaces:
        return Result("catalogue", Outcome.NOTE, {"series": undated}, others)
    return Result("catalogue", Outcome.OK, {})


def year_matches_date(subject: Subject) -> Result:
    if subject.year is None or subject.published_on is None:
        return Result("year", Outcome.OK, {})
    params = {"year": subject.year, "published_on": subject.published_on.isoformat()}
    if subject.year != subject.published_on.year:
        return Result("year", Outcome.FLAG, params)
    return Result("year", Outcome.OK, params)


def filed_in_time(subject: Subject) -> Result:
    deadline = limits.filing_deadline(subject.tier, subject.published_on)
    if deadline is None:
        return Result("deadline", Outcome.OK, {})
    late = max(0, (subject.submitted_on - deadline).days)
    params = {"deadline": deadline.isoformat(), "late_days": late}
    return Result("deadline", Outcome.NOTE if late else Outcome.OK, params)
