"""Clean one catalogue record (docs/catalog-jsonl.md) into typed values, or say exactly what is wrong.

Shared by the import pipeline and the services, so a record is judged the same way wherever it comes from.
The reference tables come in as plain sets (no database here). Messages are in the active language (Django's
gettext): administrators read them as `file: line N: field: what is wrong`, the field names staying as in the
interchange format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.identifiers import CodeTables, Identifier, IdentifierError, Tier, parse
from biaozhun.rules.conversions import convertible_tiers, may_convert
from biaozhun.rules.plan_numbers import NATURE_LETTERS, PlanNumberError, parse_plan_number

from .classification_spelling import read_ccs, read_ics
from .identifier_messages import invalid_number_message

FIELDS = (
    "identifier", "title_zh", "title_en", "scope", "ccs", "ics", "issued_by", "competent_department",
    "responsible_unit", "tc_code", "published_on", "implemented_on", "abolished_on", "confirmed_on",
    "replaces", "adopts", "references", "converted_to", "amendments", "language_versions", "drafting_units",
    "drafters", "plan_number", "industry_classes", "remarks",
)
# Columns an export writes that an import accepts and ignores (they are derived).
DERIVED_FIELDS = ("status", "status_since", "tier", "nature", "text_access", "text_access_reason")
# Fields a rejects file adds to each refused record (line, reasons, the text of a line that was no JSON object):
# accepted and ignored, so the fixed file imports again as it is.
REJECT_FIELDS = ("reject_line", "reject_reasons", "reject_text")
DEGREES = ("IDT", "MOD", "NEQ")
ACCEPTED_FIELDS = frozenset(FIELDS) | frozenset(DERIVED_FIELDS) | frozenset(REJECT_FIELDS)
MAX_LENGTHS = {
    "title_zh": 500, "title_en": 500, "competent_department": 200, "responsible_unit": 200, "tc_code": 40,
    "plan_number": 40, "remarks": 2000,
}
_INDUSTRY_CLASS = re.compile(r"([A-Z]?)(\d{0,4})")


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str

    def as_dict(self, line: int | None = None) -> dict[str, Any]:
        error = {"field": self.field, "message": self.message}
        if line is not None:
            error = {"line": line, **error}
        return error


@dataclass(frozen=True, slots=True)
class RelationRecord:
    kind: str  # replaces / adopts / references / converted_to
    target: str  # canonical number of the target, as cited
    key: str  # what the target is matched on: edition_key() of a dated number, the undated number otherwise
    partial: bool = False
    degree: str = ""


@dataclass(frozen=True, slots=True)
class AmendmentRecord:
    number: int
    published_on: date | None
    implemented_on: date | None
    summary: str


@dataclass(slots=True)
class StandardRecord:
    ident: Identifier
    title_zh: str = ""
    title_en: str = ""
    scope: str = ""
    ccs: str | None = None
    ics: list[str] = field(default_factory=list)
    issued_by: list[str] = field(default_factory=list)
    competent_department: str = ""
    responsible_unit: str = ""
    tc_code: str = ""
    published_on: date | None = None
    implemented_on: date | None = None
    abolished_on: date | None = None
    confirmed_on: date | None = None
    relations: list[RelationRecord] = field(default_factory=list)
    amendments: list[AmendmentRecord] = field(default_factory=list)
    language_versions: list[str] = field(default_factory=list)
    drafting_units: list[str] = field(default_factory=list)
    drafters: list[str] = field(default_factory=list)
    plan_number: str = ""
    industry_classes: list[str] = field(default_factory=list)
    remarks: str = ""
    # What the file said for a field whose spelling was normalised ({"ccs": "A 综合-A10/19 …-A14 …"}): kept in
    # the edition's event, so the history shows what was written.
    written: dict[str, Any] = field(default_factory=dict)

    @property
    def identifier(self) -> str:
        return self.ident.canonical

    @property
    def edition(self) -> str:
        return edition_key(self.ident)


def edition_key(ident: Identifier) -> str:
    """The edition a number names: the canonical form without the adopted part of a double number."""
    return replace(ident, adopted=None).canonical if ident.adopted is not None else ident.canonical


def target_key(ident: Identifier) -> str:
    return edition_key(ident) if ident.year is not None else ident.undated


def tier_name(tier: str) -> str:
    """The tier's name in the active language (the same words as catalog.models.Tier)."""
    names = {"national": _("国家标准"), "industry": _("行业标准"), "local": _("地方标准"), "group": _("团体标准"),
             "enterprise": _("企业标准"), "international": _("国际标准")}
    return names.get(str(tier), str(tier))


