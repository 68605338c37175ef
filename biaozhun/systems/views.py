"""Standard systems' pages: the list (filter by programme tag), a system's public page (tree with counts and gaps,
each node's lists; filter by tag) and its XLSX export, and for its owner and the administration the editing page
(nodes, assignments, planned entries) and the import. The programme tags' page lists the tags and lets those
allowed set a standard's or a project's tags. Every write goes through services/ (policy and events there)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.catalog import selectors as catalog_selectors
from biaozhun.committees.models import Committee
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.core.upload_limits import upload_limit, upload_refusal
from biaozhun.development.models import Project
from biaozhun.identifiers import IdentifierError

from . import formats, selectors
from .models import Priority, SystemNode
from .services import systems as services
from .services import tags as tag_services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fail(request, error: DomainError) -> None:
    details = "；".join(p["message"] for p in getattr(error, "errors", []) if p.get("message"))
    messages.error(request, f"{error.message} {details}".strip())


@require_safe
def system_list(request):
    tag = request.GET.get("tag", "").strip()
    return render(request, "systems/list.html", {
        "systems": selectors.systems(tag=tag), "tags": selectors.tags(), "tag": tag,
        "may_create": policy.can(request.user, "systems.create"),
    })


@require_safe
def system_detail(request, system_id: int):
    system = selectors.system_for_page(system_id)
    tag = request.GET.get("tag", "").strip()
    view = selectors.system_view(system, tag=tag)
    return render(request, "systems/detail.html", {
        "view": view, "system": system, "tags": selectors.tags(), "tag": tag,
        "may_edit": policy.can(request.user, "systems.edit", system),
    })


@require_safe
def system_export(request, system_id: int):
    system = selectors.system_for_page(system_id)
    response = HttpResponse(formats.export_xlsx(selectors.system_view(system)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="system-{system.code}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def system_create(request):
    policy.require(request.user, "systems.create")
    values = {key: request.POST.get(key, "").strip() for key in (
        "code", "name_zh", "name_en", "field_description", "committee", "department")}
    status = 200
    if request.method == "POST":
        committee = Committee.objects.filter(code=values["committee"]).first() if values["committee"] else None
        department = (Organisation.objects.filter(name=values["department"]).first() if values["department"]
                      else None)
        try:
            system = services.create_system(actor=request.user, data=services.SystemInput(
                code=values["code"], name_zh=values["name_zh"], name_en=values["name_en"],
                field_description=values["field_description"][:4000], owner_committee=committee,
                owner_department=department))
        except DomainError as error:
            _fail(request, error)
            status = error.status
        else:
            messages.success(request, _("已建立标准体系：%(name)s。") % {"name": system.name_zh})
            return redirect("systems:manage", system_id=system.pk)
    return render(request, "systems/create.html", {"values": values}, status=status)


def _editable(request, system_id: int):
    system = selectors.system_for_page(system_id)
    policy.require(request.user, "systems.edit", system)
    return system


@login_required
@require_safe
def system_manage(request, system_id: int):
    system = _editable(request, system_id)
    return render(request, "systems/manage.html", {
        "system": system, "view": selectors.system_view(system), "priorities": Priority.choices,
        "events": selectors.events_of(system)[:30],
    })


def _back(system) -> HttpResponse:
    return redirect("systems:manage", system_id=system.pk)


def _node(system, value: str) -> SystemNode | None:
    return SystemNode.objects.filter(system=system, code=value.strip()).first() if value.strip() else None


def _ics(text: str) -> list[str]:
    return [part for part in text.replace("，", ",").replace(";", ",").replace(" ", ",").split(",") if part]


@login_required
@require_POST
def node_add(request, system_id: int):
    system = _editable(request, system_id)
    try:
        parent_code = request.POST.get("parent", "")
        parent = _node(system, parent_code)
        if parent_code.strip() and parent is None:
            raise ValidationFailed(_("没有编号为 %(code)s 的上级节点。") % {"code": parent_code.strip()})
        node = services.add_node(actor=request.user, system=system, code=request.POST.get("code", ""),
                                 name_zh=request.POST.get("name_zh", ""), parent=parent,
                                 ics_codes=_ics(request.POST.get("ics_codes", "")))
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("已新增节点 %(code)s。") % {"code": node.code})
    return _back(system)


@login_required
@require_POST
def node_change(request, system_id: int, node_id: int):
    system = _editable(request, system_id)
    node = selectors.node_for_page(system, node_id)
    try:
        parent_code = request.POST.get("parent", "")
        parent = _node(system, parent_code)
        if parent_code.strip() and parent is None:
            raise ValidationFailed(_("没有编号为 %(code)s 的上级节点。") % {"code": parent_code.strip()})
        position = request.POST.get("position", "").strip()
        services.change_node(actor=request.user, node=node, code=request.POST.get("code", node.code),
                             name_zh=request.POST.get("name_zh", node.name_zh), parent=parent,
                             position=int(position) if position.isdigit() else None,
                             ics_codes=_ics(request.POST.get("ics_codes", "")))
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("已保存节点 %(code)s。") % {"code": node.code})
    return _back(system)


@login_required
@require_POST
def node_remove(request, system_id: int, node_id: int):
    system = _editable(request, system_id)
    node = selectors.node_for_page(system, node_id)
    try:
        services.remove_node(actor=request.user, node=node)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("已删除节点 %(code)s。") % {"code": node.code})
    return _back(system)


def _standard(viewer, number: str):
    try:
        return catalog_selectors.edition_for_number(viewer=viewer, text=number) if number.strip() else None
    except IdentifierError:
        return None


@login_required
@require_POST
def node_assign(request, system_id: int, node_id: int):
    system = _editable(request, system_id)
    node = selectors.node_for_page(system, node_id)
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "").strip()
    try:
        if kind == "standard":
            standard = _standard(request.user, value)
            if standard is None:
                raise ValidationFailed(_("目录中没有标准 %(number)s。") % {"number": value})
            services.assign_standard(actor=request.user, node=node, standard=standard)
        elif kind == "project":
            project = Project.objects.filter(plan_number=value).first() if value else None
            if project is None:
                raise ValidationFailed(_("没有计划号为 %(number)s 的项目。") % {"number": value})
            services.assign_project(actor=request.user, node=node, project=project)
        elif kind == "planned":
            year = request.POST.get("planned_year", "").strip()
            services.add_planned(actor=request.user, node=node, data=services.PlannedInput(
                title=value, number=request.POST.get("number", "").strip(),
                priority=request.POST.get("priority", Priority.MEDIUM),
                planned_year=int(year) if year.isdigit() else None))
        else:
            raise ValidationFailed(_("未知的类型。"))
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("已列入节点 %(code)s。") % {"code": node.code})
    return _back(system)


@login_required
@require_POST
def node_unassign(request, system_id: int, node_id: int):
    system = _editable(request, system_id)
    node = selectors.node_for_page(system, node_id)
    pk = request.POST.get("pk", "")
    try:
        services.unassign(actor=request.user, node=node, kind=request.POST.get("kind", ""),
                          pk=int(pk) if pk.isdigit() else 0)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("已从节点 %(code)s 移出。") % {"code": node.code})
    return _back(system)


@upload_limit(formats.UPLOAD_SETTING, signed_in_only=True)
@login_required
@require_http_methods(["GET", "POST"])
def system_import(request, system_id: int):
    system = _editable(request, system_id)
    problems: list[dict] = []
    status = 200
    if request.method == "POST":
        refusal = upload_refusal(request)
        upload = request.FILES.get("file")
        try:
            if refusal or upload is None:
                raise formats.UploadError(refusal or _("请选择体系表文件（.xlsx）。"))
            rows, problems = formats.read_system(upload, upload.name, viewer=request.user)
            if problems:
                raise ValidationFailed(_("体系表未导入：%(count)d 处需要修改，请改正后重新上传整个文件。") % {
                    "count": len(problems)}, problems)
            services.import_system(actor=request.user, system=system, rows=rows, source=upload.name,
                                   columns=formats.headings())
        except formats.UploadError as exc:
            messages.error(request, str(exc))
            status = 413 if refusal else 422
        except ValidationFailed as error:
            messages.error(request, error.message)
            problems, status = error.errors, error.status
        else:
            messages.success(request, _("体系表已导入。"))
            return redirect(system)
    return render(request, "systems/import.html", {
        "system": system, "problems": problems[:200], "more": max(0, len(problems) - 200),
        "columns": formats.headings(), "max_rows": formats.MAX_ROWS}, status=status)


@require_safe
def system_template(request):
    response = HttpResponse(formats.template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="standard-system.xlsx"'
    return response


@require_safe
def tag_list(request):
    return render(request, "systems/tags.html", {
        "tags": selectors.tag_counts(),
        "may_tag": request.user.is_authenticated and (policy.can(request.user, "systems.tag_standard")
                                                       or policy.can(request.user, "systems.tag_project")),
    })


@login_required
@require_POST
def tag_standard(request):
    number = request.POST.get("standard", "").strip()
    standard = _standard(request.user, number)
    policy.require(request.user, "systems.tag_standard", standard)  # without a standard: may tag some
    try:
        if standard is None:
            raise ValidationFailed(_("目录中没有标准 %(number)s。") % {"number": number})
        codes = tag_services.set_standard_tags(actor=request.user, standard=standard,
                                               tags=tag_services.tags_by_codes(request.POST.getlist("tags")))
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("%(number)s 的专项标签已保存（%(count)d 个）。") % {
            "number": standard.identifier, "count": len(codes)})
    return redirect(reverse("systems:tags"))


@login_required
@require_POST
def tag_project(request):
    plan = request.POST.get("project", "").strip()
    project = Project.objects.select_related("committee").filter(plan_number=plan).first() if plan else None
    policy.require(request.user, "systems.tag_project", project)
    try:
        if project is None:
            raise ValidationFailed(_("没有计划号为 %(number)s 的项目。") % {"number": plan})
        codes = tag_services.set_project_tags(actor=request.user, project=project,
                                              tags=tag_services.tags_by_codes(request.POST.getlist("tags")))
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("项目 %(number)s 的专项标签已保存（%(count)d 个）。") % {
            "number": plan, "count": len(codes)})
    return redirect(reverse("systems:tags"))
