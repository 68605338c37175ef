"""A policy refusal that a page lets through becomes the 403 page with the policy's message, never a 500.

Views may call ``policy.require(...)`` and let ``PermissionDeniedError`` propagate: the person then reads the
translated sentence the policy gives (who may act, what to do), not the rule's code. The API renders its own
problem+json and never gets here.
"""

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception

from .errors import PermissionDeniedError


class PolicyRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDeniedError):
            return response_for_exception(request, PermissionDenied(exception.message))
        return None
