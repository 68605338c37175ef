"""What the programme pages share: showing a service's refusal on the page it came from."""

from __future__ import annotations

from datetime import date

from django.contrib import messages

from biaozhun.core.errors import DomainError


def refusal(request, error: DomainError) -> dict[str, str]:
    """Show a service's refusal as a message; the problems by field, for the form."""
    messages.error(request, error.message)
    return {problem["field"]: problem["message"] for problem in getattr(error, "errors", []) if problem.get("field")}


def parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def parse_int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None
