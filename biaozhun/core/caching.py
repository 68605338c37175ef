"""Who may keep a copy of a response: nobody, for pages that show a secret or anything of a signed-in person.

* ``@no_store`` on a view that shows a secret (an API token shown once, a password form reached by a reset
  link): ``Cache-Control: private, no-store`` whoever asks, so neither a shared cache nor the browser's cache
  or history keeps it.
* ``PrivateNoStoreMiddleware`` sends the same to every signed-in person (a session or an API token) unless the
  view set its own ``Cache-Control``. Their pages show their work queue, unpublished drafts, their votes and
  comments: a shared proxy must never store them, and after signing out on a shared computer the back button
  must not bring them back (等保三级 剩余信息保护). The cost, a fresh request on Back, is small for such pages;
  public pages (the catalogue for anonymous visitors) and static files (WhiteNoise, above this middleware)
  stay cacheable.
"""

from functools import wraps

from django.utils.cache import patch_cache_control

NO_STORE = {"private": True, "no_store": True}


def no_store(view):
    """Mark a view's responses as never to be stored by any cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, **NO_STORE)
        return response

    return wrapper


class PrivateNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)  # an API token's owner too (set further down the chain)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, **NO_STORE)
        return response
