"""The bulk declaration file (docs/declarations-import.md): JSONL (one declaration row per line) or XLSX (sheet
"声明", one row per product and standard; optional sheet "指标", the indicator rows of enterprise standards by
number). Reading turns either into the same records, each with the line it came from; the import validates them.

Read with the safe readers (core/safe_read.py): size, structure and unpacked size are checked before a row is read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _

from biaozhun.core.safe_read import ReadLimits, ReadRefused, Reason, xlsx_rows
from biaozhun.rules.gc_pause import paused_collector

from .models import Comparator, IndicatorCategory, StandardSource

# XLSX columns: (record key, Chinese heading, English heading). The template writes both ("产品名称 Product name");
# a heading is read by either, by both, or by the JSONL key.
DECLARATION_FIELDS = (
    ("uscc", "统一社会信用代码", "USCC"), ("product_name", "产品名称", "Product name"),
    ("product_model", "型号规格", "Model"), ("product_code", "产品编码", "Product code"),
    ("source", "标准类型", "Standard type"), ("identifier", "标准号", "Standard number"),
    ("title", "标准名称", "Standard title"), ("reference_standards", "参照的推荐性标准", "Reference standards"),
)
INDICATOR_FIELDS = (
    ("uscc", "统一社会信用代码", "USCC"), ("identifier", "标准号", "Standard number"),
    ("name", "指标名称", "Indicator"), ("unit", "单位", "Unit"), ("comparator", "要求", "Requirement"),
    ("lower", "下限", "Lower limit"), ("upper", "上限", "Upper limit"), ("text", "文字描述", "Text value"),
    ("test_method", "检测方法", "Test method"), ("category", "类别", "Category"),
)
DECLARATION_COLUMNS = {zh: key for key, zh, _en in DECLARATION_FIELDS}
INDICATOR_COLUMNS = {zh: key for key, zh, _en in INDICATOR_FIELDS}
# A row whose 统一社会信用代码 starts with this is the template's example: it is skipped, never imported.
EXAMPLE_MARK = "示例"
TEMPLATE_HEADINGS = (list(DECLARATION_COLUMNS), list(INDICATOR_COLUMNS))
SHEETS = (gettext_lazy("声明"), gettext_lazy("指标"))
COMPARATOR_WORDS = {"≤": "le", "<=": "le", "不大于": "le", "≥": "ge", ">=": "ge", "不小于": "ge", "=": "eq",
                    "等于": "eq", "~": "range", "范围": "range", "文字": "text", "文字描述": "text"}
SOURCE_WORDS = {"标准": StandardSource.CATALOGUE, "本企业标准": StandardSource.ENTERPRISE,
                "企业标准": StandardSource.ENTERPRISE}


@dataclass(slots=True)
class Record:
    line: int
    uscc: str = ""
    product_name: str = ""
    product_model: str = ""
    product_code: str = ""
    source: str = ""
    identifier: str = ""
    title: str = ""
    reference_standards: list[str] = field(default_factory=list)
    indicators: list[dict[str, Any]] | None = None
    problems: list[dict[str, Any]] = field(default_factory=list)
    raw: Any = None


class FormatError(ValueError):
    """The file as a whole cannot be read (not JSON, no header row...): one message, no line to blame."""


def _text(value: Any) -> str:
    """The value as text with its spaces collapsed (every row passes each field through here: text that needs no
    change, the usual case, is returned as it is)."""
    if value is None:
        return ""
    if type(value) is str:
        # Printable (no tabs, newlines or Unicode spaces but " "), no double, leading or trailing space: as is.
        if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
            return value
        return " ".join(value.split())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [_text(v) for v in value if _text(v)]
    return [part.strip() for part in _text(value).replace("；", ";").split(";") if part.strip()]


def comparator_code(value: Any) -> str:
    text = _text(value)
    return COMPARATOR_WORDS.get(text, text.lower())


_LABELS: dict[type, dict[str, str]] = {}


def _labels(choices: type) -> dict[str, str]:
    """A vocabulary's codes and its labels in every language of the site → its codes (read once)."""
    found = _LABELS.get(choices)
    if found is None:
        found = {code: code for code in choices.values}
        for language, _name in settings.LANGUAGES:
            with override(language):
                found.update({str(choices(code).label): code for code in choices.values})
        _LABELS[choices] = found
    return found


