"""The check pass of a batch: every row is checked before anything is filed, and every problem is reported as
`line N: field: what is wrong`.

Each row is cleaned as one filing is (submission.clean_input: the catalogue record, the approval notice, and its
text through core/uploads.check_pdf), and checked for what only a batch can get wrong: a `text_file` missing from
the ZIP or named by two rows, the same edition twice, a number the authority does not own, an edition that already
has a filing under way; then every PDF of the ZIP that no row names is reported too.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.accounts.models import Organisation
from biaozhun.catalog.importing.readers import RowError
from biaozhun.catalog.selectors import record_cleaner

from ..authorities import owns
from ..batch_format import split_row
from ..models import Filing, FilingTier
from ..steady import held
from .batch_files import ZIP_LINE, DataRefused, Texts, problem, read_text
from .submission import LIVE_STATES, FilingInput, clean_input

PROGRESS_EVERY = 20  # rows between two progress reports


@dataclass(slots=True)
class Accepted:
    """A row that passed every check: filed in the second pass."""

    position: int
    line: str
    edition: str
    identifier: str
    text_file: str  # the member's name in the ZIP
    data: dict[str, Any]


@dataclass
class Checked:
    rows: int = 0
    accepted: list[Accepted] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)  # {"line", "field", "message"}, rows in file order, then the ZIP
    refused: int = 0  # rows with at least one problem
    fatal: bool = False  # the file itself could not be read (on): nothing may be filed, whatever was chosen


def filing_input(data: dict[str, Any], *, text: bytes | None, problems: list[dict] | None = None) -> FilingInput:
    """A row as the submission service takes it; a notice date that is no date is reported in `problems`."""
    record, filing = split_row(data)
    return FilingInput(record=record, approved_by=str(filing["approved_by"] or ""),
                       notice_number=str(filing["notice_number"] or ""),
                       notice_date=_date(filing["notice_date"], problems if problems is not None else []), text=text)


def _date(value: Any, problems: list[dict]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        problems.append({"field": "notice_date", "message": _("“%(value)s”不是日期；请写作 2023-05-10") % {
            "value": value}})
        return None


def row_problems(problems: list[dict]) -> list[dict]:
    """A filing's problems as a batch row's: the text is the row's `text_file`."""
    return [{**p, "field": "text_file" if p["field"] == "text" else p["field"]} for p in problems]


def check_rows(*, authority: Organisation, rows: Iterable[tuple[str, dict | RowError]], texts: Texts,
               archive: zipfile.ZipFile, progress: Callable[[int], None]) -> Checked:
    checked = Checked()
    cleaner = held("record_cleaner", record_cleaner)
    editions: dict[str, str] = {}  # edition → the line it was first met on
    used: dict[str, str] = {}  # ZIP member → the line that names it
    found: list[tuple[int, str, list[dict]]] = []  # (position, line, problems) of every row with problems
    try:
        for position, (line, raw) in enumerate(rows):
            checked.rows += 1
            if isinstance(raw, RowError):
                found.append((position, line, [{"field": raw.field, "message": raw.message}]))
            else:
                problems, accepted = _check_row(position, line, raw, authority=authority, texts=texts,
                                                archive=archive, cleaner=cleaner, editions=editions, used=used)
                if problems:
                    found.append((position, line, problems))
                else:
                    checked.accepted.append(accepted)
            if checked.rows % PROGRESS_EVERY == 0:
                progress(checked.rows)
    except DataRefused as refused:
        checked.fatal = True
        found.append((checked.rows, "", refused.problems))
    progress(checked.rows)
    found += _already_filed(checked)
    found.sort(key=lambda item: item[0])  # stable: a file-level problem stays after the rows read before it
    for _position, line, problems in found:
        checked.errors += [p if "line" in p else {"line": line, **p} for p in problems]
    checked.refused = sum(1 for _position, line, _problems in found if line)
    if not checked.fatal:  # rows left unread may name the rest
        checked.errors += [problem(ZIP_LINE, name, _("没有哪一行的 text_file 是这个文件。请删去它，或补上它的那一行。"))
                           for name in texts.members if name not in used]
    return checked


def _check_row(position: int, line: str, raw: dict, *, authority: Organisation, texts: Texts,
               archive: zipfile.ZipFile, cleaner, editions: dict[str, str],
               used: dict[str, str]) -> tuple[list[dict], Accepted | None]:
    problems: list[dict] = []
    text_file = " ".join(str(raw.get("text_file") or "").split())
    member = texts.find(text_file) if text_file else None
    content = None
    if not text_file:
        problems.append({"field": "text_file", "message": _("请填写标准文本在压缩包中的文件名")})
    elif member is None:
        problems.append({"field": "text_file", "message": _("压缩包中没有“%(name)s”") % {"name": text_file}})
    elif member in used:
        problems.append({"field": "text_file", "message": _("第 %(line)s 行已使用“%(name)s”；每个文本只对应一行") % {
            "line": used[member], "name": member}})
    else:
        used[member] = line
        content = read_text(archive, texts.members[member])
        if content is None:
            problems.append({"field": "text_file", "message": _("“%(name)s”无法从压缩包中读出（数据已损坏）") % {
                "name": member}})
    data = filing_input(raw, text=content, problems=problems)
    record, tier, code, _facts, cleaned = clean_input(data, text_required=False, cleaner=cleaner,
                                                      text_label=_("“%(name)s”") % {"name": member or text_file})
    reported = {p["field"] for p in problems}
    problems += [p for p in row_problems(cleaned) if not (p["field"] == "notice_date" and "notice_date" in reported)]
    if record is None:
        return problems, None
    if tier in FilingTier.values and not owns(authority, tier, code):
        problems.append({"field": "identifier", "message": _(
            "%(identifier)s 的代号 %(code)s 不由本单位（%(authority)s）备案；只能备案本单位主管的行业代号或本辖区的地方标准") % {
            "identifier": record.identifier, "code": code, "authority": authority.name}})
    if record.edition in editions:
        problems.append({"field": "identifier", "message": _("与第 %(line)s 行是同一标准（%(edition)s）；一批中每项标准只能出现一次") % {
            "line": editions[record.edition], "edition": record.edition}})
    else:
        editions[record.edition] = line
    if problems:
        return problems, None
    return [], Accepted(position=position, line=line, edition=record.edition, identifier=record.identifier,
                        text_file=member, data=raw)


def _already_filed(checked: Checked, chunk: int = 500) -> list[tuple[int, str, list[dict]]]:
    """Accepted rows whose edition already has a filing under way or filed; they leave `checked.accepted`."""
    live: dict[str, str] = {}
    editions = [row.edition for row in checked.accepted]
    for start in range(0, len(editions), chunk):
        for filing in Filing.objects.filter(edition__in=editions[start:start + chunk], state__in=LIVE_STATES).only(
                "edition", "identifier", "state"):
            live[filing.edition] = _("%(identifier)s 已有备案（%(state)s）；同一标准不能重复备案") % {
                "identifier": filing.identifier, "state": filing.get_state_display()}
    if not live:
        return []
    refused = [(row.position, row.line, [{"field": "identifier", "message": live[row.edition]}])
               for row in checked.accepted if row.edition in live]
    checked.accepted = [row for row in checked.accepted if row.edition not in live]
    return refused
