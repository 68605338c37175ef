"""The feedback form of one standard (registered people, real name)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from biaozhun.catalog import selectors
from biaozhun.core.errors import DomainError

from .models import FeedbackCategory
from .services import submit_feedback


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_form(request, identifier: str):
    standard = selectors.standard_by_identifier(viewer=request.user, identifier=identifier)
    if standard is None:
        raise Http404(identifier)
    errors, values = {}, {"category": "", "clause": "", "text": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        try:
            feedback = submit_feedback(actor=request.user, standard=standard, **values)
        except DomainError as exc:
            errors = {e["field"]: e["message"] for e in getattr(exc, "errors", [])}
            messages.error(request, exc.message)
        else:
            messages.success(request, _("反馈已受理，答复期限为 %(due)s。确认邮件已发送。") % {"due": feedback.reply_due})
            return redirect(standard)
    return render(request, "feedback/form.html", {
        "standard": standard, "categories": FeedbackCategory.choices, "values": values, "errors": errors,
    })
