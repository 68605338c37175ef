"""The international standardization API, mounted at /api/v1/international/: each part's router under its own path."""

from biaozhun.api.routing import Router

router = Router(tags=["international"])

from .indicators import router as indicators_router  # noqa: E402
from .translations import router as translations_router  # noqa: E402

router.add_router("/translations", translations_router)
router.add_router("/indicators", indicators_router)
