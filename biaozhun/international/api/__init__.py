"""The international standardization API, mounted at /api/v1/international/: each part's router under its own path."""

from biaozhun.api.routing import Router

from .adoption import router as adoption_router
from .indicators import router as indicators_router
from .participation import router as participation_router
from .translations import router as translations_router

router = Router(tags=["international"])
router.add_router("/participation", participation_router)
router.add_router("/translations", translations_router)
router.add_router("/indicators", indicators_router)
router.add_router("/adoption", adoption_router)
