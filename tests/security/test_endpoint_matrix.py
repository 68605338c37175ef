"""The endpoint half of the role × action matrix: every URL has a row in tests/security/endpoints.py, every row's
rule is registered, and an anonymous visitor is refused by every endpoint that is not public, with real objects
behind each address (a refusal must not come from a missing record)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from biaozhun.accounts import policy
from biaozhun.core import clock
from biaozhun.declarations.models import DeclarationImport
from biaozhun.development.models import Comment, DocumentKind, DraftDocument, ExtensionRequest
from biaozhun.portal.models import Watch
from biaozhun.rules.stages import Stage
from tests.factories.accounts import UserFactory
from tests.factories.development import BallotFactory, ProjectFactory
from tests.fixtures.catalog import make_standard
from tests.fixtures.leaders import leaders_addresses

from .endpoints import ENDPOINTS, PUBLIC, SIGNED_IN, Rule

pytestmark = pytest.mark.django_db
REFUSED = {302, 401, 403, 404, 405}  # 302 only to the sign-in page (checked below)


def _walk(patterns, namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            yield from _walk(pattern.url_patterns, f"{namespace}:{inner}" if namespace and inner else inner or namespace)
        elif isinstance(pattern, URLPattern):
            yield pattern, (f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name)


def site_urls() -> dict[str, URLPattern]:
    """Named URLs of the site, leaving out the Django admin (its own login and permission checks)."""
    return {name: pattern for pattern, name in _walk(get_resolver().url_patterns)
            if name and not name.startswith("admin:")}


def test_every_url_has_a_row_and_every_row_a_url():
    names = set(site_urls())
    assert names - set(ENDPOINTS) == set(), "add these URLs to tests/security/endpoints.py with who may use them"
    assert set(ENDPOINTS) - names == set(), "these rows name URLs that no longer exist"


def test_every_rule_named_for_an_endpoint_is_registered():
    rules = {access.action for access in ENDPOINTS.values() if isinstance(access, Rule)}
    assert rules - set(policy.RULES) - set(policy.FILTERS) == set()


@pytest.fixture
def world(db, search_index, bureau_filing, bureau_batch, jb_flag, bureau_user, open_call, leaders_notice_list,
          finding, declaration, product, feedback_addresses, notice_application, assessment_addresses,
          participation_addresses, translations_addresses, programme_addresses, workplan_addresses,
          systems_addresses):
    """One of each thing an address can name, so that a refusal is the policy's and not a missing record's."""
    standard = make_standard("GB/T 19001-2016")
    project = ProjectFactory(stage=Stage.COMMENT)
    ballot = BallotFactory(project=ProjectFactory(committee=project.committee))
    author = UserFactory()
    comment = Comment.objects.create(project=project, number=1, period=Stage.COMMENT, text="意见", author=author,
                                     author_name="某人")
    document = DraftDocument.objects.create(
        project=project, kind=DocumentKind.EXPLANATION, version=1, stage=Stage.COMMENT,
        file=ContentFile(b"%PDF-1.4 restricted", name="x.pdf"), filename="x.pdf", content_type="application/pdf",
        size=19, sha256="0" * 64)
    extension = ExtensionRequest.objects.create(project=project, months=6, reason="原因",
                                                deadline_before=clock.today() + timedelta(days=30))
    watch = Watch.objects.create(user=author, kind=Watch.Kind.EDITION, standard=standard)
    notice = _abolition_notice(bureau_user)
    search_index()
    by_pk = {"filing:work_" + name: bureau_filing.pk for name in (
        "detail", "text", "revise", "withdraw", "approve_city", "return_city", "accept", "return")}
    by_pk |= {f"inspections:{name}": finding.item.campaign_id for name in (
        "detail", "verify", "population_snapshot", "inspectors_snapshot", "work_campaign", "work_move")}
    by_pk |= {"inspections:work_item": finding.item_id, "inspections:work_evidence": finding.pk}
    by_pk |= {f"declarations:work_{name}": declaration.pk for name in ("detail", "revise", "withdraw", "text")}
    by_pk["declarations:work_product_edit"] = product.pk
    job = DeclarationImport.objects.create(enterprise=declaration.enterprise, source_name="f.jsonl", sha256="0" * 64,
                                           file_format="jsonl", rejects_file=ContentFile(b"{}", name="r.jsonl"))
    by_pk |= {f"declarations:work_import_{name}": job.pk for name in ("detail", "rejects")}
    by_pk |= {"filing:detail": bureau_filing.pk, "filing:batch_detail": bureau_batch.pk,
              "filing:batch_resume": bureau_batch.pk, "filing:flag_decide": jb_flag.pk, "filing:announcement": notice.pk}
    by_pk |= leaders_addresses(leaders_notice_list)
    return {
        **{key: value for key, value in feedback_addresses.items() if key != "by_name"}, **assessment_addresses,
        **participation_addresses,
        **translations_addresses, **programme_addresses, **workplan_addresses, **systems_addresses,
        "by_name": {**{name: {"pk": pk} for name, pk in by_pk.items()}, **feedback_addresses["by_name"]},
        "filing_id": bureau_filing.pk, "batch_id": bureau_batch.pk, "flag_id": jb_flag.pk, "notice_id": notice.pk,
        "pk": project.pk, "project_id": project.pk, "doc_pk": document.pk, "comment_pk": comment.pk,
        "comment_id": comment.pk, "ballot_pk": ballot.pk, "ballot_id": ballot.pk, "request_pk": extension.pk,
        "standard_pk": standard.pk, "standard_id": standard.pk, "watch_id": watch.pk,
        "enterprise_id": declaration.enterprise_id, "declaration_id": declaration.pk, "product_id": product.pk,
        "identifier": standard.identifier, "code": project.committee.code, "token": "not-a-valid-token", "number": 1,
        "group_code": open_call.profile.code, "announcement_pk": open_call.pk, "announcement_id": open_call.pk,
        "organisation_pk": open_call.profile.organisation_id,
        "list_id": leaders_notice_list.pk, "run_id": leaders_notice_list.run_id,
        "key_product_id": leaders_notice_list.key_product_id, "scheme_id": leaders_notice_list.run.scheme_id,
        "move": "commit", "campaign_id": finding.item.campaign_id, "job_id": job.pk,
        "application_pk": notice_application.pk, "application_id": notice_application.pk,
    }


def _abolition_notice(bureau_user):
    """江苏's announcement abolishing one of its standards (conclusions are made on or after the due date)."""
    from biaozhun.filing.models import FilingState  # noqa: F401 (the filing app is loaded)
    from biaozhun.filing.services.periodic import NoticeInput, conclude_reviews

    old = make_standard("DB32/T 100-2015", published_on="2015-03-01", implemented_on="2015-06-01")
    today = clock.today()
    review = conclude_reviews(actor=bureau_user, standards=[old], outcome="abolish", reason="技术内容已过时",
                              notice=NoticeInput(notice_number="2026年第1号", notice_date=today,
                                                 abolished_on=today + timedelta(days=30)))[0]
    return review.notice


