"""The one router of the declarations API (/api/v1/declarations/): the public reads (public.py) and the enterprises'
writes register their operations on it, so that one path answers each of its methods."""

from biaozhun.api.routing import Router

router = Router(tags=["declarations"])
