"""The international standardization API, mounted at /api/v1/international/: each part's router under its own path."""

from biaozhun.api.routing import Router

from .participation import router as participation_router

router = Router(tags=["international"])
router.add_router("/participation", participation_router)
