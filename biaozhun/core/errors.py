"""Domain errors: each has a stable machine code, an HTTP status and a message a person can act on.

Services raise them; the API renders them as RFC 9457 problem+json and pages as messages.
Codes are never renamed once published.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

# What a refusal says when its rule has no sentence of its own.
GENERIC_REFUSAL = _("您没有办理此事项的权限。如认为应当有权办理，请联系系统管理员核实您的账号和所属单位。")


class DomainError(Exception):
    code = "domain_error"
    status = 400

    def __init__(self, message: str, **data: Any) -> None:
        super().__init__(message)
        self.message = message
        self.data = data


class PermissionDeniedError(DomainError):
    """A refusal of the policy: the message says who may act and what to do; the action code is data (logs, API)."""

    code = "permission_denied"
    status = 403

    def __init__(self, action: str, message: str | None = None) -> None:
        super().__init__(message or str(GENERIC_REFUSAL), action=action)
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


class PayloadTooLarge(ValidationFailed):
    """A file or body over its size limit, refused before it was read (core/upload_limits.py)."""

    code = "payload_too_large"
    status = 413


class InvalidTransition(DomainError):
    code = "invalid_transition"
    status = 409


class TimeLimitPassed(DomainError):
    """An action after its time limit; ``rule`` names the limit (a TimeLimit code) and ``data`` the dates."""

    code = "time_limit_passed"
    status = 409


class RequirementsUnmet(DomainError):
    """A step whose preconditions are missing; ``missing`` lists each as {"requirement", "message"}."""

    code = "requirements_unmet"
    status = 409

    def __init__(self, message: str, missing: list[dict[str, Any]]) -> None:
        super().__init__(message, missing=missing)
        self.missing = missing
