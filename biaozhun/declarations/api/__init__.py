"""The declarations API (/api/v1/declarations/): public reads (public.py), the enterprises' writes (work.py, bulk
files in bulk.py), all on one router (router.py)."""

from . import bulk, public, work  # noqa: F401 (each registers its operations on the router)
from .router import router

__all__ = ["router"]
