"""Uploaded files checked by their structure, not by their first bytes. Every path that stores an upload calls
these (project documents, full texts); size limits are the callers' and are checked before.

- `check_pdf`: the file must parse as a PDF (pypdf, with its built-in resource limits, a page cap and a time
  bound), not be encrypted, and carry no JavaScript, launch actions, embedded files or XFA forms anywhere in
  its objects (the catalogue's names tree, open actions, annotations, form fields).
- `check_office`: a Word or Excel file (.docx/.xlsx zip) must carry no macros (vbaProject.bin, XLM macro sheets,
  macro-enabled content types as in .docm/.xlsm), no ActiveX controls, and no macro-enabled files embedded in it.

A refusal is `FileRejected`, whose message names the field (`label`) and says what to do; the caller puts it
under its own field in its ValidationFailed.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

MAX_ZIP_ENTRIES = 10_000
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
_NESTING = 32  # direct (not referenced) objects nested deeper than this are refused as malformed

_MACRO_PARTS = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^(xl/macrosheets|word/activeX|xl/activeX|ppt/activeX)/"
    r"|/embeddings/[^/]*\.(docm|dotm|xlsm|xltm|xlam|xlsb|pptm|potm|ppam)$", re.IGNORECASE)
_MACRO_TYPES = ("macroenabled", "vbaproject", "macrosheet", "activex", "ms-office.vba")


class FileRejected(ValueError):
    """An upload refused for its content; `message` is translated and names the field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PdfFacts:
    pages: int


# --- PDF ------------------------------------------------------------------------------------------------------------
def _script() -> str:
    return _("脚本（JavaScript）")


def _launch() -> str:
    return _("启动外部程序的动作（Launch）")


def _embedded() -> str:
    return _("嵌入的文件（附件）")


def _form_script() -> str:
    return _("XFA 表单脚本")


# What a dictionary's keys and action types reveal; each names what a person is told was found.
_ACTIVE_KEYS = {"/JS": _script, "/JavaScript": _script, "/EmbeddedFiles": _embedded, "/EF": _embedded,
                "/XFA": _form_script}
_ACTIVE_ACTIONS = {"/JavaScript": _script, "/Launch": _launch, "/RichMediaExecute": _script}


def _not_a_pdf(label: str) -> FileRejected:
    return FileRejected(_("%(field)s不是有效的 PDF 文件：文件开头标明为 PDF，但其内容无法按 PDF 结构读取。"
                          "请用原始文档重新导出 PDF（如“另存为 PDF”）后上传。") % {"field": label})


def _active_content(obj: Any, found: set, depth: int = 0) -> None:
    """Add to `found` what `obj` (and the direct objects inside it) carries; referenced objects are visited on
    their own by the walk over every object of the file."""
    if depth > _NESTING:
        raise ValueError("objects nested too deep")
    if isinstance(obj, DictionaryObject):  # streams are dictionaries too; their data is not decoded
        for key, what in _ACTIVE_KEYS.items():
            if key in obj:
                found.add(what)
        action = obj.get("/S")
        if isinstance(action, str) and action in _ACTIVE_ACTIONS:
            found.add(_ACTIVE_ACTIONS[action])
        if obj.get("/Type") == "/EmbeddedFile":
            found.add(_embedded)
        values = obj.values()
    elif isinstance(obj, ArrayObject):
        values = obj
    else:
        return
    for value in values:
        if not isinstance(value, IndirectObject):
            _active_content(value, found, depth + 1)


def _object_ids(reader: PdfReader):
    for generation, entries in reader.xref.items():
        for number in entries:
            yield number, generation
    for number in reader.xref_objStm:
        yield number, 0


def _walk(reader: PdfReader, deadline: float, label: str) -> set:
    found: set = set()
    for count, (number, generation) in enumerate(_object_ids(reader)):
        if count % 200 == 0 and time.monotonic() > deadline:
            raise FileRejected(_("%(field)s结构过于复杂，未能在 %(seconds)d 秒内检查完毕。请重新导出 PDF"
                                 "（如“另存为 PDF”或“打印为 PDF”）后上传。") % {
                "field": label, "seconds": settings.BIAOZHUN_UPLOAD_CHECK_SECONDS})
        _active_content(reader.get_object(IndirectObject(number, generation, reader)), found)
        if len(reader.resolved_objects) > 2000:  # keep memory bounded on large files
            reader.resolved_objects.clear()
    return found


def _read(label: str, stream: IO[bytes]) -> tuple[PdfReader, int]:
    """The parsed file and its page count (0 when encrypted: not looked into)."""
    try:
        reader = PdfReader(stream)
        if reader.is_encrypted:
            return reader, 0
        root = reader.root_object
        return reader, len(reader.pages) if isinstance(root, DictionaryObject) and "/Pages" in root else 0
    except Exception as exc:  # any failure to parse untrusted bytes is a refusal, never a crash
        logger.info("PDF refused as unparseable (%s): %s", type(exc).__name__, exc)
        raise _not_a_pdf(label) from exc


