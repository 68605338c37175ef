"""标准查新: paste or upload the numbers you cite; see each one's status and the edition in force; download XLSX."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from biaozhun.catalog.validity import MAX_LINES, check_lines, split_lines
from biaozhun.catalog.validity_files import UploadError, outcome_text, read_upload, result_xlsx
from biaozhun.core.ratelimit import by_user_or_address, limit_page
from biaozhun.core.upload_limits import megabytes, upload_limit, upload_refusal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _input_lines(request) -> list[str]:
    """The lines to check from the form (uploaded file first, then pasted text); UploadError when refused."""
    upload = request.FILES.get("file")
    if upload is not None:
        return read_upload(upload.name, upload)
    lines = split_lines(request.POST.get("numbers", ""))
    if len(lines) > MAX_LINES:
        raise UploadError(_("共 %(count)s 行，超过上限 %(max)s 行。") % {"count": len(lines), "max": MAX_LINES})
    return lines


@upload_limit("BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES")
@require_http_methods(["GET", "HEAD", "POST"])
@limit_page("validity", "BIAOZHUN_RATE_VALIDITY", key=by_user_or_address)  # each check parses and looks up
def validity_check(request):
    context = {"max_lines": MAX_LINES, "numbers": "",
               "max_upload_mb": megabytes(settings.BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES)}
    status = 200
    if request.method == "POST":
        if refusal := upload_refusal(request):
            messages.error(request, refusal)
            return render(request, "portal/validity.html", context, status=413)
        try:
            lines = _input_lines(request)
        except UploadError as exc:
            messages.error(request, str(exc))
            lines, status = None, 422
        if lines is not None:
            if not lines:
                messages.error(request, _("请粘贴标准号（每行一个）或上传文件。"))
            else:
                results = check_lines(lines)
                if request.POST.get("format") == "xlsx":
                    response = HttpResponse(result_xlsx(results), content_type=XLSX)
                    filename = f"validity-check-{timezone.localdate():%Y%m%d}.xlsx"
                    response["Content-Disposition"] = f'attachment; filename="{filename}"'
                    return response
                context["results"] = [(row, outcome_text(row)) for row in results]
                context["summary"] = _summary(results)
                context["numbers"] = "\n".join(lines)
    return render(request, "portal/validity.html", context, status=status)


def _summary(results) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = {}
    for row in results:
        counts[row.outcome] = counts.get(row.outcome, 0) + 1
    labels = [
        ("valid", _("现行有效"), "success"), ("upcoming", _("尚未实施"), "primary"),
        ("replaced", _("已被代替"), "warning"), ("abolished", _("已废止"), "danger"),
        ("not_found", pgettext("validity summary", "未收录"), "secondary"), ("error", _("无法识别"), "dark"),
    ]
    return [(label, css, counts[code]) for code, label, css in labels if counts.get(code)]
