"""The automatic checks of a self-declaration (自我声明公开), by stable code: what the enterprise and the
inspectors see, and what a random inspection's check list reads. Pure: the checks themselves live in
biaozhun/declarations/checks/; this module names them and their severity so that every app agrees.

A finding is stored on the declaration as {"code": CheckCode, "severity": Severity, "params": {...}}; the words a
person reads are made from the code and the params by the app, in the reader's language.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # the declaration is refused (never stored with it)
    WARNING = "warning"  # stored, shown to the enterprise, to inspectors and on the public page
    NOTE = "note"  # stored, shown to the enterprise and inspectors


class CheckCode(StrEnum):
    MISSING_FIELD = "missing_field"  # a required field is empty (params: field)
    BAD_NUMBER = "bad_number"  # the standard number cannot be read (params: number, reason)
    UNKNOWN_STANDARD = "unknown_standard"  # a catalogue standard the catalogue does not hold (params: number)
    NOT_CURRENT = "not_current"  # replaced or abolished (params: number, status, current: the edition in force)
    UPCOMING = "upcoming"  # published, not yet in force (params: number, implemented_on)
    NO_DISCLOSURE = "no_disclosure"  # an enterprise standard with neither its text nor an indicator table
    BELOW_MANDATORY = "below_mandatory"  # an indicator weaker than a mandatory national one (law art. 21)
    BELOW_RECOMMENDED = "below_recommended"  # weaker than a recommended standard the enterprise standard names
    OBSOLETE_TECHNOLOGY = "obsolete_technology"  # a product or process on the list of technology to phase out


SEVERITY: dict[CheckCode, Severity] = {
    CheckCode.MISSING_FIELD: Severity.ERROR,
    CheckCode.BAD_NUMBER: Severity.ERROR,
    CheckCode.UNKNOWN_STANDARD: Severity.ERROR,
    CheckCode.NOT_CURRENT: Severity.WARNING,
    CheckCode.UPCOMING: Severity.NOTE,
    CheckCode.NO_DISCLOSURE: Severity.ERROR,
    CheckCode.BELOW_MANDATORY: Severity.WARNING,
    CheckCode.BELOW_RECOMMENDED: Severity.NOTE,
    CheckCode.OBSOLETE_TECHNOLOGY: Severity.WARNING,
}


def finding(code: CheckCode, **params: object) -> dict[str, object]:
    """One stored finding (JSON-ready)."""
    return {"code": code.value, "severity": SEVERITY[code].value, "params": params}


def has_warning(findings: list[dict[str, object]]) -> bool:
    """Whether a declaration with these findings is flagged (Declaration.flagged)."""
    return any(f.get("severity") == Severity.WARNING for f in findings)
