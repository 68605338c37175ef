"""Project documents: the upload (the list is the project page's documents section) and the download with a
readable file name, for those the policy lets read the file."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from biaozhun.accounts.forms import form_problems, show_problems
from biaozhun.core.errors import DomainError, PayloadTooLarge, ValidationFailed
from biaozhun.core.files import serve_file
from biaozhun.core.upload_limits import megabytes, upload_limit, upload_refusal

from .. import selectors
from ..forms import UploadForm
from ..models import DraftDocument
from ..services.documents import EXTENSIONS, upload_document
from .sections import documents as section


def download_name(document: DraftDocument) -> str:
    """E.g. 20190001-T-469_征求意见稿_v2.pdf."""
    project = document.project
    extension = EXTENSIONS.get(document.content_type, "bin")
    return f"{project.plan_number or project.pk}_{document.label}_v{document.version}.{extension}"


@upload_limit("BIAOZHUN_MAX_DOCUMENT_BYTES", signed_in_only=True)
@login_required
@require_POST
def document_upload(request, pk: int):
    project = selectors.project_for_page(pk=pk)
    refusal = upload_refusal(request)
    form = UploadForm(request.POST, request.FILES)
    try:
        if refusal:  # the file was not read: say so on the form's file field, not "required"
            form.is_valid()
            form.errors["upload"] = form.error_class([refusal])
            raise PayloadTooLarge(refusal, [{"field": "upload", "message": refusal}])
        if not form.is_valid():
            raise form_problems(form)
        document = upload_document(actor=request.user, project=project, **form.cleaned_data)
    except DomainError as exc:
        if isinstance(exc, ValidationFailed) and form.is_bound and not form.errors:
            show_problems(form, exc)
        project.refresh_from_db()
        return render(request, "development/documents/refused.html", {
            "project": project, "error": exc.message, **section.context(request, project, form=form),
            "documents_max_mb": megabytes(settings.BIAOZHUN_MAX_DOCUMENT_BYTES)}, status=exc.status)
    messages.success(request, _("已上传 %(label)s v%(version)d（%(filename)s）。") % {
        "label": document.label, "version": document.version, "filename": document.filename})
    return redirect(project.get_absolute_url() + "#documents")


@require_safe
def document_download(request, pk: int, doc_pk: int):
    """The file, for those the policy lets read it (404 for anyone else, as if it did not exist); one that not
    everybody may read is never cached."""
    document = selectors.document_for_download(viewer=request.user, project_id=pk, pk=doc_pk)
    return serve_file(document.file, filename=download_name(document), content_type=document.content_type,
                      restricted=not selectors.document_is_public(document))


urlpatterns = [
    path("<int:pk>/documents/", document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:doc_pk>/", document_download, name="document_download"),
]
