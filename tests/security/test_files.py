"""Issue 9, finding 1: restricted files are not public. Every uploaded file lives in the private root under a
random name; only the views that ask the policy hand it out (or tell the proxy to), and nothing under MEDIA_URL
maps to it. `manage.py protect_files` moves files stored at the old guessable paths."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from biaozhun.accounts.models import MembershipRole
from biaozhun.catalog.models import FullText
from biaozhun.catalog.services import attach_full_text, withdraw_standard
from biaozhun.core.actors import SYSTEM
from biaozhun.core.storage import NAME, PrivateFileStorage
from biaozhun.development.models import DocumentKind, DraftDocument
from biaozhun.development.services.documents import upload_document
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.files import real_pdf
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

RESTRICTED = [kind for kind in DocumentKind.values if kind != DocumentKind.DRAFT]


def _upload(project, actor, kind: str, content: bytes) -> DraftDocument:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return upload_document(actor=actor, project=project, kind=kind,
                           upload=SimpleUploadedFile(f"{kind}.pdf", content, content_type="application/pdf"))


@pytest.fixture
def documents(tc28_project, secretariat_user) -> dict[str, tuple[DraftDocument, bytes]]:
    """One PDF of every kind on SAC/TC 28's project, uploaded by its secretariat; each with its own bytes."""
    made = {}
    for kind in DocumentKind.values:
        content = real_pdf(kind)
        made[kind] = (_upload(tc28_project, secretariat_user, kind, content), content)
    return made


def _url(document: DraftDocument) -> str:
    return reverse("development:document_download", args=[document.project_id, document.pk])


def _legacy_url(document: DraftDocument) -> str:
    """Where the file used to be served: /media/projects/<id>/<kind>-v<N>.pdf."""
    return f"/{settings.MEDIA_URL}projects/{document.project_id}/{document.kind}-v{document.version}.pdf"


@pytest.mark.parametrize("kind", RESTRICTED)
def test_a_visitor_gets_no_restricted_document_by_the_view_nor_by_the_old_media_path(client, documents, kind):
    document, _ = documents[kind]
    assert client.get(_url(document)).status_code == 404
    assert client.get(_legacy_url(document)).status_code == 404
    assert client.get(f"/{settings.MEDIA_URL}{document.file.name}").status_code == 404


@pytest.mark.parametrize("role", ["registered_user", "enterprise_user", "ministry_user", "bureau_user"])
def test_a_signed_in_person_without_the_right_gets_404_for_every_restricted_kind(client, documents, role, request):
    client.force_login(request.getfixturevalue(role))
    for kind in RESTRICTED:
        document, _ = documents[kind]
        assert client.get(_url(document)).status_code == 404, kind
        assert client.get(_legacy_url(document)).status_code == 404, kind


def test_another_committees_secretariat_gets_404(client, documents):
    other = OrganisationFactory(tc_secretariat=True, tc_code="SAC/TC 999", name="全国其他标准化技术委员会秘书处")
    client.force_login(UserFactory(member_of=other, member_of__role=MembershipRole.SECRETARY))
    assert client.get(_url(documents[DocumentKind.REVIEW_MINUTES][0])).status_code == 404


@pytest.mark.parametrize("role", ["secretariat_user", "reviewer_user", "admin_user"])
def test_those_who_work_on_the_project_get_every_document_with_its_bytes(client, documents, role, request):
    client.force_login(request.getfixturevalue(role))
    for kind, (document, content) in documents.items():
        response = client.get(_url(document))
        assert response.status_code == 200, kind
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;") and "/" not in disposition and "\\" not in disposition
        if kind == DocumentKind.DRAFT:  # public: anyone may read it
            assert response["Cache-Control"].startswith("public")
        else:
            assert response["Cache-Control"] == "private, no-store"


def test_the_draft_is_public_as_the_policy_says(client, documents):
    document, content = documents[DocumentKind.DRAFT]
    response = client.get(_url(document))
    assert response.status_code == 200 and b"".join(response.streaming_content) == content


