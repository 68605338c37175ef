"""Filing API: work."""

from biaozhun.api.routing import Router

router = Router(tags=["filing"])
