"""The one versioned API: each app's router mounted under /api/v1/, errors as RFC 9457 problem+json."""

import copy

from ninja import NinjaAPI

from biaozhun.assessments.api import router as assessments_router
from biaozhun.catalog.api import router as catalog_router
from biaozhun.committees.api import router as committees_router
from biaozhun.declarations.api import router as declarations_router
from biaozhun.development.api import router as development_router
from biaozhun.feedback.api import router as feedback_router
from biaozhun.filing.api import router as filing_router
from biaozhun.groups.api import router as groups_router
from biaozhun.inspections.api import router as inspections_router
from biaozhun.international.api import router as international_router
from biaozhun.leaders.api import router as leaders_router
from biaozhun.programmes.api import router as programmes_router
from biaozhun.propagation.api import router as propagation_router
from biaozhun.search.api import router as search_router
from biaozhun.stats.api import router as stats_router
from biaozhun.systems.api import router as systems_router
from biaozhun.workplan.api import router as workplan_router

from .errors import install_error_handlers


class BiaozhunAPI(NinjaAPI):
    """Documents error responses with the problem+json media type they are sent with; lists GET, not its HEAD
    twin (biaozhun/api/routing.py)."""

    def get_openapi_schema(self, *args, **kwargs):
        # The document is the same for the life of the process and takes about a second of CPU to build (seconds on
        # a busy machine, long enough for the documentation page to time out): build it once per process.
        key = repr((args, sorted(kwargs.items())))
        cached = getattr(self, "_schemas", {}).get(key)
        if cached is None:
            cached = self._build_openapi_schema(*args, **kwargs)
            self._schemas = {**getattr(self, "_schemas", {}), key: cached}
        return copy.deepcopy(cached)  # callers may change theirs

    def _build_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            operations.pop("head", None)
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).startswith(("4", "5")) and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        return schema


api = BiaozhunAPI(
    title="Biaozhun API",
    version="1",
    urls_namespace="api",
    description="Open API of the national standards information service. Errors are RFC 9457 problem+json.",
)
install_error_handlers(api)
api.add_router("/catalog", catalog_router)
api.add_router("/search", search_router)
api.add_router("/projects", development_router)
api.add_router("/filings", filing_router)
api.add_router("/groups", groups_router)
api.add_router("/leaders", leaders_router)
api.add_router("/inspections", inspections_router)
api.add_router("/international", international_router)
api.add_router("/stats", stats_router)
api.add_router("/declarations", declarations_router)
api.add_router("/feedback", feedback_router)
api.add_router("/propagation", propagation_router)
api.add_router("/committees", committees_router)
api.add_router("/assessments", assessments_router)
api.add_router("/programmes", programmes_router)
api.add_router("/workplan", workplan_router)
api.add_router("/systems", systems_router)
