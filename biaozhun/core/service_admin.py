"""Model admins that save through the services: a refused save shows the service's reasons and writes nothing.

A ``ServiceAdmin`` calls its services with ``self.call_service(service, **kwargs)``. When a service refuses
(any ``DomainError``: a permission, the balance rule, validation), everything the save had written so far is
undone (the admin's change view runs in one transaction, which the refusal leaves by an exception) and the same
form is shown again, with the person's input, the service's message on top and each problem beside its field.
A refused delete is undone the same way and the reason is shown on the object's page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from .errors import DomainError

_REFUSAL = "_biaozhun_service_refusal"


class ServiceRefused(Exception):
    """A service refused inside an admin save; carries the DomainError to show."""

    def __init__(self, error: DomainError) -> None:
        super().__init__(error.message)
        self.error = error


def problems_of(error: DomainError) -> list[dict[str, Any]]:
    """The error's per-field problems ({"field", "message"}), as ValidationFailed and its kin list them."""
    return list(getattr(error, "errors", None) or [])


def refusal_text(error: DomainError) -> str:
    """The message and every problem not already said by it, for a one-line admin message."""
    extra = [p["message"] for p in problems_of(error) if p.get("message") and p["message"] != error.message]
    return " ".join([str(error.message), *map(str, extra)]).strip()


def _with_refusal(form_class: type, error: DomainError) -> type:
    """``form_class`` whose validation fails with the service's reasons (so the form is shown again, unsaved)."""

    def clean(self):
        cleaned = super(refused_form, self).clean()
        self.add_error(None, str(error.message))
        for problem in problems_of(error):
            field = problem.get("field")
            if not problem.get("message") or problem["message"] == error.message:
                continue
            self.add_error(field if field in self.fields else None, str(problem["message"]))
        return cleaned

    refused_form = type(form_class.__name__, (form_class,), {"clean": clean})
    return refused_form


class ServiceAdmin(admin.ModelAdmin):
    """Base (or mixin, before a ModelAdmin) for admins whose saves and deletes call services."""

    def call_service(self, service: Any, **kwargs: Any) -> Any:
        try:
            return service(**kwargs)
        except DomainError as error:
            raise ServiceRefused(error) from error

    def changeform_view(self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
                        extra_context: dict | None = None) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            # The transaction of the first attempt is rolled back; show the form again with the reasons.
            setattr(request, _REFUSAL, refused.error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> type:
        form = super().get_form(request, obj, change=change, **kwargs)
        error = getattr(request, _REFUSAL, None)
        return _with_refusal(form, error) if error is not None else form

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except ServiceRefused as refused:
            self.message_user(request, refusal_text(refused.error), messages.ERROR)
            return HttpResponseRedirect(request.path.rsplit("delete/", 1)[0])