def _methods(name: str, pattern: URLPattern) -> list[str]:
    """The methods to try: an API operation's own (several operations can share one path), GET and POST for pages."""
    for cell in pattern.callback.__closure__ or ():
        for operation in getattr(cell.cell_contents, "operations", ()):
            if operation.view_func.__name__ == name.split(":")[-1]:
                return [method.lower() for method in operation.methods]
    return ["get", "post"]


def _url(name: str, pattern: URLPattern, world: dict) -> str:
    kwargs = {key: world[key] for key in re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))}
    kwargs.update({key: value for key, value in world["by_name"].get(name, {}).items() if key in kwargs})
    return reverse(name, kwargs=kwargs)


GUARDED = sorted(name for name, access in ENDPOINTS.items()
                 if access == SIGNED_IN or (isinstance(access, Rule) and not access.public_read))


@pytest.mark.parametrize("name", GUARDED)
def test_an_anonymous_visitor_is_refused(client, world, name):
    pattern = site_urls()[name]
    for method in _methods(name, pattern):
        response = getattr(client, method)(_url(name, pattern, world))
        assert response.status_code in REFUSED, f"{method.upper()} {name} answered {response.status_code} to anonymous"
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:login")), response["Location"]


def test_public_endpoints_answer_anonymous_visitors_without_error(client, world):
    for name, access in ENDPOINTS.items():
        if access != PUBLIC or "<" in str(site_urls()[name].pattern):
            continue
        response = client.get(_url(name, site_urls()[name], world))
        assert response.status_code < 500, f"GET {name} answered {response.status_code}"
