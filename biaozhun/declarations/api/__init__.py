"""The declarations API (/api/v1/declarations/): public reads (public.py), on one router (router.py)."""

from . import public  # noqa: F401 (registers its operations on the router)
from .router import router

__all__ = ["router"]
