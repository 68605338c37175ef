"""Readable names of the keys of each dimension (a CCS class's name, a province's, a committee's) and the order in
which a dimension's figures are shown."""

from __future__ import annotations

from django.utils.translation import gettext as _

from biaozhun.catalog.models import Nature, Status, Tier

from .indicators.catalogue import AGE_BANDS

ORDERED = {"tier": [t.value for t in Tier], "nature": [n.value for n in Nature], "status": [s.value for s in Status],
           "age": list(AGE_BANDS), "grade": ["excellent", "good", "pass", "fail"]}
BY_VALUE = {"ccs", "ics", "region", "committee"}  # the largest first


def names(dimension: str, keys: list[str]) -> dict[str, str]:
    keys = [k for k in keys if k]
    if dimension == "total":
        return {"": _("全国")}
    if dimension == "tier":
        return {k: str(v) for k, v in Tier.choices}
    if dimension == "nature":
        return {k: str(v) for k, v in Nature.choices}
    if dimension == "status":
        return {k: str(v) for k, v in Status.choices}
    if dimension == "age":
        return {band: (_("%(low)s–%(high)s 年") % {"low": band.split("-")[0], "high": band.split("-")[1]}
                       if "-" in band else _("%(low)s 年以上") % {"low": band.rstrip("+")}) for band in AGE_BANDS}
    if dimension == "grade":
        from biaozhun.assessments.models import GradeChoice

        return {k: str(v) for k, v in GradeChoice.choices}
    if dimension == "year":
        return {k: k for k in keys}
    if dimension == "ccs":
        from biaozhun.reference.models import CcsCode

        return {code: f"{code} {name}" for code, name in CcsCode.objects.filter(code__in=keys)
                .values_list("code", "name_zh")}
    if dimension == "ics":
        from biaozhun.reference.models import IcsCode

        return {code: f"{code} {zh or en}" for code, zh, en in IcsCode.objects.filter(code__in=keys)
                .values_list("code", "name_zh", "name_en")}
    if dimension == "region":
        from biaozhun.reference.models import RegionCode

        return {code[:2]: name for code, name in RegionCode.objects.filter(code__in=[k + "0000" for k in keys] + keys)
                .values_list("code", "name_zh")}
    if dimension == "committee":
        from biaozhun.committees.models import Committee

        return {code: f"{code} {name}" for code, name in Committee.objects.filter(code__in=keys)
                .values_list("code", "name_zh")}
    return {}


def order(dimension: str, key: str, value: float | None) -> tuple:
    if dimension in ORDERED:
        known = ORDERED[dimension]
        return (known.index(key) if key in known else len(known), key)
    if dimension in BY_VALUE:
        return (key == "", -(value or 0), key)  # the unclassified last
    return (key,)


def dimension_label(dimension: str) -> str:
    from .models import Dimension

    return str(dict(Dimension.choices).get(dimension, dimension))
