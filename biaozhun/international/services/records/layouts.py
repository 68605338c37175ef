"""Read ISO's and IEC's files into `Source` records, line by line, or say which field of which line is wrong.

ISO Open Data, dataset iso_deliverables_metadata (JSONL and CSV), one deliverable per line:
    id, deliverableType, supplementType, reference, publicationDate, edition, icsCode [list], ownerCommittee,
    currentStage (harmonized code as a number: 6060), replaces / replacedBy [lists of ids], title {en, fr},
    languages [list], pages {en: n}, scope {en: HTML}. Fields ISO adds later are ignored.
    In CSV the objects are flattened to title.en, title.fr, pages.en, scope.en (a cell may also hold the JSON object),
    and a list is a JSON array or its items separated by "," or ";".
IEC (our layout, docs/international-records.md), JSONL:
    reference, title, title_fr, publication_date, edition ("6.0"), ics [list], committee ("IEC TC 61"), stage
    (harmonized code or IEC's name: PPUB, DELPUB, CDV…), replaces / replaced_by [lists of references], and
    optionally id, type, languages, pages, withdrawal_date.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from biaozhun.catalog.identifier_messages import invalid_number_message
from biaozhun.catalog.importing.readers import RowError, open_jsonl, parse_jsonl_line
from biaozhun.identifiers import Identifier, IdentifierError, Tier, default_tables, parse

from .stages import Phase, phase, read_stage

Line = int


@dataclass(slots=True)
class Source:
    """One record of ISO's or IEC's file, typed; dates and ICS codes stay as written (the catalogue checks them)."""

    organisation: str  # ISO / IEC
    ident: Identifier | None  # None for a project (stage before 60.60): its reference is a draft's or absent
    stage: int
    source_id: int | None = None
    deliverable_type: str = ""
    supplement_type: str = ""
    edition: str = ""
    published_on: Any = None
    withdrawn_on: Any = None
    ics: Any = None
    committee: Any = None
    replaces: list = field(default_factory=list)  # ISO ids (int) or IEC references (str)
    replaced_by: list = field(default_factory=list)
    title_en: str = ""
    title_fr: str = ""
    scope: str = ""
    languages: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    # What the catalogue matches the edition on: the dated reference (no edition number, no languages).
    key: str = ""

    def __post_init__(self) -> None:
        if self.ident is not None and not self.key:
            self.key = self.ident.dated


class Problem(Exception):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


_TAGS = re.compile(r"<[^>]*>|<!--.*?-->", re.S)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")


def html_text(value: str) -> str:
    """ISO's scope is HTML: its text, one paragraph a line."""
    if "<" not in value and "&" not in value:
        return value.strip()
    text = re.sub(r"(?i)</p>|<br\s*/?>", "\n", value)
    text = html.unescape(_TAGS.sub("", text))
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()


# --- typed field readers (each raises Problem naming the field and what was expected) -----------------------
def _text(raw: dict, name: str, *, limit: int | None = None) -> str:
    value = raw.get(name)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Problem(name, _("应为文本，实际为 %(type)s") % {"type": type(value).__name__})
    value = value.strip()
    if limit and len(value) > limit:
        raise Problem(name, _("最多 %(limit)s 个字符，实际 %(length)s 个") % {"limit": limit, "length": len(value)})
    return value


def _list(raw: dict, name: str) -> list:
    value = raw.get(name)
    if value is None or value == "":
        return []
    if not isinstance(value, list):
        raise Problem(name, _("应为列表（JSON 数组），实际为 %(type)s") % {"type": type(value).__name__})
    return value


def _ids(raw: dict, name: str) -> list[int]:
    ids = []
    for position, item in enumerate(_list(raw, name), start=1):
        if isinstance(item, str) and item.strip().isdigit():
            item = int(item)
        if isinstance(item, bool) or not isinstance(item, int) or item <= 0:
            raise Problem(f"{name}[{position}]", _("应为 ISO 文件编号（正整数，如 62085），实际为“%(value)s”") % {
                "value": item})
        ids.append(item)
    return ids


