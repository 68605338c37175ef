"""Bulk declaration (XLSX or JSONL, docs/declarations-import.md): every row validated (line and field named) with
the same checks as one declaration (checks/: one context per batch, a few queries), then written all-or-nothing,
or, with `skip_invalid`, the valid declarations written and the refused rows kept in a rejects file (in the
file's own format, XLSX or JSONL, each row with its problems: bulk_files.py) to correct and import again. Writing goes in batches, each committed with the
job's checkpoint (`committed_rows`), so a rerun of the same file after an interruption resumes where it stopped.

Rows of one enterprise with the same number make one declaration covering all their products. Products are found
by (name, model) or created. Each batch is written by bulk_write.py, which writes what `declare_standard` writes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.core import clock
from biaozhun.core.actors import user_or_none
from biaozhun.identifiers import IdentifierError
from biaozhun.rules.gc_pause import paused_collector

from ..bulk_files import rejects_jsonl, rejects_xlsx
from ..bulk_format import Record
from ..checks import CheckContext, Draft, errors, indicator_drafts, run_checks
from ..checks.context import parse_number
from ..checks.messages import problems as as_problems
from ..models import (
    Declaration,
    DeclarationEvent,
    DeclarationEventKind,
    DeclarationImport,
    DeclarationState,
    EnterpriseEvent,
    EnterpriseEventKind,
    EnterpriseProfile,
    StandardSource,
)
from .bulk_write import write_batch
from .profiles import enterprise_codes

BATCH_ROWS = 5000  # rows written per committed batch (the checkpoint)
CHECK_GROUPS = 10_000  # declarations checked against one context
MAX_STORED_ERRORS = 1000


@dataclass
class Group:
    """The rows of one enterprise and one number: one declaration."""

    enterprise: Organisation
    records: list[Record]
    draft: Draft | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def first(self) -> Record:
        return self.records[0]


SOURCES = frozenset(StandardSource.values)


def _key(number: str, known: dict[str, str]) -> str:
    key = known.get(number)
    if key is None:
        try:
            key = parse_number(number).canonical
        except IdentifierError:
            key = " ".join(number.upper().split())
        known[number] = key
    return key


def _enterprises(records: list[Record], enterprise: Organisation | None) -> dict[str, Organisation]:
    """USCC → enterprise (with its profile loaded); a record whose enterprise is unknown gets its problem."""
    if enterprise is not None:
        for record in records:
            if record.uscc and record.uscc != enterprise.uscc:
                record.problems.append({"field": "uscc", "message": _(
                    "统一社会信用代码 %(uscc)s 不是本企业的代码；本文件只能为 %(name)s 声明，可不填这一列。") % {
                    "uscc": record.uscc, "name": enterprise.name}})
            record.uscc = enterprise.uscc
        return {enterprise.uscc: enterprise}
    codes = {r.uscc for r in records if r.uscc}
    found = {o.uscc: o for o in Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, uscc__in=codes)}
    for record in records:
        if not record.uscc:
            record.problems.append({"field": "uscc", "message": _("请填写企业的统一社会信用代码。")})
        elif record.uscc not in found:
            record.problems.append({"field": "uscc", "message": _(
                "没有统一社会信用代码为 %(uscc)s 的企业；请先在平台登记该企业。") % {"uscc": record.uscc}})
    return found


def _groups(records: list[Record], enterprises: dict[str, Organisation]) -> list[Group]:
    groups: dict[tuple[int, str], Group] = {}
    loose: list[Group] = []
    keys: dict[str, str] = {}
    for record in records:
        if not record.product_name and not record.problems:
            record.problems.append({"field": "product_name", "message": _("请填写产品名称。")})
        if record.source not in SOURCES and not record.problems:
            record.problems.append({"field": "source", "message": _(
                "标准类型应为 catalogue（国家、行业、地方或团体标准）或 enterprise（本企业标准），也可不填，按标准号判断。")})
        enterprise = enterprises.get(record.uscc)
        if enterprise is None or (record.raw is not None and not isinstance(record.raw, dict)):
            loose.append(Group(enterprise=None, records=[record]))  # no declaration to check (unread line)
            continue
        key = (enterprise.pk, _key(record.identifier, keys))
        group = groups.get(key)
        if group is None:
            groups[key] = Group(enterprise=enterprise, records=[record])
        else:
            group.records.append(record)
    return [*groups.values(), *loose]


def _check(groups: list[Group], job: DeclarationImport) -> None:
    """Drafts of every group, checked in chunks against one context each; duplicates of published declarations
    (those this job wrote before an interruption are not duplicates: its rerun skips them)."""
    ids = {g.enterprise.pk for g in groups if g.enterprise is not None}
    profiles = {p.organisation_id: p for p in EnterpriseProfile.objects.filter(organisation__in=ids)}
    published = set(Declaration.objects.filter(enterprise__in=ids, state=DeclarationState.PUBLISHED)
                    .values_list("enterprise_id", "identifier"))
    if job.committed_rows:
        published -= set(DeclarationEvent.objects.filter(kind=DeclarationEventKind.DECLARED, data__import=job.pk)
                         .values_list("declaration__enterprise_id", "declaration__identifier"))
    codes: dict[int, frozenset[str]] = {}
    checkable = []
    for group in groups:
        if group.enterprise is None:
            continue
        first = group.first
        if group.enterprise.pk not in profiles:
            group.problems.append({"field": "uscc", "message": _(
                "%(name)s 尚未填写企业信息（所在地区）；请先填写再声明。") % {"name": group.enterprise.name}})
            continue
        if group.enterprise.pk not in codes:
            codes[group.enterprise.pk] = enterprise_codes(group.enterprise, profiles[group.enterprise.pk])
        rows = (first.indicators or []) if first.source == StandardSource.ENTERPRISE else []
        indicators, problems = indicator_drafts(rows)
        names = list(dict.fromkeys(r.product_name for r in group.records if r.product_name))
        group.draft = Draft(source=first.source, number=first.identifier, title=first.title[:500],
                            enterprise_codes=codes[group.enterprise.pk], product_names=names,
                            product_count=len(names), indicators=indicators,
                            reference_standards=first.reference_standards, problems=problems, line=first.line)
        checkable.append(group)
    for start in range(0, len(checkable), CHECK_GROUPS):
        chunk = checkable[start:start + CHECK_GROUPS]
        drafts = [g.draft for g in chunk]
        for group, findings in zip(chunk, run_checks(drafts, CheckContext.load(drafts)), strict=True):
            group.findings = findings
            group.problems += as_problems(errors(findings))
            resolved = group.draft.resolved
            if resolved is not None and (group.enterprise.pk, resolved.identifier) in published:
                group.problems.append({"field": "identifier", "message": _(
                    "本企业已公开声明执行 %(identifier)s；如需增加产品或修改内容，请在工作台修改该声明。") % {
                    "identifier": resolved.identifier}})


def _line_problems(group: Group) -> list[dict[str, Any]]:
    """Every problem of the group, on each of its lines: the record's own, then the declaration's."""
    found = []
    for record in group.records:
        for problem in [*record.problems, *group.problems]:
            found.append({"line": record.line, **problem})
    return found


def _job(*, actor: Any, enterprise: Organisation | None, source_name: str, sha256: str, file_format: str,
         skip_invalid: bool, job: DeclarationImport | None) -> DeclarationImport:
    """The job given (a queued upload), the running job of this file (a rerun resumes it), or a new one."""
    if job is None:
        job = DeclarationImport.objects.filter(sha256=sha256, enterprise=enterprise, skip_invalid=skip_invalid,
                                               state=DeclarationImport.State.RUNNING).order_by("-id").first()
    if job is None:
        now = clock.now()
        return DeclarationImport.objects.create(
            enterprise=enterprise, source_name=source_name[:500], sha256=sha256, file_format=file_format,
            skip_invalid=skip_invalid, started_by=user_or_none(actor), started_at=now, updated_at=now)
    if job.state == DeclarationImport.State.QUEUED:
        job.state, job.updated_at = DeclarationImport.State.RUNNING, clock.now()
        job.save(update_fields=["state", "updated_at"])
    return job


def _rejects(job: DeclarationImport, bad: list[Group], problems: list[dict[str, Any]]) -> None:
    """The refused rows, each with its problems, in the format of the file (kept once: a rerun keeps it)."""
    if job.rejects_file:
        return
    by_line: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for problem in problems:
        by_line[problem["line"]].append(problem)
    rejected = [(r, by_line[r.line]) for g in sorted(bad, key=lambda g: g.first.line) for r in g.records]
    if job.file_format == "xlsx":
        job.rejects_file.save("rejects.xlsx", ContentFile(rejects_xlsx(rejected)), save=False)
    else:
        job.rejects_file.save("rejects.jsonl", ContentFile(rejects_jsonl(rejected)), save=False)


def import_declarations(*, actor: Any, records: list[Record], source_name: str, sha256: str, file_format: str,
                        enterprise: Organisation | None = None, skip_invalid: bool = False,
                        batch_rows: int = BATCH_ROWS, job: DeclarationImport | None = None) -> DeclarationImport:
    """Validate every record, then write (see the module's text). `enterprise`: the one enterprise a page or the
    API imports for (the USCC column may then be empty); None: each row names its enterprise (the command).
    `job`: the queued job of an uploaded file (services/bulk_upload.py)."""
    with paused_collector():
        return _import(actor=actor, records=records, source_name=source_name, sha256=sha256,
                       file_format=file_format, enterprise=enterprise, skip_invalid=skip_invalid,
                       batch_rows=batch_rows, job=job)


def _import(*, actor: Any, records: list[Record], source_name: str, sha256: str, file_format: str,
            enterprise: Organisation | None, skip_invalid: bool, batch_rows: int,
            job: DeclarationImport | None) -> DeclarationImport:
    enterprises = _enterprises(records, enterprise)
    for organisation in enterprises.values():
        policy.require(actor, "declarations.import", organisation)
    groups = _groups(records, enterprises)
    job = _job(actor=actor, enterprise=enterprise, source_name=source_name, sha256=sha256, file_format=file_format,
               skip_invalid=skip_invalid, job=job)
    _check(groups, job)
    bad = [g for g in groups if g.problems or any(r.problems for r in g.records)]
    refused = {id(g) for g in bad}
    good = [g for g in groups if id(g) not in refused]
    problems = [p for g in bad for p in _line_problems(g)]
    problems.sort(key=lambda p: p["line"])
    job.total_rows = len(records)
    job.rejected_rows = sum(len(g.records) for g in bad)
    job.errors = problems[:MAX_STORED_ERRORS]
    job.updated_at = clock.now()
    if bad and not skip_invalid:
        job.state, job.finished_at = DeclarationImport.State.REJECTED, clock.now()
        job.save()
        return job
    if bad:
        _rejects(job, bad, problems)
    job.save()
    _write(actor, job, sorted(good, key=lambda g: g.first.line), batch_rows)
    return job


def _write(actor: Any, job: DeclarationImport, groups: list[Group], batch_rows: int) -> None:
    done, resume_after = 0, job.committed_rows
    batch: list[Group] = []
    pending = 0
    for group in groups:
        size = len(group.records)
        if done + size <= resume_after:  # committed by an earlier run of this file
            done += size
            continue
        batch.append(group)
        pending += size
        if pending >= batch_rows:
            _write_batch(actor, job, batch, pending)
            batch, pending = [], 0
    if batch:
        _write_batch(actor, job, batch, pending)
    with transaction.atomic():
        job.state, job.finished_at = DeclarationImport.State.DONE, clock.now()
        job.updated_at = job.finished_at
        job.save(update_fields=["state", "finished_at", "updated_at"])
        enterprises = {g.enterprise.pk: g.enterprise for g in groups}
        EnterpriseEvent.objects.bulk_create(
            EnterpriseEvent(enterprise=e, kind=EnterpriseEventKind.IMPORTED, actor=user_or_none(actor), at=clock.now(),
                            data={"job": job.pk, "declared": job.declared, "rejected": job.rejected_rows})
            for e in enterprises.values())


@transaction.atomic
def _write_batch(actor: Any, job: DeclarationImport, groups: list[Group], rows: int) -> None:
    """Write one batch (services/bulk_write.py: the rows were validated above) and move the checkpoint, in one
    transaction."""
    user_id = getattr(user_or_none(actor), "pk", None)
    ids = write_batch(groups=groups, user_id=user_id, now=clock.now(),
                      event_data={"version": 1, "import": job.pk})
    job.committed_rows += rows
    job.declared += len(ids)
    job.updated_at = clock.now()
    job.save(update_fields=["committed_rows", "declared", "updated_at"])
