"""Django's admin, entered only through the site's own sign-in (throttled, with the second factor).

``admin_config.AdminConfig`` replaces ``django.contrib.admin`` in INSTALLED_APPS so that ``admin.site`` is this
``AdminSite``, whose login page sends people to ``accounts:login`` (one sign-in: the lockout of ``lockout.py``
and the second factor apply to the admin too) and whose permission check also asks that a person who must use a
second factor has verified it in this session.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import second_factor


class AdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and second_factor.is_satisfied(request)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return HttpResponseRedirect(reverse("accounts:login") + "?" + urlencode({"next": next_url}))
        if not second_factor.is_satisfied(request):
            return second_factor.SecondFactorMiddleware.refuse(request)
        if self.has_permission(request):
            return HttpResponseRedirect(next_url)
        # Signed in, but not let into the back office (sending them to sign in again would loop).
        raise PermissionDenied(_("您的账号不能进入后台管理。如需办理后台事项，请联系系统管理员开通权限。"))
