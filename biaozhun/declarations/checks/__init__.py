"""The automatic checks of a self-declaration, by the stable codes of biaozhun/rules/declaration_checks.py.

``run_checks(drafts, context)`` checks many drafts against one context loaded for all of them
(``CheckContext.load(drafts)``: a few queries), so a form's one declaration and a bulk file's rows share the code.
Each draft gets its findings; those of severity ERROR refuse the declaration (they name the field), the others are
stored on it (WARNING flags it). ``messages.sentence(finding)`` says each in the reader's language.
"""

from __future__ import annotations

from typing import Any

from biaozhun.rules.declaration_checks import Severity

from .context import CheckContext
from .currency import currency
from .drafts import Draft, IndicatorDraft, Resolved, indicator_drafts
from .indicators import indicator_limits
from .numbering import numbering, required_fields


def run_checks(drafts: list[Draft], context: CheckContext) -> list[list[dict[str, Any]]]:
    results = []
    for draft in drafts:
        found = [*draft.problems, *required_fields(draft), *numbering(draft, context)]
        found += currency(draft, context)
        found += indicator_limits(draft, context)
        results.append(found)
    return results


def errors(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["severity"] == Severity.ERROR]


def stored(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What is kept on a declaration: the warnings and notes (errors refuse it)."""
    return [f for f in findings if f["severity"] != Severity.ERROR]


__all__ = ["CheckContext", "Draft", "IndicatorDraft", "Resolved", "errors", "indicator_drafts", "run_checks",
           "stored"]
