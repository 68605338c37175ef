"""What the groups views share: looking an organisation or an announcement up (404 when absent) and calling a
service from a form (its problems shown on the fields they name)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404
from django.utils.translation import gettext as _

from biaozhun.accounts.forms import show_problems
from biaozhun.core.errors import DomainError, PayloadTooLarge, ValidationFailed
from biaozhun.core.upload_limits import upload_refusal

from .. import selectors


def profile_or_404(group_code: str):
    profile = selectors.profile_by_code(group_code)
    if profile is None:
        raise Http404(_("没有这个社会团体。"))
    return profile


def announcement_or_404(pk: int):
    announcement = selectors.announcement(pk)
    if announcement is None:
        raise Http404(_("没有这条公告。"))
    return announcement


def submit(request, form: forms.Form, call: Callable[[forms.Form], Any], *, file_field: str = "") -> tuple[Any, int]:
    """Check the form and call the service: (result, 200) or (None, the refusal's status) with the form showing why.
    A permission refusal propagates (the middleware answers it)."""
    refusal = upload_refusal(request) if file_field else None
    try:
        if refusal:
            form.is_valid()
            raise PayloadTooLarge(refusal, [{"field": file_field, "message": refusal}])
        if not form.is_valid():
            return None, 422
        return call(form), 200
    except ValidationFailed as exc:
        show_problems(form, exc)
        return None, exc.status
    except DomainError as exc:
        if exc.code == "permission_denied":
            raise
        form.add_error(None, exc.message)
        return None, exc.status
