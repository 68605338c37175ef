"""Filing API: public."""

from biaozhun.api.routing import Router

router = Router(tags=["filing"])
