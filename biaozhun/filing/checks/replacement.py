"""The replaced standard: it exists, belongs to the same authority, and is not already replaced."""

from __future__ import annotations

from biaozhun.catalog.models import RelationKind, Standard, Status

from .base import Outcome, Result, Subject


def replaced_standard(subject: Subject) -> Result:
    if not subject.replaces:
        return Result("replacement", Outcome.OK, {})
    old = (Standard.objects.filter(edition=subject.replaces).values("id", "identifier", "tier", "industry_code",
                                                                        "region_code", "status", "status_by")
           .first())
    params = {"replaces": subject.replaces}
    if old is None:
        return Result("replacement", Outcome.FLAG, {**params, "problem": "missing"})
    evidence = [{"identifier": old["identifier"], "status": old["status"]}]
    code = old["industry_code"] or old["region_code"]
    if old["tier"] != subject.tier or code != subject.code:
        return Result("replacement", Outcome.FLAG, {**params, "problem": "other_authority", "code": code}, evidence)
    newer = (Standard.objects.filter(relations_out__kind=RelationKind.REPLACES, relations_out__target_id=old["id"])
             .exclude(edition=subject.edition).values_list("identifier", flat=True).first())
    if newer or old["status"] in (Status.REPLACED, Status.ABOLISHED):
        return Result("replacement", Outcome.FLAG, {**params, "problem": "already_replaced",
                                                    "by": newer or old["status_by"], "status": old["status"]},
                      evidence)
    return Result("replacement", Outcome.OK, params, evidence)
