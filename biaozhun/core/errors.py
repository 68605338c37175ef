"""Domain errors: each has a stable machine code, an HTTP status and a message a person can act on.

Services raise them; the API renders them as RFC 9457 problem+json and pages as messages.
Codes are never renamed once published.
"""

from typing import Any


class DomainError(Exception):
    code = "domain_error"
    status = 400

    def __init__(self, message: str, **data: Any) -> None:
        super().__init__(message)
        self.message = message
        self.data = data


class PermissionDeniedError(DomainError):
    code = "permission_denied"
    status = 403

    def __init__(self, action: str, message: str | None = None) -> None:
        super().__init__(message or f"Not allowed: {action}", action=action)
        self.action = action


class NotFoundError(DomainError):
    code = "not_found"
    status = 404


class ValidationFailed(DomainError):
    """Input was rejected; ``errors`` lists each problem as {"field", "message"} (and "line" for imports)."""

    code = "validation_failed"
    status = 422

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message, errors=errors or [])
        self.errors = errors or []


class InvalidTransition(DomainError):
    code = "invalid_transition"
    status = 409
