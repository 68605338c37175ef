"""The project's documents: drafts for everyone, every file for those who work on it (the policy's
`development.documents` filter), and the upload form for the secretariat while the project is open."""

from __future__ import annotations

from biaozhun.accounts import policy
from biaozhun.rules.stages import OPEN_STAGES

from ... import selectors
from ...forms import UploadForm
from ...models import DocumentKind, Project
from ...services.documents import EXTENSIONS


def context(request, project: Project, *, form: UploadForm | None = None) -> dict:
    user = request.user
    may_upload = (policy.can(user, "development.manage", project) and project.stage in OPEN_STAGES
                  and not project.frozen)
    return {
        "documents_list": [{"document": d, "format": EXTENSIONS.get(d.content_type, "").upper()}
                           for d in selectors.documents_for(viewer=user, project=project)],
        "documents_form": (form or UploadForm(initial={"kind": DocumentKind.DRAFT})) if may_upload else None,
        "documents_all_kinds": policy.can(user, "development.view_documents", project),
    }
