"""Clean one catalogue record (docs/catalog-jsonl.md) into typed values, or say exactly what is wrong.

Shared by the import pipeline and the services, so a record is judged the same way wherever it comes from.
No Django here: the reference tables come in as plain sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from biaozhun.identifiers import CodeTables, Identifier, IdentifierError, Tier, parse

FIELDS = (
    "identifier", "title_zh", "title_en", "scope", "ccs", "ics", "issued_by", "competent_department",
    "responsible_unit", "tc_code", "published_on", "implemented_on", "abolished_on", "confirmed_on",
    "replaces", "adopts", "references", "amendments", "language_versions", "drafting_units", "drafters",
)
# Columns an export writes that an import accepts and ignores (they are derived).
DERIVED_FIELDS = ("status", "status_since", "tier", "nature")
DEGREES = ("IDT", "MOD", "NEQ")
ACCEPTED_FIELDS = frozenset(FIELDS) | frozenset(DERIVED_FIELDS)
MAX_LENGTHS = {
    "title_zh": 500, "title_en": 500, "competent_department": 200, "responsible_unit": 200, "tc_code": 40,
}


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
    kind: str  # replaces / adopts / references
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

    def __init__(self, *, tables: CodeTables, ccs_codes: set[str], ics_codes: set[str]) -> None:
        self.tables = tables
        self.ccs_codes = ccs_codes
        self.ics_codes = ics_codes

    def clean(self, raw: dict[str, Any]) -> tuple[StandardRecord | None, list[FieldError]]:
        errors: list[FieldError] = []
        unknown = sorted(k for k in raw if k not in ACCEPTED_FIELDS) if not raw.keys() <= ACCEPTED_FIELDS else ()
        if unknown:
            errors.append(FieldError(unknown[0], f"unknown field(s) {', '.join(unknown)}; expected one of: {', '.join(FIELDS)}"))

        ident = self._identifier(raw.get("identifier"), "identifier", errors)
        if ident is None:
            return None, errors
        record = StandardRecord(ident=ident)
        for name in ("title_zh", "title_en", "scope", "competent_department", "responsible_unit", "tc_code"):
            setattr(record, name, self._text(raw.get(name), name, errors))
        if not record.title_zh and not record.title_en:
            errors.append(FieldError("title_zh", "a title is required (title_zh, or title_en for international standards)"))
        elif not record.title_zh and str(ident.tier) != "international":
            errors.append(FieldError("title_zh", "the Chinese title is required for Chinese standards"))

        ccs = self._text(raw.get("ccs"), "ccs", errors).upper()
        if ccs and ccs not in self.ccs_codes:
            errors.append(FieldError("ccs", f"unknown CCS code {ccs!r}; expected a code such as A00 from the CCS table"))
        record.ccs = ccs or None
        for code in self._list(raw.get("ics"), "ics", errors):
            if code not in self.ics_codes:
                errors.append(FieldError("ics", f"unknown ICS code {code!r}; expected a code such as 03.120.10 from ICS edition 7"))
            record.ics.append(code)
        record.issued_by = self._list(raw.get("issued_by"), "issued_by", errors)
        record.language_versions = self._list(raw.get("language_versions"), "language_versions", errors)
        record.drafting_units = self._names(raw.get("drafting_units"), "drafting_units", errors)
        record.drafters = self._names(raw.get("drafters"), "drafters", errors)

        for name in ("published_on", "implemented_on", "abolished_on", "confirmed_on"):
            setattr(record, name, self._date(raw.get(name), name, errors))
        if record.published_on and record.implemented_on and record.implemented_on < record.published_on:
            errors.append(FieldError("implemented_on", f"implementation date {record.implemented_on} is before publication date {record.published_on}"))
        if record.published_on and record.abolished_on and record.abolished_on < record.published_on:
            errors.append(FieldError("abolished_on", f"abolition date {record.abolished_on} is before publication date {record.published_on}"))

        record.relations = self._relations(raw, ident, errors)
        record.amendments = self._amendments(raw.get("amendments"), errors)
        return (None if errors else record), errors

    # --- field helpers ---------------------------------------------------------------------
    def _identifier(self, value: Any, name: str, errors: list[FieldError]) -> Identifier | None:
        if not isinstance(value, str) or not value.strip():
            errors.append(FieldError(name, "a standard number is required, e.g. GB/T 19001-2016"))
            return None
        try:
            return parse(value, self.tables)
        except IdentifierError as exc:
            errors.append(FieldError(name, f"{value!r} is not a valid standard number: {exc}"))
            return None

    @staticmethod
    def _text(value: Any, name: str, errors: list[FieldError]) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            errors.append(FieldError(name, f"expected text, got {type(value).__name__}"))
            return ""
        value = value.strip()
        limit = MAX_LENGTHS.get(name)
        if limit and len(value) > limit:
            errors.append(FieldError(name, f"at most {limit} characters, got {len(value)}"))
        return value

    @staticmethod
    def _list(value: Any, name: str, errors: list[FieldError]) -> list:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [item.strip() for item in value.split(";") if item.strip()]
        if not isinstance(value, list):
            errors.append(FieldError(name, f"expected a list, got {type(value).__name__}"))
            return []
        return value

    @classmethod
    def _names(cls, value: Any, name: str, errors: list[FieldError]) -> list[str]:
        """A list of names (organisations, people): text items, blanks dropped, order and first spelling kept."""
        names: list[str] = []
        for item in cls._list(value, name, errors):
            if not isinstance(item, str):
                errors.append(FieldError(name, f"expected names as text, got {type(item).__name__}"))
                continue
            item = " ".join(item.split())
            if item and item not in names:
                names.append(item)
        return names

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
        errors.append(FieldError(name, f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2017-07-01"))
        return None

    def _relations(self, raw: dict[str, Any], ident: Identifier, errors: list[FieldError]) -> list[RelationRecord]:
        relations: dict[tuple[str, str], RelationRecord] = {}
        if ident.adopted is not None:
            adopted = ident.adopted
            relations[("adopts", adopted.canonical)] = RelationRecord("adopts", adopted.canonical, target_key(adopted), degree="IDT")
        for kind in ("replaces", "adopts", "references"):
            for position, item in enumerate(self._list(raw.get(kind), kind, errors), start=1):
                where = f"{kind}[{position}]"
                if isinstance(item, str):
                    item = {"identifier": item}
                if not isinstance(item, dict):
                    errors.append(FieldError(where, "expected a standard number or an object with 'identifier'"))
                    continue
                target = self._identifier(item.get("identifier"), where, errors)
                if target is None:
                    continue
                if edition_key(target) == edition_key(ident):
                    errors.append(FieldError(where, "a standard cannot refer to itself"))
                    continue
                degree = ""
                if kind == "adopts":
                    degree = str(item.get("degree") or "").upper()
                    if degree not in DEGREES:
                        errors.append(FieldError(where, f"degree {item.get('degree')!r} must be one of IDT, MOD, NEQ"))
                        continue
                relations[(kind, target.canonical)] = RelationRecord(
                    kind, target.canonical, target_key(target), partial=bool(item.get("partial", False)), degree=degree,
                )
        return list(relations.values())

    def _amendments(self, value: Any, errors: list[FieldError]) -> list[AmendmentRecord]:
        amendments = []
        for position, item in enumerate(self._list(value, "amendments", errors), start=1):
            where = f"amendments[{position}]"
            if not isinstance(item, dict):
                errors.append(FieldError(where, "expected an object with number, published_on, implemented_on, summary"))
                continue
            number = item.get("number")
            if isinstance(number, str) and number.strip().isdigit():
                number = int(number)
            if not isinstance(number, int) or number < 1:
                errors.append(FieldError(f"{where}.number", f"{number!r} is not an amendment number; expected 1, 2, ..."))
                continue
            amendments.append(AmendmentRecord(
                number=number,
                published_on=self._date(item.get("published_on"), f"{where}.published_on", errors),
                implemented_on=self._date(item.get("implemented_on"), f"{where}.implemented_on", errors),
                summary=self._text(item.get("summary"), f"{where}.summary", errors),
            ))
        return amendments