def test_stored_names_are_random_and_outside_the_public_root(documents, tc28_project):
    names = [document.file.name for document, _ in documents.values()]
    assert len(set(names)) == len(names)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for document, _ in documents.values():
        name = document.file.name
        assert NAME.match(name), name
        assert document.kind not in name and f"/{tc28_project.pk}/" not in name and f"-v{document.version}" not in name
        path = Path(document.file.path).resolve()
        assert path.is_file() and Path(settings.BIAOZHUN_PRIVATE_MEDIA_ROOT).resolve() in path.parents
        assert media_root not in path.parents
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))
    with pytest.raises(ValueError):
        documents[DocumentKind.EXPLANATION][0].file.url  # noqa: B018 (no URL for a private file)


def test_the_same_upload_twice_gets_two_unrelated_names(tc28_project, secretariat_user):
    content = real_pdf("same")
    first = _upload(tc28_project, secretariat_user, DocumentKind.EXPLANATION, content)
    second = _upload(tc28_project, secretariat_user, DocumentKind.EXPLANATION, content)
    assert NAME.match(first.file.name)["token"] != NAME.match(second.file.name)["token"]


@pytest.mark.parametrize("mode, header", [("nginx", "X-Accel-Redirect"), ("apache", "X-Sendfile")])
def test_behind_a_proxy_the_view_answers_with_the_header_and_an_empty_body(client, documents, secretariat_user,
                                                                          settings, mode, header):
    settings.BIAOZHUN_PROTECTED_FILES = mode
    document, _ = documents[DocumentKind.REVIEW_MINUTES]
    client.force_login(secretariat_user)
    response = client.get(_url(document))
    assert response.status_code == 200 and response.content == b""
    if mode == "nginx":
        assert response[header] == f"/_protected/{document.file.name}"
    else:
        assert response[header] == document.file.path
    assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    client.logout()
    refused = client.get(_url(document))
    assert refused.status_code == 404 and header not in refused


def test_full_texts_are_private_files_served_while_their_edition_is_public(client, admin_user):
    standard = make_standard("GB/T 38000-2026")
    text = attach_full_text(actor=SYSTEM, standard=standard, content=real_pdf("full text"), language="zh")
    assert NAME.match(text.file.name) and str(standard.pk) not in text.file.name.split("/")[0]
    assert Path(settings.MEDIA_ROOT).resolve() not in Path(text.file.path).resolve().parents
    url = reverse("portal:full_text", args=["GB/T 38000-2026", "zh"])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == real_pdf("full text")
    assert response["Cache-Control"].startswith("public") and response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/{settings.MEDIA_URL}fulltext/{standard.pk % 1000:03d}/{standard.pk}-zh.pdf").status_code == 404
    withdraw_standard(actor=admin_user, standard=standard, reason="标准号填写错误")
    assert client.get(url).status_code == 404


def test_the_private_root_cannot_be_configured_inside_a_served_one(tmp_path):
    from django.core.exceptions import ImproperlyConfigured

    from biaozhun.settings import _check_private_root

    with pytest.raises(ImproperlyConfigured):
        _check_private_root(tmp_path / "media" / "private", [tmp_path / "media"])
    with pytest.raises(ImproperlyConfigured):
        _check_private_root(tmp_path, [tmp_path / "static"])
    _check_private_root(tmp_path / "private", [tmp_path / "media", tmp_path / "static"])


def test_the_default_storage_is_private():
    from django.core.files.storage import default_storage, storages

    assert isinstance(storages["default"], PrivateFileStorage)
    assert default_storage.base_url is None


# --- Moving files stored at the old guessable paths -----------------------------------------------------------------
def _legacy_document(project, kind: str, content: bytes) -> DraftDocument:
    """A document as stored before: the file in the public root at projects/<id>/<kind>-v1.pdf."""
    name = f"projects/{project.pk}/{kind}-v1.pdf"
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    document = DraftDocument(project=project, kind=kind, version=1, stage=project.stage, filename=f"{kind}.pdf",
                             content_type="application/pdf", size=len(content), sha256=DraftDocument.digest(content))
    document.file.name = name
    document.save()
    return document


