"""What the assessment pages share: reading a year, refusals shown on the page they came from."""

from __future__ import annotations

from django.contrib import messages

from biaozhun.core import clock
from biaozhun.core.errors import DomainError


def year_of(value: str | None, default: int | None = None) -> int:
    """A year from a query string (2000 to this year), else ``default`` or this year."""
    today = clock.today()
    try:
        year = int(value or "")
    except ValueError:
        year = 0
    return year if 2000 <= year <= today.year else (default or today.year)


def refusal(request, error: DomainError) -> dict[str, str]:
    """Show a service's refusal as a message; the problems by field, for the form."""
    messages.error(request, error.message)
    return {problem["field"]: problem["message"] for problem in getattr(error, "errors", []) if problem.get("field")}
