"""The filing API (/api/v1/filings/): public reads (public.py), the authorities' and reviewers' writes (work.py),
batches (batch.py), periodic review (periodic.py), all on one router (router.py)."""

from . import batch, periodic, public, work  # noqa: F401 (each registers its operations on the router)
from .router import router

__all__ = ["router"]