def _texts(raw: dict, name: str) -> list[str]:
    items = []
    for position, item in enumerate(_list(raw, name), start=1):
        if not isinstance(item, str) or not item.strip():
            raise Problem(f"{name}[{position}]", _("应为文本，实际为 %(type)s") % {"type": type(item).__name__})
        items.append(item.strip())
    return items


def _localised(raw: dict, name: str) -> dict[str, Any]:
    value = raw.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Problem(name, _("应为按语种的对象，如 {\"en\": …, \"fr\": …}，实际为 %(type)s") % {
            "type": type(value).__name__})
    return value


def _localised_text(raw: dict, name: str, language: str, limit: int | None = None) -> str:
    value = _localised(raw, name).get(language)
    return _text({f"{name}.{language}": value}, f"{name}.{language}", limit=limit)


def _pages(raw: dict, name: str) -> dict[str, int]:
    value = raw.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        return {"en": value}
    pages = {}
    for language, count in _localised(raw, name).items():
        if count is None:
            continue
        if isinstance(count, str) and count.isdigit():
            count = int(count)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise Problem(f"{name}.{language}", _("页数应为整数，实际为“%(value)s”") % {"value": count})
        pages[str(language)] = count
    return pages


@lru_cache(maxsize=1 << 18)
def _parse_default(text: str) -> Identifier:
    """The import reads each file three times (context, validation, write): parse each reference once."""
    return parse(text, default_tables())


def _reference(raw: dict, name: str, tables) -> Identifier:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise Problem(name, _("请填写 ISO/IEC 文件号，如 ISO 9001:2015"))
    try:
        ident = _parse_default(value) if tables is None else parse(value, tables)
    except IdentifierError as exc:
        raise Problem(name, invalid_number_message(value, exc)) from exc
    if ident.tier != Tier.INTERNATIONAL or ident.stage:
        raise Problem(name, _("“%(value)s”不是已发布的 ISO/IEC 文件号；应如 ISO 9001:2015、IEC 60335-1:2020") % {
            "value": value})
    return ident


def _stage(raw: dict, name: str, example: str) -> int:
    value = raw.get(name)
    code = read_stage(value)
    if code is None:
        raise Problem(name, _("“%(value)s”不是国际协调阶段代码；应如 %(example)s") % {
            "value": "" if value is None else value, "example": example})
    return code


def _edition(raw: dict, name: str) -> str:
    value = raw.get(name)
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)) or not re.fullmatch(
            r"\d{1,3}(\.\d{1,2})?", str(value).strip()):
        raise Problem(name, _("版次应为数字，如 5 或 6.0，实际为“%(value)s”") % {"value": value})
    return str(value).strip()


# --- ISO ---------------------------------------------------------------------------------------------------
def read_iso(raw: dict, tables) -> Source:
    source_id = raw.get("id")
    if isinstance(source_id, str) and source_id.strip().isdigit():
        source_id = int(source_id)
    if isinstance(source_id, bool) or not isinstance(source_id, int) or source_id <= 0:
        raise Problem("id", _("应为 ISO 文件编号（正整数，如 62085），实际为“%(value)s”") % {
            "value": "" if source_id is None else source_id})
    stage = _stage(raw, "currentStage", _("6060、9093 或 9599"))
    if phase(stage) == Phase.DEVELOPMENT:
        return Source(organisation="ISO", ident=None, stage=stage, source_id=source_id)
    ident = _reference(raw, "reference", tables)
    return Source(
        organisation="ISO", ident=ident, stage=stage, source_id=source_id,
        deliverable_type=_text(raw, "deliverableType", limit=12), supplement_type=_text(raw, "supplementType", limit=12),
        edition=_edition(raw, "edition"), published_on=raw.get("publicationDate"), ics=raw.get("icsCode"),
        committee=raw.get("ownerCommittee"), replaces=_ids(raw, "replaces"), replaced_by=_ids(raw, "replacedBy"),
        title_en=_localised_text(raw, "title", "en", 500), title_fr=_localised_text(raw, "title", "fr", 500),
        scope=html_text(_localised_text(raw, "scope", "en")), languages=_texts(raw, "languages"),
        pages=_pages(raw, "pages"),
    )


