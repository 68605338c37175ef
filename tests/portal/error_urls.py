"""The site's URLs plus pages that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.core.errors import PermissionDeniedError
from biaozhun.urls import handler403, handler404  # noqa: F401 (the handlers)
from biaozhun.urls import urlpatterns as site_urlpatterns


def refused_by_the_policy(request):
    policy.require(request.user, "development.queue")  # lets PermissionDeniedError through


def refused_without_a_sentence(request):
    raise PermissionDeniedError("development.manage")


def refused_by_a_view(request):
    raise PermissionDenied(_("只有该组织的管理员可以管理成员；请联系本单位在平台上的管理员。"))


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("boom/policy/", refused_by_the_policy),
    path("boom/bare-refusal/", refused_without_a_sentence),
    path("boom/denied/", refused_by_a_view),
    path("boom/500/", broken),
    *site_urlpatterns,
]
