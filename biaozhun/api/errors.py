"""Render every DomainError (and Ninja's own errors) as RFC 9457 problem+json with a stable code."""

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from biaozhun.core.errors import DomainError

PROBLEM = "application/problem+json"
# RFC 6750 §3: the scheme a client should use, sent with every 401.
WWW_AUTHENTICATE = 'Bearer realm="biaozhun"'


def problem(status: int, code: str, title: str, detail: str = "", **extra) -> JsonResponse:
    body = {"type": f"/api/v1/problems/{code}", "title": title, "status": status, "code": code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JsonResponse(body, status=status, content_type=PROBLEM, json_dumps_params={"ensure_ascii": False})


def unauthenticated_problem(code: str = "unauthenticated") -> JsonResponse:
    """401 for a request that needs a signed-in caller and has none (or an unknown or revoked token)."""
    if code == "invalid_token":
        response = problem(401, code, _("API 令牌无效或已撤销。"), _("请在账户页面（/accounts/profile/）生成新的令牌。"))
        response["WWW-Authenticate"] = f'{WWW_AUTHENTICATE}, error="invalid_token"'
        return response
    response = problem(401, code, _("请先登录：此接口须由登录的用户调用。"),
                       _("请在请求头 Authorization: Bearer … 中提供个人 API 令牌（登录后在账户页面 /accounts/profile/ "
                         "生成），或在登录后的网页中调用。"))
    response["WWW-Authenticate"] = WWW_AUTHENTICATE
    return response


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError):
        response = problem(exc.status, exc.code, exc.message, **exc.data)
        if "retry_after" in exc.data:
            response["Retry-After"] = str(exc.data["retry_after"])
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError):
        errors = [
            {"field": ".".join(str(p) for p in e.get("loc", [])), "message": e.get("msg", "")} for e in exc.errors
        ]
        return problem(422, "validation_failed", "The request is not valid.", errors=errors)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        code = "bad_request" if exc.status_code == 400 else f"http_{exc.status_code}"
        return problem(exc.status_code, code, str(exc.message) or "Bad request.")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return problem(404, "not_found", "Not found.", str(exc))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError):
        return unauthenticated_problem()
