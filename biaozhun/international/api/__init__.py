"""The international standardization API, mounted at /api/v1/international/: each part's router under its own path."""

from biaozhun.api.routing import Router

router = Router(tags=["international"])

from .adoption import router as adoption_router  # noqa: E402

router.add_router("/adoption", adoption_router)
