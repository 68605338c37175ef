"""The filing API (/api/v1/filings/): public reads (public.py), the authorities' and reviewers' writes (work.py),
batches (batch.py), periodic review (periodic.py)."""

from biaozhun.api.routing import Router

from . import batch, periodic, public, work

router = Router(tags=["filing"])
for module in (public, work, batch, periodic):
    router.add_router("", module.router)
