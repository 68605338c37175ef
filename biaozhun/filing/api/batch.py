"""Filing API: batch."""

from biaozhun.api.routing import Router

router = Router(tags=["filing"])