def category_code(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    return _labels(IndicatorCategory).get(text) or text.lower()


def source_code(value: Any, identifier: str) -> str:
    text = _text(value)
    code = (_labels(StandardSource).get(text) or SOURCE_WORDS.get(text) or text.lower()) if text else ""
    if not code:  # inferred from the number
        return StandardSource.ENTERPRISE if identifier.upper().startswith(("Q/", "Q／")) else StandardSource.CATALOGUE
    return code


def _indicator(row: dict[str, Any]) -> dict[str, Any]:
    return {"name": _text(row.get("name")), "unit": _text(row.get("unit")),
            "comparator": comparator_code(row.get("comparator")), "lower": row.get("lower"),
            "upper": row.get("upper"), "text": _text(row.get("text")), "test_method": _text(row.get("test_method")),
            "category": category_code(row.get("category"))}


def record_from(line: int, data: dict[str, Any]) -> Record:
    identifier = _text(data.get("identifier"))
    product = data.get("product") if isinstance(data.get("product"), dict) else {}
    record = Record(
        line=line, uscc=_text(data.get("uscc")).upper(),
        product_name=_text(product.get("name", data.get("product_name"))),
        product_model=_text(product.get("model", data.get("product_model"))),
        product_code=_text(product.get("code", data.get("product_code"))),
        source=source_code(data.get("source"), identifier), identifier=identifier, title=_text(data.get("title")),
        reference_standards=_list(data.get("reference_standards")), raw=data)
    indicators = data.get("indicators")
    if isinstance(indicators, list):
        record.indicators = [_indicator(row) for row in indicators if isinstance(row, dict)]
    return record


def jsonl_records(stream: IO[bytes], max_rows: int | None = None) -> Iterator[Record]:
    """One record per non-blank line; a line that is not a JSON object becomes a record carrying its problem.
    More than `max_rows` non-blank lines: ReadRefused (ROWS)."""
    count = 0
    for number, raw in enumerate(stream, 1):
        # A byte-order mark is dropped at the start of a line (files joined together may carry several).
        text = raw.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
        if not text:
            continue
        count += 1
        if max_rows is not None and count > max_rows:
            raise ReadRefused(Reason.ROWS, max_rows)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Record(line=number, raw=text, problems=[{"field": "", "message": _(
                "这一行不是有效的 JSON（第 %(column)s 个字符处）：%(error)s") % {"column": exc.colno, "error": exc.msg}}])
            continue
        if not isinstance(data, dict):
            yield Record(line=number, raw=text, problems=[{"field": "", "message": _("每行应为一个 JSON 对象 {…}。")}])
            continue
        yield record_from(number, data)


_INDICATOR_FIELD = re.compile(r"^indicators\[(\d+)\]\.(\w+)$")


def field_label(name: str) -> str:
    """A problem's field as the file names it, in the reader's language: "identifier" → 标准号 (Standard number),
    "indicators[2].upper" → 指标第 2 行 · 上限. Unknown names are returned as they are."""
    english = not (get_language() or "zh").lower().startswith("zh")
    headings = {key: (en if english else zh) for key, zh, en in (*DECLARATION_FIELDS, *INDICATOR_FIELDS)}
    headings.update({"products": headings["product_name"], "indicators": _("指标"), "fulltext": _("指标")})
    found = _INDICATOR_FIELD.match(name)
    if found:
        return _("指标第 %(n)s 行 · %(field)s") % {"n": found[1], "field": headings.get(found[2], found[2])}
    return headings.get(name, name)


def bilingual(zh: str, en: str) -> str:
    """A template heading: the Chinese name, then the English one on a second line."""
    return f"{zh}\n{en}"


def _heading_map(values: tuple, fields: tuple[tuple[str, str, str], ...]) -> dict[int, str]:
    names = {}
    for key, zh, en in fields:
        names.update({key: key, zh: key, en.casefold(): key, f"{zh} {en}".casefold(): key})
    found = {}
    for index, value in enumerate(values):
        heading = _text(value)
        key = names.get(heading) or names.get(heading.casefold()) or names.get(heading.split(" ", 1)[0])
        if key and key not in found.values():
            found[index] = key
    return found


def xlsx_records(stream: IO[bytes], limits: ReadLimits) -> list[Record]:
    """The records of sheet 1 with the indicator rows of sheet 2 attached by (USCC, number)."""
    headings: dict[int, dict[int, str]] = {}
    records: list[Record] = []
    indicators: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in xlsx_rows(stream, limits):
        if row.sheet > 1:
            break
        fields = DECLARATION_FIELDS if row.sheet == 0 else INDICATOR_FIELDS
        if row.sheet not in headings:
            headings[row.sheet] = _heading_map(row.values, fields)
            if row.sheet == 0 and "identifier" not in headings[0].values():
                raise FormatError(_("第一个工作表的第 1 行应为标题行，至少包括“标准号”和“产品名称”两列；请使用模板。"))
            continue
        data = {key: row.values[index] for index, key in headings[row.sheet].items() if index < len(row.values)}
        if not any(_text(v) for v in data.values()) or _text(data.get("uscc")).startswith(EXAMPLE_MARK):
            continue
        if row.sheet == 0:
            records.append(record_from(row.number, data))
        else:
            key = (_text(data.get("uscc")).upper(), _text(data.get("identifier")).upper())
            indicators.setdefault(key, []).append(_indicator(data))
    if not headings:
        raise FormatError(_("文件中没有工作表或内容。"))
    for record in records:
        found = indicators.get((record.uscc, record.identifier.upper())) or indicators.get(("", record.identifier.upper()))
        if found is not None:
            record.indicators = found
    return records


COMPARATORS = Comparator.values


def file_format(name: str, head: bytes) -> str:
    """"xlsx" or "jsonl", by the content first (a ZIP is an XLSX), then the name."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if name.lower().endswith((".jsonl", ".json", ".ndjson", ".txt")) or head.lstrip()[:1] in (b"{", b"["):
        return "jsonl"
    raise FormatError(_("只接受 XLSX（模板格式）或 JSONL 文件。"))


def read_records(stream: IO[bytes], name: str, limits: ReadLimits, *,
                 max_rows: int | None = None) -> tuple[list[Record], str]:
    """(records, format) of a file already checked for size; ReadRefused or FormatError when it cannot be read.
    An XLSX sheet is read up to `limits.max_rows` rows (blank ones included), a JSONL file up to `max_rows` lines
    (None: no limit, for files on the server's disk)."""
    head = stream.read(8)
    stream.seek(0)
    kind = file_format(name, head)
    with paused_collector():
        if kind == "xlsx":
            return xlsx_records(stream, limits), kind
        return list(jsonl_records(stream, max_rows)), kind
