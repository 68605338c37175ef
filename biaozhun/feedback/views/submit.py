"""The feedback form of one standard: a signed-in person writes as their account; a visitor gives a name and an
address (kept private) to get the answer. Up to three attachments, checked before anything is stored."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.core.errors import DomainError
from biaozhun.core.ratelimit import by_user_or_address, limit_page
from biaozhun.core.upload_limits import upload_limit, upload_refusal

from .. import access
from ..models import FeedbackCategory
from ..services import Contact, submit_feedback
from ..services.attachments import MAX_FILES, accepted_names

FIELDS = ("category", "clause", "text", "name", "email", "phone", "organisation")


@upload_limit("BIAOZHUN_MAX_FEEDBACK_UPLOAD_BYTES")
@limit_page("feedback", "BIAOZHUN_RATE_FEEDBACK", key=by_user_or_address)
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_form(request, identifier: str):
    standard = catalog_selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        raise Http404(identifier)
    errors: dict[str, str] = {}
    values = dict.fromkeys(FIELDS, "")
    status = 200
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in FIELDS}
        refusal = upload_refusal(request)
        try:
            if refusal:
                raise _too_large(refusal)
            contact = None if request.user.is_authenticated else Contact(
                name=values["name"], email=values["email"], phone=values["phone"], organisation=values["organisation"])
            item = submit_feedback(actor=request.user, standard=standard, category=values["category"],
                                   text=values["text"], clause=values["clause"], contact=contact,
                                   attachments=request.FILES.getlist("attachments"),
                                   language=translation.get_language() or "zh-hans")
        except DomainError as exc:
            errors = {e["field"].split("[")[0]: e["message"] for e in getattr(exc, "errors", []) if e.get("field")}
            messages.error(request, exc.message)
            status = exc.status
        else:
            access.grant(request, item.tracking_number)
            messages.success(request, _("反馈已受理，查询编号 %(number)s，答复期限为 %(due)s。确认邮件已发送。") % {
                "number": item.tracking_number, "due": item.answer_due.isoformat()})
            return redirect(item)
    return render(request, "feedback/form.html", {
        "standard": standard, "categories": FeedbackCategory.choices, "values": values, "errors": errors,
        "max_files": MAX_FILES, "accepted": accepted_names(),
    }, status=status)


def _too_large(message: str):
    from biaozhun.core.errors import PayloadTooLarge

    return PayloadTooLarge(message, [{"field": "attachments", "message": message}])
