"""Filing API: periodic."""

from biaozhun.api.routing import Router

router = Router(tags=["filing"])