_CHUNKS = re.compile(r"[0-9]+|[^0-9]+")
_TIER_RANK = {tier: str(rank) for rank, tier in enumerate(Tier)}


def _natural(text: str | None) -> str:
    """Digit runs zero-padded to 10 places, so "2" sorts before "10" in a plain string comparison."""
    if not text:
        return ""
    if text.isascii() and text.isdigit():  # most numbers and parts
        return text.zfill(10)
    return _natural_mixed(text)


@lru_cache(maxsize=4096)  # prefixes repeat: GB/T, DB44/T, T/CAS, ...
def _natural_mixed(text: str) -> str:
    return "".join(c.zfill(10) if c[0] <= "9" else c for c in _CHUNKS.findall(text))


def encode_sort_key(ident: Identifier) -> str:
    """Natural order as one string for SQL ORDER BY: tier, prefix, number, part, year (undated first).

    Fields are joined by \x01, which sorts before every character they contain, so GB/T 1 comes before
    GB/T 1.1 and both before GB/T 2.
    """
    year = f"{ident.year:04d}" if ident.year is not None else "0000"
    return "\x01".join(
        (_TIER_RANK[ident.tier], _natural(ident.prefix), _natural(ident.number), _natural(ident.part), year)
    )[:160]


class RecordCleaner:
    """Cleans raw dicts against the reference tables; one instance per import run."""

    def __init__(self, *, tables: CodeTables, ccs_codes: set[str], ics_codes: set[str],
                 industry_classes: frozenset[str] = frozenset()) -> None:
        self.tables = tables
        self.ccs_codes = ccs_codes
        self.ics_codes = ics_codes
        self.industry_classes = industry_classes
        # "383" → "C383": the digits of a division or group name it without its section letter.
        self._industry_digits = {code[1:]: code for code in industry_classes if len(code) > 1}

    def clean(self, raw: dict[str, Any]) -> tuple[StandardRecord | None, list[FieldError]]:
        errors: list[FieldError] = []
        unknown = sorted(k for k in raw if k not in ACCEPTED_FIELDS) if not raw.keys() <= ACCEPTED_FIELDS else ()
        if unknown:
            errors.append(FieldError(unknown[0], message=_("未知字段 %(fields)s；可用的字段：%(expected)s") % {
                "fields": ", ".join(unknown), "expected": ", ".join(FIELDS)}))

        ident = self._identifier(raw.get("identifier"), "identifier", errors)
        if ident is None:
            return None, errors
        record = StandardRecord(ident=ident)
        for name in ("title_zh", "title_en", "scope", "competent_department", "responsible_unit", "tc_code"):
            setattr(record, name, self._text(raw.get(name), name, errors))
        if not record.title_zh and not record.title_en:
            errors.append(FieldError("title_zh", message=_("请填写标准名称：title_zh（国际标准可只填 title_en）")))
        elif not record.title_zh and str(ident.tier) != "international":
            errors.append(FieldError("title_zh", message=_("中国标准须填写中文名称 title_zh")))

        extra_ics = self._ccs(raw.get("ccs"), record, errors)
        self._ics(raw.get("ics"), extra_ics, record, errors)
        record.issued_by = self._list(raw.get("issued_by"), "issued_by", errors)
        record.language_versions = self._list(raw.get("language_versions"), "language_versions", errors)
        record.drafting_units = self._names(raw.get("drafting_units"), "drafting_units", errors)
        record.drafters = self._names(raw.get("drafters"), "drafters", errors)
        record.plan_number = self._plan_number(raw.get("plan_number"), ident, errors)
        record.industry_classes = self._industry_classes(raw.get("industry_classes"), errors)
        record.remarks = self._text(raw.get("remarks"), "remarks", errors)

        for name in ("published_on", "implemented_on", "abolished_on", "confirmed_on"):
            setattr(record, name, self._date(raw.get(name), name, errors))
        if record.published_on and record.implemented_on and record.implemented_on < record.published_on:
            errors.append(FieldError("implemented_on", message=_("实施日期 %(day)s 早于发布日期 %(publication)s，请核对") % {
                "day": record.implemented_on.isoformat(), "publication": record.published_on.isoformat()}))
        if record.published_on and record.abolished_on and record.abolished_on < record.published_on:
            errors.append(FieldError("abolished_on", message=_("废止日期 %(day)s 早于发布日期 %(publication)s，请核对") % {
                "day": record.abolished_on.isoformat(), "publication": record.published_on.isoformat()}))

        record.relations = self._relations(raw, ident, errors)
        record.amendments = self._amendments(raw.get("amendments"), errors)
        return (None if errors else record), errors

    # --- field helpers ---------------------------------------------------------------------
    def _ccs(self, value: Any, record: StandardRecord, errors: list[FieldError]) -> tuple[str, ...]:
        """Set record.ccs from the cell in any spelling people use; return the ICS codes the cell also held."""
        text = self._text(value, "ccs", errors)
        if not text:
            return ()
        reading = read_ccs(text, self.ccs_codes)
        if reading.ambiguous:
            errors.append(FieldError("ccs", message=_("“%(text)s”含多个中国标准文献分类号（%(codes)s）；只能填一个") % {
                "text": text, "codes": "、".join(reading.ambiguous)}))
        elif reading.code is None:
            errors.append(FieldError("ccs", message=_("中国标准文献分类号“%(code)s”不存在；应为分类表中的代码，如 A00") % {
                "code": reading.unknown[0] if len(reading.unknown) == 1 else text}))
        record.ccs = reading.code
        if reading.code is not None and reading.code != text:
            record.written["ccs"] = text
        return reading.ics

    def _ics(self, value: Any, extra: tuple[str, ...], record: StandardRecord, errors: list[FieldError]) -> None:
        items = self._list(value, "ics", errors)
        codes = read_ics(items)
        codes += [code for code in extra if code not in codes]
        for code in codes:
            if not isinstance(code, str):
                errors.append(FieldError("ics", message=_("应为文本，实际为 %(type)s") % {"type": type(code).__name__}))
                continue
            if code not in self.ics_codes:
                errors.append(FieldError("ics", message=_(
                    "国际标准分类号“%(code)s”不存在；应为 ICS 第 7 版中的代码，如 03.120.10") % {"code": code}))
            record.ics.append(code)
        if codes != items and value not in (None, "", []):
            record.written["ics"] = value

    def _identifier(self, value: Any, name: str, errors: list[FieldError]) -> Identifier | None:
        if not isinstance(value, str) or not value.strip():
            errors.append(FieldError(name, message=_("请填写标准号，如 GB/T 19001-2016")))
            return None
        try:
            return parse(value, self.tables)
        except IdentifierError as exc:
            errors.append(FieldError(name, message=invalid_number_message(value, exc)))
            return None

    @staticmethod
    def _text(value: Any, name: str, errors: list[FieldError]) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            errors.append(FieldError(name, message=_("应为文本，实际为 %(type)s") % {"type": type(value).__name__}))
            return ""
        value = value.strip()
        limit = MAX_LENGTHS.get(name)
        if limit and len(value) > limit:
            errors.append(FieldError(name, message=_("最多 %(limit)s 个字符，实际 %(length)s 个") % {
                "limit": limit, "length": len(value)}))
        return value

    @staticmethod
    def _list(value: Any, name: str, errors: list[FieldError]) -> list:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [item.strip() for item in value.split(";") if item.strip()]
        if not isinstance(value, list):
            errors.append(FieldError(name, message=_("应为列表（或以;分隔的文本），实际为 %(type)s") % {
                "type": type(value).__name__}))
            return []
        return value

    @classmethod
    def _names(cls, value: Any, name: str, errors: list[FieldError]) -> list[str]:
        """A list of names (organisations, people): text items, blanks dropped, order and first spelling kept."""
        names: list[str] = []
        for item in cls._list(value, name, errors):
            if not isinstance(item, str):
                errors.append(FieldError(name, message=_("名称应为文本，实际为 %(type)s") % {"type": type(item).__name__}))
                continue
            item = " ".join(item.split())
            if item and item not in names:
                names.append(item)
        return names

    def _plan_number(self, value: Any, ident: Identifier, errors: list[FieldError]) -> str:
        """A national standard's plan number (国家标准计划号, 20190001-T-469) is checked and written canonically, its
        letter agreeing with the standard's nature; other tiers' plan numbers follow their own schemes (行业标准
        计划号 such as 2019-0123T-JB) and are kept as written."""
        text = " ".join(self._text(value, "plan_number", errors).split())
        if not text or ident.tier != Tier.NATIONAL:
            return text
        nature = str(ident.nature) if ident.nature else None
        try:
            return str(parse_plan_number(text, nature=nature))
        except PlanNumberError:
            pass
        try:
            parsed = parse_plan_number(text)
        except PlanNumberError:
            errors.append(FieldError("plan_number", message=_(
                "“%(value)s”不是国家标准计划号；应写作“年份+四位顺序号-性质字母-三位部门代码”，如 20190001-T-469") % {
                "value": text}))
            return ""
        letter = next(k for k, v in NATURE_LETTERS.items() if v == nature)
        errors.append(FieldError("plan_number", message=_(
            "计划号 %(number)s 的性质字母与标准号不符：%(identifier)s 的计划号应含“-%(letter)s-”"
            "（Q 强制性，T 推荐性，Z 指导性技术文件）") % {
            "number": str(parsed), "identifier": ident.canonical, "letter": letter}))
        return ""

    def _industry_classes(self, value: Any, errors: list[FieldError]) -> list[str]:
        """GB/T 4754-2017 codes, with or without their section letter (C383 or 383), written with it."""
        codes: list[str] = []
        for item in self._list(value, "industry_classes", errors):
            text = "".join(str(item).split()).upper() if isinstance(item, (str, int)) else ""
            match = _INDUSTRY_CLASS.fullmatch(text) if text else None
            code = ""
            if match and not match[1]:
                code = self._industry_digits.get(match[2], "")
            elif match:
                code = text if text in self.industry_classes else ""
            if not code:
                errors.append(FieldError("industry_classes", message=_(
                    "国民经济行业分类代码“%(code)s”不在 GB/T 4754—2017 分类表中；应为门类、大类或中类代码，"
                    "如 C、C38 或 C383（可省略门类字母）") % {"code": item}))
            elif code not in codes:
                codes.append(code)
        return codes

    @staticmethod
    def _date(value: Any, name: str, errors: list[FieldError]) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        errors.append(FieldError(name, message=_("“%(value)s”不是日期；应写作 YYYY-MM-DD，如 2017-07-01") % {"value": value}))
        return None

    def _relations(self, raw: dict[str, Any], ident: Identifier, errors: list[FieldError]) -> list[RelationRecord]:
        relations: dict[tuple[str, str], RelationRecord] = {}
        if ident.adopted is not None:
            adopted = ident.adopted
            relations[("adopts", adopted.canonical)] = RelationRecord("adopts", adopted.canonical, target_key(adopted), degree="IDT")
        for kind in ("replaces", "adopts", "references", "converted_to"):
            for position, item in enumerate(self._list(raw.get(kind), kind, errors), start=1):
                where = f"{kind}[{position}]"
                if isinstance(item, str):
                    item = {"identifier": item}
                if not isinstance(item, dict):
                    errors.append(FieldError(where, message=_("应为标准号，或含 identifier 的对象")))
                    continue
                target = self._identifier(item.get("identifier"), where, errors)
                if target is None:
                    continue
                if edition_key(target) == edition_key(ident):
                    errors.append(FieldError(where, message=_("标准不能引用自身")))
                    continue
                if kind == "converted_to" and not may_convert(ident.tier, target.tier):
                    errors.append(FieldError(where, message=self._conversion_message(ident, target)))
                    continue
                degree = ""
                if kind == "adopts":
                    degree = str(item.get("degree") or "").upper()
                    if degree not in DEGREES:
                        errors.append(FieldError(where, message=_("采用程度“%(degree)s”应为 IDT、MOD 或 NEQ") % {
                            "degree": item.get("degree") or ""}))
                        continue
                relations[(kind, target.canonical)] = RelationRecord(
                    kind, target.canonical, target_key(target), partial=bool(item.get("partial", False)), degree=degree,
                )
        return list(relations.values())

    @staticmethod
    def _conversion_message(ident: Identifier, target: Identifier) -> str:
        tiers = convertible_tiers(ident.tier)
        if not tiers:
            return _("只有行业标准和地方标准记录转化关系（%(identifier)s 不是）") % {"identifier": ident.canonical}
        return _("%(identifier)s 可转化为%(tiers)s；%(target)s 是%(tier)s，不能作为其转化目标") % {
            "identifier": ident.canonical, "target": target.canonical, "tier": tier_name(target.tier),
            "tiers": "、".join(tier_name(t) for t in tiers)}

    def _amendments(self, value: Any, errors: list[FieldError]) -> list[AmendmentRecord]:
        amendments = []
        for position, item in enumerate(self._list(value, "amendments", errors), start=1):
            where = f"amendments[{position}]"
            if not isinstance(item, dict):
                errors.append(FieldError(where, message=_(
                    "应为含 number、published_on、implemented_on、summary 的对象")))
                continue
            number = item.get("number")
            if isinstance(number, str) and number.strip().isdigit():
                number = int(number)
            if not isinstance(number, int) or number < 1:
                errors.append(FieldError(f"{where}.number", message=_("“%(number)s”不是修改单序号；应为 1、2…") % {
                    "number": number}))
                continue
            amendments.append(AmendmentRecord(
                number=number,
                published_on=self._date(item.get("published_on"), f"{where}.published_on", errors),
                implemented_on=self._date(item.get("implemented_on"), f"{where}.implemented_on", errors),
                summary=self._text(item.get("summary"), f"{where}.summary", errors),
            ))
        return amendments
