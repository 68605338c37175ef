"""Value types: tiers, natures, supplements, identifiers and the parse error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import formatting
from .enums import Nature, Tier

__all__ = ["ERROR_CODES", "NO_SUFFIXES", "Identifier", "IdentifierError", "Nature", "Suffixes", "Supplement", "Tier"]


class IdentifierError(ValueError):
    """Malformed identifier, described for programs and for people in any language.

    * ``code``: a stable machine code for what is wrong (ERROR_CODES; never renamed), e.g. ``"year"``;
    * ``position``: a 0-based index into the normalised input (normalise()), where it went wrong;
    * ``expected``: what was expected there, in English (for the command line and logs);
    * ``found``: the offending text there (a run of letters or digits, or one character); None at the end;
    * ``reason``: an English explanation replacing "expected ..., found ..." when there is more to say;
    * ``params``: the code's values, e.g. ``{"industry_code": "XX"}`` or ``{"prefix": "GB/T"}``.

    ``str()`` is the English message with the position (``at position 5: expected a year ..., found "X"``).
    Pages translate ``code`` and ``params`` in the reader's language (biaozhun.catalog.identifier_messages).
    """

    def __init__(self, position: int, expected: str, found: str | None = None, reason: str | None = None, *,
                 code: str = "syntax", params: dict[str, str] | None = None) -> None:
        self.position = position
        self.expected = expected
        self.found = found
        if reason:
            message = f"at position {position}: {reason}"
        elif found is None:
            message = f"at position {position}: expected {expected}, found end of input"
        else:
            message = f'at position {position}: expected {expected}, found "{found}"'
        super().__init__(message)
        self.reason = reason
        self.code = code
        self.params = dict(params or {})

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: code, position, expected, found, reason, params (the English text is ``str()``)."""
        return {"code": self.code, "position": self.position, "expected": self.expected, "found": self.found,
                "reason": self.reason, "params": dict(self.params)}

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_error, (type(self), self.position, self.expected, self.found, self.reason, self.code,
                                 self.params))


def _rebuild_error(cls: type[IdentifierError], position: int, expected: str, found: str | None, reason: str | None,
                   code: str, params: dict[str, str]) -> IdentifierError:
    return cls(position, expected, found, reason, code=code, params=params)


# The machine codes of IdentifierError, with what each means. Stable: pages and clients translate them.
ERROR_CODES = {
    "empty": "no identifier at all",
    "trailing_text": "text after a complete identifier",
    "standard_code": "no known standard code (GB/T, an industry code, DB, T/, Q/, ISO, IEC...) at the start",
    "unknown_industry_code": "a 2-letter industry code that does not exist (params: industry_code)",
    "number": "no number after the standard code (params: prefix)",
    "part_number": 'no part number after "."',
    "year": "no valid year (4 digits in 1900-2099, or 2 digits for 1950-1999)",
    "region_code_length": "a local region code of other than 2 or 4 digits",
    "unknown_region_code": "a region code that does not exist (params: region_code)",
    "slash_after_region": 'no "/" after the region code of a local standard',
    "organisation_code": "no organisation code after T/ or Q/",
    "all_parts_after_dated": '"(all parts)" after a dated number',
    "adoption_after_idt": "no ISO/IEC identifier after IDT",
    "adoption_not_idt": "an adoption other than IDT written as a double number",
    "closing_parenthesis": 'a missing ")"',
    "xg_undated": "a 修改单 (/XG) after an undated number",
    "xg_number": "no number after /XG",
    "stage_with_amendment": "a draft stage with amendments",
    "amendment_number": "no number for an amendment",
    "amendment_year": 'no ":" and year after a consolidated amendment',
    "amendment_undated": "an amendment after an undated number",
    "consolidation_undated": '"+AMD" after anything but a dated IEC number',
    "consolidation_amd": 'no AMD after "+"',
    "draft_amendment_last": "a draft amendment that is not the last supplement",
    "year_without_number": 'a year but no number after the standard code, as in "GB/T -2006" (params: prefix)',
    "part_range": "a range of parts (GB/T 1234.1~7-2005) instead of one standard (params: first, last, parts, count)",
    "part_range_order": "a range of parts whose end is missing or not above its start (params: first, last)",
    "committee_document": "a committee's working document, not a publication: ISO/TC 46 N 3064 "
                          "(params: committee, document)",
    "committee": "the name of a committee, not a publication: ISO/TC 46 (params: committee)",
    "directives": "the ISO/IEC Directives or a supplement to them, not a publication (params: name)",
    "iteration_without_stage": 'an iteration (".2") on anything but a draft: ISO/DIS 12345.2',
    "edition_number": 'no edition number after "ED" or "Edition"',
    "language": "a language code that is not known, in (en), (en,fr), (E), (R) (params: language)",
    "regional_adoption": "a European adoption (EN ISO 13849-1:2015) of an ISO/IEC publication, or a CEN draft of one "
                         "(FprISO 10140-4) (params: prefix, adopted)",
    "other_publisher": "a publication of another body: JCGM 200:2008, CEN/TS 15370-1:2006, EN 12643:2014 "
                       "(params: publisher, document)",
    "conformity_assessment": "a document of an IEC conformity-assessment system: IECQ 01:2014, IECQ OD 3405:2017, "
                             "IEC CA 01:2020 (params: system, document)",
}