def check_pdf(source: bytes | IO[bytes], *, label: str) -> PdfFacts:
    """Refuse (FileRejected) a PDF that does not parse, is encrypted, has too many pages or carries active
    content; returns its page count otherwise. `source` is the bytes or a file (read whole from its start, and
    left at its start: callers have bounded its size)."""
    if not isinstance(source, bytes):  # parsed from memory: many small reads from a temporary file are slow
        source.seek(0)
        content = source.read()
        source.seek(0)
        source = content
    if not source.startswith(b"%PDF-"):
        raise _not_a_pdf(label)
    deadline = time.monotonic() + settings.BIAOZHUN_UPLOAD_CHECK_SECONDS
    reader, pages = _read(label, io.BytesIO(source))
    if reader.is_encrypted:
        raise FileRejected(_("%(field)s是加密的 PDF：平台无法检查或公开加密文件。"
                             "请去除打开密码和权限限制后重新导出上传。") % {"field": label})
    if pages < 1:
        raise _not_a_pdf(label)
    if pages > settings.BIAOZHUN_MAX_PDF_PAGES:
        raise FileRejected(_("%(field)s有 %(pages)d 页，超过上限 %(max)d 页。请拆分后分别上传。") % {
            "field": label, "pages": pages, "max": settings.BIAOZHUN_MAX_PDF_PAGES})
    try:
        found = _walk(reader, deadline, label)
    except FileRejected:
        raise
    except Exception as exc:
        logger.info("PDF refused while reading its objects (%s): %s", type(exc).__name__, exc)
        raise _not_a_pdf(label) from exc
    if found:
        raise FileRejected(_("%(field)s含有%(what)s，出于安全原因不能上传。请导出不含这些内容的 PDF 后上传。") % {
            "field": label, "what": _("、").join(sorted(str(what()) for what in found))})
    return PdfFacts(pages=pages)


# --- Word and Excel ---------------------------------------------------------------------------------------------------
def check_office(source: IO[bytes], *, label: str) -> None:
    """Refuse (FileRejected) an Office Open XML file (.docx, .xlsx) that carries macros or ActiveX controls."""
    macros = FileRejected(_("%(field)s含有宏或 ActiveX 控件（如 .docm、.xlsm 文件），出于安全原因不能上传。"
                            "请另存为不含宏的 .docx 或 .xlsx 文件后上传。") % {"field": label})
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise FileRejected(_("%(field)s包含的部件超过 %(max)d 个，无法检查。请重新保存后上传。") % {
                    "field": label, "max": MAX_ZIP_ENTRIES})
            if any(_MACRO_PARTS.search(entry.filename) for entry in entries):
                raise macros
            with archive.open("[Content_Types].xml") as handle:
                types = handle.read(MAX_CONTENT_TYPES_BYTES).decode("utf-8", "replace").lower()
            if any(marker in types for marker in _MACRO_TYPES):
                raise macros
    except FileRejected:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError) as exc:
        logger.info("Office file refused as unreadable (%s): %s", type(exc).__name__, exc)
        raise FileRejected(_("%(field)s无法读取：文件已损坏或不是 Word/Excel 文件。请重新保存后上传。") % {
            "field": label}) from exc
    finally:
        source.seek(0)


# --- Images ------------------------------------------------------------------------------------------------------------
MAX_IMAGE_PIXELS = 40_000_000  # a 50-megapixel camera's photo is refused; a phone's (12–48 MP) passes
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


@dataclass(frozen=True)
class CleanImage:
    content: bytes  # re-encoded: the pixels only, without EXIF (camera, time, GPS position) or other metadata
    content_type: str
    extension: str
    width: int
    height: int


def check_image(source: bytes, *, label: str) -> CleanImage:
    """Refuse (FileRejected) what is not a readable JPEG or PNG, or has more than MAX_IMAGE_PIXELS pixels (judged
    from the header, before any pixel is decoded: a decompression bomb is refused unread); otherwise return the
    image re-encoded without its metadata, so that a photo does not carry where and when it was taken."""
    from PIL import Image, UnidentifiedImageError

    unreadable = FileRejected(_("%(field)s不是可读取的 JPEG 或 PNG 图片。请用手机或电脑重新保存为 JPEG 或 PNG 后上传。")
                              % {"field": label})
    try:
        with Image.open(io.BytesIO(source)) as image:
            if image.format not in IMAGE_FORMATS:
                raise unreadable
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise FileRejected(_("%(field)s有 %(pixels)d 万像素，超过上限 %(max)d 万像素。请缩小图片后上传。") % {
                    "field": label, "pixels": width * height // 10_000, "max": MAX_IMAGE_PIXELS // 10_000})
            image.verify()
        with Image.open(io.BytesIO(source)) as image:
            image.load()
            content_type, extension = IMAGE_FORMATS[image.format]
            pixels = image.convert("RGB") if image.format == "JPEG" and image.mode not in ("RGB", "L") else image
            out = io.BytesIO()
            if image.format == "JPEG":
                pixels.save(out, format="JPEG", quality=90)
            else:
                pixels.save(out, format="PNG", optimize=True)
    except FileRejected:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        logger.info("image refused (%s): %s", type(exc).__name__, exc)
        raise unreadable from exc
    return CleanImage(out.getvalue(), content_type, extension, width, height)
