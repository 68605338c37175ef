"""The declarations API (/api/v1/declarations/): the enterprises' writes (work.py, bulk files in bulk.py) on one
router (router.py); the public reads register on the same router."""

from . import bulk, work  # noqa: F401 (each registers its operations on the router)
from .router import router

__all__ = ["router"]
