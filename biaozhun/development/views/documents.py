"""Project documents: the list on the project page (drafts public, the rest for the secretariat and reviewers),
the upload form, and the download with a readable file name."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from biaozhun.accounts import policy
from biaozhun.accounts.forms import BootstrapFormMixin, form_problems, show_problems
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.rules.stages import OPEN_STAGES

from ..models import DocumentKind, DraftDocument, Project
from ..services.documents import EXTENSIONS, MAX_UPLOAD_BYTES, upload_document


class UploadForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("文件类型"), choices=DocumentKind.choices)
    # Empty files reach the service, whose message says what is expected.
    upload = forms.FileField(label=gettext_lazy("文件"), allow_empty_file=True,
                             help_text=gettext_lazy("PDF 或 Word（.docx）；意见汇总处理表也可为 Excel（.xlsx）。最大 50 MB。"))
    note = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "document-%s")
        super().__init__(*args, **kwargs)
        self.fields["upload"].widget.attrs["accept"] = ".pdf,.docx,.xlsx"


def may_see_all(user, project: Project) -> bool:
    return policy.can(user, "development.view_documents", project)


def visible_documents(user, project: Project):
    return policy.visible("development.documents", user, project).select_related("uploaded_by").order_by(
        "-uploaded_at", "-pk")


def download_name(document: DraftDocument) -> str:
    """E.g. 20190001-T-469_征求意见稿_v2.pdf."""
    project = document.project
    extension = EXTENSIONS.get(document.content_type, "bin")
    return f"{project.plan_number or project.pk}_{document.label}_v{document.version}.{extension}"


# --- The section on the project page -------------------------------------------------------------
def detail_context(request, project: Project, form: UploadForm | None = None) -> dict:
    may_upload = (policy.can(request.user, "development.manage", project) and project.stage in OPEN_STAGES
                  and not project.frozen)
    return {
        "documents_list": [{"document": d, "format": EXTENSIONS.get(d.content_type, "").upper()}
                           for d in visible_documents(request.user, project)],
        "documents_form": (form or UploadForm(initial={"kind": DocumentKind.DRAFT})) if may_upload else None,
        "documents_all_kinds": may_see_all(request.user, project),
    }


@login_required
@require_POST
def document_upload(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("committee"), pk=pk)
    form = UploadForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise form_problems(form)
        document = upload_document(request.user, project, **form.cleaned_data)
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and form.is_bound and not form.errors:
            show_problems(form, exc)
        project.refresh_from_db()
        return render(request, "development/documents/refused.html", {
            "project": project, "error": exc.message, **detail_context(request, project, form),
            "documents_max_mb": MAX_UPLOAD_BYTES // 1024 // 1024}, status=exc.status)
    messages.success(request, _("已上传 %(label)s v%(version)d（%(filename)s）。") % {
        "label": document.label, "version": document.version, "filename": document.filename})
    return redirect(project.get_absolute_url() + "#documents")


@require_GET
def document_download(request, pk: int, doc_pk: int):
    document = get_object_or_404(DraftDocument.objects.select_related("project__committee"), pk=doc_pk, project_id=pk)
    if not visible_documents(request.user, document.project).filter(pk=document.pk).exists():
        raise Http404
    return FileResponse(document.file.open("rb"), content_type=document.content_type, as_attachment=True,
                        filename=download_name(document))


urlpatterns = [
    path("<int:pk>/documents/", document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:doc_pk>/", document_download, name="document_download"),
]
