"""The one router of the filing API: every module registers its operations on it, so that one path answers each
of its methods (GET /api/v1/filings/ lists, POST files) instead of the first module's router taking the path."""

from biaozhun.api.routing import Router

router = Router(tags=["filing"])
