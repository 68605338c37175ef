"""The one versioned API: each app's router mounted under /api/v1/, errors as RFC 9457 problem+json."""

from ninja import NinjaAPI

from biaozhun.catalog.api import router as catalog_router

from .errors import install_error_handlers

api = NinjaAPI(
    title="Biaozhun API",
    version="1",
    urls_namespace="api",
    description="Open API of the national standards information service. Errors are RFC 9457 problem+json.",
)
install_error_handlers(api)
api.add_router("/catalog", catalog_router)
