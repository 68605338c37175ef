"""The details a project carries into its catalogue edition when published: classification (CCS, ICS), the
competent department, the drafting units, the drafters and the normative references. Cleaned here for proposals and later edits alike, so
publication can rely on them; a revision or amendment starts from what its revised edition has."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.identifiers import IdentifierError, parse
from biaozhun.reference.models import CcsCode, IcsCode
from biaozhun.reference.selectors import code_tables

PUBLICATION_DETAILS = ("ccs", "ics_codes", "competent_department", "drafting_units", "drafters", "references")
MAX_NAMES = 60
MAX_REFERENCES = 300
MAX_NAME = 200
_SEPARATORS = re.compile(r"[\n\r、；;，,]+")


def names(value: Any) -> list[str]:
    """Names typed one per line or separated by 、 ； , (or given as a list): tidied, blanks and repeats dropped."""
    items = value if isinstance(value, list | tuple) else _SEPARATORS.split(str(value or ""))
    found: list[str] = []
    for item in items:
        name = " ".join(str(item).split())
        if name and name not in found:
            found.append(name)
    return found


def codes(value: Any) -> list[str]:
    items = value if isinstance(value, list | tuple) else re.split(r"[\s,，;；、]+", str(value or ""))
    found: list[str] = []
    for item in items:
        code = str(item).strip().upper()
        if code and code not in found:
            found.append(code)
    return found


def clean(values: dict[str, Any], problems: list[dict[str, str]]) -> dict[str, Any]:
    """The publication details among `values`, cleaned; a problem for each one that is wrong."""
    cleaned: dict[str, Any] = {}
    if "ccs" in values:
        cleaned["ccs"] = _ccs(values["ccs"], problems)
    if "ics_codes" in values:
        found = codes(values["ics_codes"])
        known = set(IcsCode.objects.filter(code__in=found).values_list("code", flat=True))
        unknown = [code for code in found if code not in known]
        if unknown:
            problems.append({"field": "ics_codes", "message": _(
                "国际标准分类号 %(codes)s 不在 ICS 第 7 版中，应形如 03.120.10") % {"codes": "、".join(unknown)}})
        cleaned["ics_codes"] = found
    if "competent_department" in values:
        department = " ".join(str(values["competent_department"] or "").split())
        if len(department) > MAX_NAME:
            problems.append({"field": "competent_department", "message": _("不超过 %(max)d 字") % {"max": MAX_NAME}})
        cleaned["competent_department"] = department
    for field in ("drafting_units", "drafters"):
        if field in values:
            listed = names(values[field])
            if len(listed) > MAX_NAMES or any(len(name) > MAX_NAME for name in listed):
                problems.append({"field": field, "message": _(
                    "至多 %(count)d 个，每个不超过 %(max)d 字；每行一个，或以顿号分隔") % {"count": MAX_NAMES, "max": MAX_NAME}})
            cleaned[field] = listed
    if "references" in values:
        cleaned["references"] = _references(values["references"], problems)
    return cleaned


def _references(value: Any, problems: list[dict[str, str]]) -> list[str]:
    """Standard numbers one per line (or a list), each read as the catalogue reads it (GB/T 1.1-2020 §10.3: with a
    year, that edition; without, the latest); canonical, repeats dropped. A line that is not a standard number is a
    problem naming its line."""
    items = value if isinstance(value, list | tuple) else re.split(r"[\n\r；;]+", str(value or ""))
    found: list[str] = []
    wrong: list[str] = []
    tables = code_tables()
    for line, item in enumerate(items, start=1):
        text = " ".join(str(item).split())
        if not text:
            continue
        try:
            number = parse(text, tables).canonical
        except IdentifierError:
            wrong.append(_("第 %(line)d 行“%(text)s”") % {"line": line, "text": text[:60]})
            continue
        if number not in found:
            found.append(number)
    if wrong:
        problems.append({"field": "references", "message": _(
            "%(lines)s不是标准号；每行一个，如 GB/T 191-2008 或不注日期的 GB/T 191") % {"lines": "、".join(wrong[:5])}})
    if len(found) > MAX_REFERENCES:
        problems.append({"field": "references", "message": _("至多 %(count)d 个引用文件") % {"count": MAX_REFERENCES}})
    return found


def _ccs(value: Any, problems: list[dict[str, str]]) -> CcsCode | None:
    if isinstance(value, CcsCode) or value is None:
        return value
    code = str(value).strip().upper()
    if not code:
        return None
    found = CcsCode.objects.filter(code=code, level=3).first()
    if found is None:
        problems.append({"field": "ccs", "message": _(
            "中国标准文献分类号 %(code)s 不存在，应为三级类目，如 A00、L70") % {"code": code}})
    return found


def inherited(revises: list) -> dict[str, Any]:
    """What a revision or amendment takes from the edition it revises unless the proposal says otherwise: its
    classification and competent department (not its drafters: a revision names its own)."""
    if not revises:
        return {}
    standard = revises[0]
    return {"ccs": standard.ccs, "ics_codes": list(standard.ics_codes),
            "competent_department": standard.competent_department}


def plain(value: Any) -> Any:
    """A detail's value as event data stores it (a CCS class by its code)."""
    return value.pk if isinstance(value, CcsCode) else value
