"""The group code (团体代号) a social organisation claims for its group standards: T/<code> <number>-<year>, e.g.
CAS in T/CAS 115-2005. Pure: no Django.

A code is well-formed when it is 2 to 10 characters of upper-case Latin letters and digits, starting with a
letter. That is a subset of what the identifier parser reads after "T/" (biaozhun/identifiers: letters and digits
with at least one letter, the fast path ``[A-Z][A-Z0-9]*``), so every code claimed here parses back as the same
organisation code; the parser's rarer hyphenated codes (T/XYZ-AB) are not offered to new claims.

A code must not read as another kind of standard's code (GB/T 20000.1 and the Standardization Law art. 19: group
codes are registered so that numbers stay unambiguous), so it may not be:

- a national-level code (GB, GBZ, GBJ, GJB, JJF, JJG, GSB) or an association code of the old scheme (CECS);
- an industry or engineering-construction code of the reference tables (JB, YY, JGJ, ...), passed in as data so
  administrators' additions count;
- a local code: DB alone (also the earthquake industry), DB with a region code (DB11, DB3301), DBJ, DGJ, DGTJ;
- an international lead (ISO, IEC, IWA);
- any of these with the nature letter glued on (GBT, JBT, JBZ: "JBT 1234" is read as JB/T 1234 once the slash is
  lost, as real texts lose it);
- another organisation's group code, compared without regard to case.

`check_group_code` returns every problem it finds (an empty list: the code may be claimed); `normalise_group_code`
is what forms apply first, so "t/cas " is judged as "CAS".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from biaozhun.identifiers.vocabulary import ASSOCIATION_CODES, INTERNATIONAL_LEADS, LOCAL_ENGINEERING, NATIONAL

MIN_LENGTH = 2
MAX_LENGTH = 10
NATURE_LETTERS = ("T", "Z")  # /T recommended, /Z guidance: glued on in texts that lose the slash

NATIONAL_CODES = frozenset(NATIONAL)
LOCAL_CODES = frozenset({"DB", *(code.replace("/", "") for code in LOCAL_ENGINEERING)})
_LOCAL_NUMBERED = re.compile(r"DB[0-9]+")  # DB11, DB3301: a local standard's region
_ALLOWED = re.compile(r"[A-Z0-9]")


class Problem(StrEnum):
    """What is wrong with a claimed code; the caller words the message (values are stable codes)."""

    EMPTY = "empty"
    LENGTH = "length"
    LOWER_CASE = "lower_case"
    FIRST_NOT_LETTER = "first_not_letter"
    CHARACTER = "character"
    NATIONAL = "national"
    INDUSTRY = "industry"
    LOCAL = "local"
    INTERNATIONAL = "international"
    TAKEN = "taken"


@dataclass(frozen=True, slots=True)
class Finding:
    problem: Problem
    detail: str = ""  # the code it clashes with, or the offending characters


def normalise_group_code(text: str) -> str:
    """The code as stored: full-width forms folded (ＣＡＳ → CAS), spaces removed, upper case, a leading "T/" (as
    in T/CAS) dropped."""
    folded = unicodedata.normalize("NFKC", text or "")
    code = "".join(folded.split()).upper()
    return code[2:] if code.startswith("T/") else code


def _without_nature(code: str) -> set[str]:
    """The code, and the code without a glued nature letter (JBT → JB)."""
    return {code, code[:-1]} if len(code) > 2 and code[-1] in NATURE_LETTERS else {code}


def check_shape(code: str) -> list[Finding]:
    """Problems of form only (no tables needed)."""
    if not code:
        return [Finding(Problem.EMPTY)]
    findings = []
    if not MIN_LENGTH <= len(code) <= MAX_LENGTH:
        findings.append(Finding(Problem.LENGTH, str(len(code))))
    lower = "".join(sorted({c for c in code if c.isascii() and c.islower()}))
    if lower:
        findings.append(Finding(Problem.LOWER_CASE, lower))
    bad = "".join(dict.fromkeys(c for c in code if not _ALLOWED.fullmatch(c.upper())))
    if bad:
        findings.append(Finding(Problem.CHARACTER, bad))
    if not ("A" <= code[0].upper() <= "Z"):
        findings.append(Finding(Problem.FIRST_NOT_LETTER, code[0]))
    return findings


def check_group_code(code: str, *, industry_codes: Iterable[str], taken: Iterable[str] = ()) -> list[Finding]:
    """Every problem with claiming `code` (as typed: normalise first to be lenient). `industry_codes`: the
    industry and engineering-construction codes of the reference tables; `taken`: the group codes other
    organisations hold (any case)."""
    findings = check_shape(code)
    if findings:
        return findings
    industry = {c.strip().upper() for c in industry_codes if c and c.strip()}
    for candidate in sorted(_without_nature(code), key=len, reverse=True):
        if candidate in NATIONAL_CODES:
            return [Finding(Problem.NATIONAL, candidate)]
        if candidate in ASSOCIATION_CODES:
            return [Finding(Problem.NATIONAL, candidate)]
        if candidate in LOCAL_CODES or _LOCAL_NUMBERED.fullmatch(candidate):
            return [Finding(Problem.LOCAL, candidate)]
        if candidate in industry:
            return [Finding(Problem.INDUSTRY, candidate)]
        if candidate in INTERNATIONAL_LEADS:
            return [Finding(Problem.INTERNATIONAL, candidate)]
    if any(other.strip().upper() == code for other in taken if other):
        return [Finding(Problem.TAKEN, code)]
    return []
