"""The one router of the declarations API (/api/v1/declarations/): every module registers its operations on it."""

from biaozhun.api.routing import Router

router = Router(tags=["declarations"])
