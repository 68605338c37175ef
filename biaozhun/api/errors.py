"""Render every DomainError (and Ninja's own errors) as RFC 9457 problem+json with a stable code."""

from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from biaozhun.core.errors import DomainError

PROBLEM = "application/problem+json"


def problem(status: int, code: str, title: str, detail: str = "", **extra) -> JsonResponse:
    body = {"type": f"/api/v1/problems/{code}", "title": title, "status": status, "code": code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JsonResponse(body, status=status, content_type=PROBLEM, json_dumps_params={"ensure_ascii": False})


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
        return problem(401, "unauthenticated", "Sign in to use this endpoint.")
