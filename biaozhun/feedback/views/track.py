"""Following one's own feedback: signed in, the list of one's items ("我的反馈"); without an account, the tracking
number and the address given with it bring a one-time code by email, and the code opens the item in this browser.
The page answers the same whether or not the number and the address belong together."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from biaozhun.core.errors import DomainError
from biaozhun.core.ratelimit import client_address, too_many_requests
from biaozhun.rules.feedback import normalise_tracking_number

from .. import access
from ..selectors import items as selectors
from ..services import request_access_code, verify_access_code
from ..services.tracking import CODE_MINUTES, RateLimited


def _errors(exc: DomainError) -> dict[str, str]:
    return {e["field"]: e["message"] for e in getattr(exc, "errors", []) if e.get("field")}


@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """Ask for a code: the tracking number and the address given with the item."""
    values = {"tracking_number": request.GET.get("number", ""), "email": ""}
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        values = {"tracking_number": request.POST.get("tracking_number", ""), "email": request.POST.get("email", "")}
        try:
            request_access_code(actor=request.user, tracking_number=values["tracking_number"], email=values["email"],
                                client=client_address(request))
        except RateLimited as exc:
            return too_many_requests(request, exc.data["retry_after"])
        except DomainError as exc:
            errors, status = _errors(exc), exc.status
            messages.error(request, exc.message)
        else:
            number = normalise_tracking_number(values["tracking_number"])
            messages.info(request, _("如果查询编号和邮箱与反馈相符，验证码已发送到该邮箱，%(minutes)d 分钟内有效。") % {
                "minutes": CODE_MINUTES})
            return redirect("feedback:track_verify", number=number)
    return render(request, "feedback/track.html", {"values": values, "errors": errors}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def track_verify(request, number: str):
    """Enter the code: the item opens in this browser."""
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            item = verify_access_code(actor=request.user, tracking_number=number, code=request.POST.get("code", ""),
                                      client=client_address(request))
        except RateLimited as exc:
            return too_many_requests(request, exc.data["retry_after"])
        except DomainError as exc:
            errors, status = _errors(exc), exc.status
            messages.error(request, exc.message)
        else:
            access.grant(request, item.tracking_number)
            return redirect(item)
    return render(request, "feedback/verify.html", {
        "number": number, "errors": errors, "again": reverse("feedback:track") + f"?number={number}",
        "minutes": CODE_MINUTES}, status=status)


@login_required
@require_safe
def mine(request):
    page = selectors.page_of(selectors.mine(user=request.user), request.GET.get("page"))
    return render(request, "feedback/mine.html", {"page": page})
