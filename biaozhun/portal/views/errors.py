"""The error pages people see instead of Django's: not found, refused, CSRF failure. (The 500 page is the
self-contained template 500.html, which Django's own handler renders without the database.)"""

from urllib.parse import unquote

from django.shortcuts import render
from django.utils.translation import gettext as _

from biaozhun.core.errors import GENERIC_REFUSAL


def _query_from(path: str) -> str:
    """What to search for instead: the number of a standard not found (/std/GB/T 99999-2020), else nothing."""
    if path.startswith("/std/"):
        return unquote(path.removeprefix("/std/")).split("/fulltext/")[0].split("/read/")[0].split("/amendments/")[0][:200]
    return ""


def page_not_found(request, exception=None):
    """The friendly 404 (in the reader's language, with a search box); the exception's text is never shown."""
    return render(request, "404.html", {"query": _query_from(request.path)}, status=404)


def permission_denied(request, exception=None):
    """The friendly 403 with the refusal's message (the policy's translated sentence saying what to do)."""
    message = (str(exception) if exception is not None else "") or str(GENERIC_REFUSAL)
    return render(request, "403.html", {"message": message}, status=403)


def csrf_failure(request, reason=""):
    """A form sent from a page that expired (or without cookies): say how to go on, not Django's CSRF page."""
    message = _("页面已过期或浏览器未保存 Cookie，表单未能提交。请返回上一页，刷新后重新提交；如仍不行，请允许本站使用 Cookie。")
    return render(request, "403.html", {"message": message}, status=403)