# Field names of the catalogue's interchange format → ISO's (problems found by the catalogue's cleaner).
ISO_NAMES = {"identifier": "reference", "title_en": "title.en", "title_zh": "title.en", "scope": "scope.en",
             "ics": "icsCode", "tc_code": "ownerCommittee", "published_on": "publicationDate",
             "abolished_on": "currentStage", "replaces": "replaces"}
IEC_NAMES = {"identifier": "reference", "title_en": "title", "title_zh": "title", "ics": "ics",
             "tc_code": "committee", "published_on": "publication_date", "abolished_on": "withdrawal_date",
             "replaces": "replaces"}


# --- IEC ---------------------------------------------------------------------------------------------------
def read_iec(raw: dict, tables) -> Source:
    source_id = raw.get("id")
    if source_id is not None and (isinstance(source_id, bool) or not isinstance(source_id, int) or source_id <= 0):
        raise Problem("id", _("应为 IEC 出版物编号（正整数），实际为“%(value)s”") % {"value": source_id})
    stage = _stage(raw, "stage", _("PPUB、60.60 或 DELPUB"))
    if phase(stage) == Phase.DEVELOPMENT:
        return Source(organisation="IEC", ident=None, stage=stage, source_id=source_id)
    ident = _reference(raw, "reference", tables)
    references = {}
    for name in ("replaces", "replaced_by"):
        items = []
        for position, text in enumerate(_texts(raw, name), start=1):
            items.append(_reference({f"{name}[{position}]": text}, f"{name}[{position}]", tables).dated)
        references[name] = items
    pages = raw.get("pages")
    return Source(
        organisation="IEC", ident=ident, stage=stage, source_id=source_id,
        deliverable_type=_text(raw, "type", limit=12), edition=_edition(raw, "edition"),
        published_on=raw.get("publication_date"), withdrawn_on=raw.get("withdrawal_date"), ics=raw.get("ics"),
        committee=raw.get("committee"), replaces=references["replaces"], replaced_by=references["replaced_by"],
        title_en=_text(raw, "title", limit=500), title_fr=_text(raw, "title_fr", limit=500),
        scope=html_text(_text(raw, "scope")), languages=_texts(raw, "languages"),
        pages=_pages({"pages": {"en": pages} if isinstance(pages, (int, str)) else pages}, "pages"),
    )


# --- files -------------------------------------------------------------------------------------------------
def jsonl_objects(path: Path) -> Iterator[tuple[Line, dict | RowError]]:
    with open_jsonl(path) as handle:
        for line_no, text in enumerate(handle, start=1):
            value = parse_jsonl_line(text)
            if value is not None:
                yield line_no, value


CSV_COLUMNS = "id, reference, publicationDate, currentStage, icsCode, ownerCommittee, title.en …"
_OBJECTS = ("title", "pages", "scope")
_LISTS = ("icsCode", "replaces", "replacedBy", "languages")


def _csv_cell(name: str, text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    if name in _LISTS:
        if text.startswith("["):
            return json.loads(text)
        return [item.strip() for item in re.split(r"[;,]", text) if item.strip()]
    if name in _OBJECTS and text.startswith("{"):
        return json.loads(text)
    return text


def iso_csv_objects(path: Path) -> Iterator[tuple[Line, dict | RowError]]:
    """ISO's CSV as the JSONL's objects: title.en → {"title": {"en": …}}; lines numbered as the file's."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        if "reference" not in header:
            yield 1, RowError("(header)", message=_("表头缺少 reference 列（ISO 文件号）；ISO 开放数据的列为 %(columns)s") % {
                "columns": CSV_COLUMNS})
            return
        line_no = reader.line_num
        for row in reader:
            start, line_no = line_no + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            record: dict[str, Any] = {}
            problem = None
            for name, cell in zip(header, row, strict=False):
                if not name or name.startswith("reject_"):
                    continue
                head, dot, language = name.partition(".")
                try:
                    value = _csv_cell(head, cell)
                except json.JSONDecodeError as exc:
                    problem = RowError(name, message=_("像是 JSON，但第 %(column)s 列处有误：%(error)s") % {
                        "column": exc.colno, "error": exc.msg})
                    break
                if dot and head in _OBJECTS:
                    record.setdefault(head, {})[language] = value
                elif value is not None:
                    record[name] = value
            yield start, problem or record
