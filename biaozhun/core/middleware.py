"""A policy refusal that a page lets through becomes the 403 page with the policy's message, never a 500.

Views may call ``policy.require(...)`` and let ``PermissionDeniedError`` propagate: the person then reads the
translated sentence the policy gives (who may act, what to do), not the rule's code. The API renders its own
problem+json and never gets here.
"""

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.utils.translation import gettext_lazy as _

from .errors import PermissionDeniedError

# The policy's own generic refusal (accounts.policy.require), for refusals that carry no sentence of their own.
GENERIC_REFUSAL = _("您没有办理此事项的权限。如认为应当有权办理，请联系系统管理员核实您的账号和所属单位。")


def refusal_message(error: PermissionDeniedError) -> str:
    """The sentence a person reads; a refusal built without one (its default names the rule) gets the generic one."""
    if not error.message or error.message == f"Not allowed: {error.action}":
        return str(GENERIC_REFUSAL)
    return error.message


class PolicyRefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDeniedError):
            return response_for_exception(request, PermissionDenied(refusal_message(exception)))
        return None
