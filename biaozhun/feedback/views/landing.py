"""The door to implementation feedback (/feedback/): find the standard to write about by its number, follow an item
already sent, read the answers published as interpretations, see how quickly committees answer."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.catalog.identifier_messages import identifier_message
from biaozhun.identifiers import IdentifierError

from ..selectors.public import interpretation_list

RECENT = 10


@require_safe
def index(request):
    number = request.GET.get("standard", "").strip()[:120]
    error = ""
    if number:
        try:
            standard = catalog_selectors.edition_for_number(viewer=request.user, text=number)
        except IdentifierError as exc:
            error = identifier_message(exc)
        else:
            if standard is not None:
                return redirect("portal:feedback", identifier=standard.identifier)
            error = _not_found(number)
    return render(request, "feedback/index.html", {
        "number": number, "error": error, "interpretations": interpretation_list()[:RECENT],
    })


def _not_found(number: str) -> str:
    return _("目录中没有 %(number)s。请核对标准号，或先在标准目录中搜索该标准。") % {"number": number}