def _run(*args) -> str:
    out = io.StringIO()
    call_command("protect_files", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_protect_files_moves_old_files_to_the_private_root_once_and_reports_them(tc28_project):
    content = real_pdf("minutes")
    document = _legacy_document(tc28_project, DocumentKind.REVIEW_MINUTES, content)
    old = Path(settings.MEDIA_ROOT) / document.file.name
    dry = _run("--dry-run")
    assert "would move 1" in dry and old.is_file()
    report = _run()
    document.refresh_from_db()
    assert f"projects/{tc28_project.pk}/review_minutes-v1.pdf -> {document.file.name}" in report
    assert "moved 1, already private 0" in report
    assert NAME.match(document.file.name) and document.file.read() == content
    assert not old.exists() and not (Path(settings.MEDIA_ROOT) / "projects").exists()
    assert "moved 0, already private 1" in _run()


def test_protect_files_resumes_a_move_that_stopped_half_way(tc28_project):
    content = real_pdf("explanation")
    document = _legacy_document(tc28_project, DocumentKind.EXPLANATION, content)
    old_name = document.file.name
    field = DraftDocument._meta.get_field("file")
    target = field.upload_to.derived(old_name, salt="development.DraftDocument.file")
    # Stopped after the copy and the deletion of the old file, before the record was updated:
    field.storage.save(target, ContentFile(content))
    (Path(settings.MEDIA_ROOT) / old_name).unlink()
    assert "moved 1" in _run()
    document.refresh_from_db()
    assert document.file.name == target and document.file.read() == content


def test_protect_files_leaves_a_file_whose_content_differs_from_its_record(tc28_project):
    document = _legacy_document(tc28_project, DocumentKind.OTHER, real_pdf("other"))
    (Path(settings.MEDIA_ROOT) / document.file.name).write_bytes(b"tampered")
    report = _run()
    assert "content differs from the record" in report and "moved 0" in report
    document.refresh_from_db()
    assert document.file.name.startswith("projects/")


def test_protect_files_moves_full_texts_too():
    standard = make_standard("GB/T 38001-2026")
    content = real_pdf("full")
    name = f"fulltext/{standard.pk % 1000:03d}/{standard.pk}-zh.pdf"
    (Path(settings.MEDIA_ROOT) / name).parent.mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / name).write_bytes(content)
    text = FullText(standard=standard, language="zh", sha256=DraftDocument.digest(content), size=len(content))
    text.file.name = name
    text.save()
    assert "moved 1" in _run()
    text.refresh_from_db()
    assert NAME.match(text.file.name) and text.file.read() == content


def test_the_admin_links_private_files_to_the_pages_that_ask_the_policy(client, admin_user, documents):
    standard = make_standard("GB/T 38004-2026")
    attach_full_text(actor=SYSTEM, standard=standard, content=real_pdf("admin"), language="zh")
    document, _ = documents[DocumentKind.REVIEW_MINUTES]
    client.force_login(admin_user)
    page = client.get(reverse("admin:development_draftdocument_change", args=[document.pk]))
    assert page.status_code == 200 and _url(document) in page.content.decode()
    page = client.get(reverse("admin:catalog_standard_change", args=[standard.pk]))
    assert page.status_code == 200 and "/fulltext/zh.pdf?download=1" in page.content.decode()
    text = standard.full_texts.get()
    assert client.get(reverse("admin:catalog_fulltext_change", args=[text.pk])).status_code == 200


def test_a_replaced_full_text_leaves_no_copy_behind(django_capture_on_commit_callbacks):
    standard = make_standard("GB/T 38005-2026")
    first = attach_full_text(actor=SYSTEM, standard=standard, content=real_pdf("first"), language="zh")
    old_path = Path(first.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        second = attach_full_text(actor=SYSTEM, standard=standard, content=real_pdf("second"), language="zh")
    assert second.pk == first.pk and second.file.name != first.file.name
    assert not old_path.exists() and second.file.read() == real_pdf("second")