@dataclass(frozen=True, slots=True)
class Supplement:
    """An amendment to a dated identifier.

    kind: "amd" and "cor" (ISO/IEC amendment, corrigendum), "ish" (IEC interpretation sheet), "add" (ISO
    addendum, /Add 1), "suppl" (ISO supplement, /Suppl 1; the number may be empty: /Suppl:1993), "ext" (ISO
    extension, /Ext 1), "xg" (Chinese 修改单, /XG1-2017), "csv" (an amendment merged into an IEC consolidated
    version, +AMD1:2023).
    """

    kind: str
    number: str
    year: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "year": self.year}


@dataclass(frozen=True, slots=True)
class Suffixes:
    """The parts of an ISO/IEC identifier beyond publisher, type, stage, number, part, year and supplements
    (decision 0033). One value shared by every identifier that has none (NO_SUFFIXES), so that building a Chinese
    number costs one slot, not five."""

    edition: str | None = None
    languages: tuple[str, ...] = ()
    iteration: int | None = None
    vap: str | None = None
    joint_number: str | None = None
    base_stage: str | None = None


NO_SUFFIXES = Suffixes()


@dataclass(frozen=True, slots=True)
class Identifier:
    """A parsed standard identifier; equal values denote the same identifier."""

    tier: Tier
    prefix: str
    number: str
    nature: Nature | None = None
    part: str | None = None
    year: int | None = None
    industry_code: str | None = None
    region_code: str | None = None
    org_code: str | None = None
    supplements: tuple[Supplement, ...] = ()
    stage: str | None = None
    co_publishers: tuple[str, ...] = ()
    adopted: Identifier | None = None
    all_parts: bool = False
    suffixes: Suffixes = NO_SUFFIXES  # ISO/IEC only: edition, languages, iteration, vap, joint_number, base_stage

    @property
    def edition(self) -> str | None:
        """ISO/IEC edition: "2", "3.1" (from ED2, Ed.2, Ed 2.0, Edition 2, (Second Edition))."""
        return self.suffixes.edition

    @property
    def languages(self) -> tuple[str, ...]:
        """ISO 639-1 codes of the language versions: ("en", "fr") (from (E/F), (en,fr), (EN-FR))."""
        return self.suffixes.languages

    @property
    def iteration(self) -> int | None:
        """The iteration of a draft: 2 for ISO/DIS 12345.2 (of the draft supplement when the stage is on one)."""
        return self.suffixes.iteration

    @property
    def vap(self) -> str | None:
        """IEC value-added version: RLV, CMV, EXV, SER, PAC, PRV, DB, or CSV with no +AMD listed."""
        return self.suffixes.vap

    @property
    def joint_number(self) -> str | None:
        """The second number of a joint ISO/IDF standard: "IDF 50:2008"."""
        return self.suffixes.joint_number

    @property
    def base_stage(self) -> str | None:
        """The stage of the undated draft that a draft supplement amends: "DIS" in ISO/IEC DIS 23008-1/DAmd 2
        (whose `stage` is "DAmd")."""
        return self.suffixes.base_stage

    @property
    def canonical(self) -> str:
        return formatting.format_identifier(self)

    @property
    def undated(self) -> str:
        """Canonical form without year, supplements, adoption, draft stage and "(all parts)"."""
        return formatting.format_reference(self, with_part=True)

    @property
    def dated(self) -> str:
        """The edition as a normative reference cites it: the canonical form without edition number, languages and
        the IEC presentation versions (RLV, CMV, EXV, PRV). "ISO 9001:2015 ED5(en)" -> "ISO 9001:2015"."""
        return formatting.format_dated(self)

    @property
    def series(self) -> str:
        """`undated` without the part: groups all parts of a series."""
        return formatting.format_reference(self, with_part=False)

    def __str__(self) -> str:
        return formatting.format_identifier(self)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the command-line output without "input" and "ok")."""
        return {
            "canonical": formatting.format_identifier(self),
            "tier": self.tier.value,
            "prefix": self.prefix,
            "nature": self.nature.value if self.nature is not None else None,
            "number": self.number,
            "part": self.part,
            "year": self.year,
            "industry_code": self.industry_code,
            "region_code": self.region_code,
            "org_code": self.org_code,
            "supplements": [s.as_dict() for s in self.supplements],
            "stage": self.stage,
            "co_publishers": list(self.co_publishers),
            "adopted": self.adopted.as_dict() if self.adopted is not None else None,
            "all_parts": self.all_parts,
            "edition": self.edition,
            "languages": list(self.languages),
            "iteration": self.iteration,
            "vap": self.vap,
            "joint_number": self.joint_number,
            "base_stage": self.base_stage,
        }
