"""Schemas every router shares: the RFC 9457 problem document and the error responses each endpoint declares."""

from typing import Any

from ninja import Schema


class Problem(Schema):
    type: str
    title: str
    status: int
    code: str
    detail: str | None = None
    errors: list[dict[str, Any]] | None = None
    retry_after: int | None = None


# Declared on every endpoint: unreadable requests, validation problems and the anonymous rate limit.
ERRORS: dict[int, type[Schema]] = {400: Problem, 422: Problem, 429: Problem}
NOT_FOUND: dict[int, type[Schema]] = {404: Problem}
