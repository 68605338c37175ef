"""Who is calling the API: a personal token (`Authorization: Bearer bz_…`, for programs) or the signed-in
session (for pages' scripts, with its CSRF token). Endpoints that write use `SIGNED_IN`."""

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from biaozhun.accounts import tokens

from .errors import problem


class PersonalToken(HttpBearer):
    """A token made on the account page; the request then acts as the token's owner."""

    def authenticate(self, request: HttpRequest, token: str):
        user = getattr(request, "token_user", None) or tokens.user_for(token)
        if user is not None:
            request.user = user
        return user


SIGNED_IN = [PersonalToken(), django_auth]


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
                return problem(401, "invalid_token", "The API token is unknown or revoked.",
                               "Make a new token on your account page (/accounts/profile/).")
            request.user = request.token_user = user
        return self.get_response(request)
