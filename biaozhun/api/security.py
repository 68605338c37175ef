"""Who is calling the API: a personal token (`Authorization: Bearer bz_…`, for programs) or the signed-in
session (for pages' scripts, with its CSRF token). Endpoints that write use `SIGNED_IN`.

A request with neither is answered 401 problem+json with `WWW-Authenticate: Bearer` (RFC 6750), saying how to
get a token. CSRF is checked only when the session is what signs the request in: a request without a session has
nothing a forged page could borrow, and a token is never sent by a browser on its own.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth
from ninja.utils import check_csrf

from biaozhun.accounts import tokens
from biaozhun.core.errors import DomainError

from .errors import unauthenticated_problem


class CsrfFailed(DomainError):
    code = "csrf_failed"
    status = 403


class PersonalToken(HttpBearer):
    """A token made on the account page; the request then acts as the token's owner."""

    def authenticate(self, request: HttpRequest, token: str):
        user = getattr(request, "token_user", None) or tokens.user_for(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(SessionAuth):
    """The browser's signed-in session, with Django's CSRF check (header X-CSRFToken, as the pages send it)."""

    def _get_key(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None  # not signed in: no session to forge, so 401 rather than a CSRF refusal
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise CsrfFailed(_("请求未通过跨站请求伪造（CSRF）校验。网页中的脚本须在 X-CSRFToken 请求头中带上页面的 CSRF "
                               "令牌；程序请改用个人 API 令牌（Authorization: Bearer …），在账户页面生成。"))
        return request.COOKIES.get(self.param_name)


SIGNED_IN = [PersonalToken(), SignedInSession()]


class ApiTokenMiddleware:
    """On /api/, a request with a bearer token acts as the token's owner for reads too (so it sees what its owner
    may see, and is not rate limited as anonymous); an unknown or revoked token gets 401 rather than being
    silently treated as anonymous."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header[:7].lower() == "bearer ":
            user = tokens.user_for(header[7:].strip())
            if user is None:
                return unauthenticated_problem("invalid_token")
            request.user = request.token_user = user
        return self.get_response(request)
