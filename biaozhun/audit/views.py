"""The auditor's audit log page (filter, pages, CSV/XLSX export) and the security administrator's roles page.

Nobody else reads either: the policy refuses (403 with what to do). Exports are themselves audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from biaozhun.accounts import policy
from biaozhun.accounts.forms import show_problems
from biaozhun.accounts.models import User
from biaozhun.core.errors import PermissionDeniedError, ValidationFailed

from . import exports, roles, selectors
from .forms import AuditFilterForm, RoleForm
from .models import AdminRole, AuditKind
from .records import record

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000  # rows in one export; more is split by date
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.as_xlsx),
}


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "audit.read_log")
    form = AuditFilterForm(request.GET or None)
    filters = form.filters()
    records = selectors.audit_records(**filters)
    export = request.GET.get("export", "")
    paginator = Paginator(records, PAGE_SIZE)
    too_many = ""
    if export in EXPORTS:
        if paginator.count <= EXPORT_LIMIT:
            return _export(request, records, export, filters)
        too_many = _("一次最多导出 %(limit)s 条记录，当前筛选出 %(count)s 条：请缩小日期范围后分批导出。") % {
            "limit": EXPORT_LIMIT, "count": paginator.count}
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"form": form, "page": page, "too_many": too_many,
                                              "may_export": policy.can(request.user, "audit.export_log")})


def _export(request: HttpRequest, records, export: str, filters: dict) -> HttpResponse:
    policy.require(request.user, "audit.export_log")
    rows = list(records.iterator(chunk_size=2000))
    record(AuditKind.AUDIT_LOG_EXPORTED, actor=request.user, request=request,
           data={"format": export, "filters": filters, "rows": len(rows)})
    content_type, write = EXPORTS[export]
    response = HttpResponse(write(rows), content_type=content_type)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.{export}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "audit.manage_roles")
    form = RoleForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"].strip()).first()
        if user is None:
            form.add_error("username", _("没有这个用户名的账号，请核对后再试。"))
        else:
            change = roles.withdraw_role if request.POST.get("action") == "withdraw" else roles.grant_role
            try:
                change(actor=request.user, user=user, role=form.cleaned_data["role"])
            except ValidationFailed as error:
                show_problems(form, error)
            except PermissionDeniedError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("已更新 %(user)s 的管理角色。") % {"user": user})
                return redirect("audit:roles")
    if form.errors:
        status = 422
    holders = {role: selectors.role_holders(role) for role in AdminRole}
    return render(request, "audit/roles.html", {
        "form": form, "holders": [(AdminRole(role).label, rows) for role, rows in holders.items()],
    }, status=status)
