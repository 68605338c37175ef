"""Uploads refused by size before they are read, and uploaded files read within limits.

- A view that takes files declares its limit: `@upload_limit("BIAOZHUN_MAX_VALIDITY_UPLOAD_BYTES")` (outermost
  decorator; the setting is read per request; on an API operation, just under the router's decorator: a file
  over the limit then gets 413 problem+json before the operation runs, and an anonymous caller's files are not
  read, so the API answers 401). `UploadLimitMiddleware` (before CsrfViewMiddleware) puts `LimitedUploadHandler`
  first for that request: a file part is refused before any of it is read when the request's Content-Length
  shows it cannot fit, otherwise as soon as the bytes received pass the limit (Django's StopUpload; the rest of
  a body more than twice the limit is never read). The view asks `upload_refusal(request)` and shows its form
  with the message (413). Any other view gets files up to
  DATA_UPLOAD_MAX_MEMORY_SIZE, and a refused file or an over-long non-form body gets the 413 page (or a
  problem+json under /api/) without the view running.
- Readers take their limits from settings by profile, `read_limits(Profile.UPLOAD, max_rows=...)`, and read
  under `parse_budget(limits)` (the soft budget checked in the read loops, and a hard alarm just after it);
  `refusal_message(exc)` says in the reader's language what was refused and what to do.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .safe_read import Budget, ReadLimits, ReadRefused, Reason, hard_deadline

log = logging.getLogger(__name__)
MB = 1024 * 1024
# Multipart framing and the form's other fields around a file (themselves capped by DATA_UPLOAD_MAX_MEMORY_SIZE).
FRAMING = 64 * 1024


class Profile(StrEnum):
    UPLOAD = "upload"  # a file someone sent through a page or the API
    IMPORT = "import"  # a file an operator imports from the server's disk


def read_limits(profile: Profile, **overrides) -> ReadLimits:
    return ReadLimits(**{**settings.BIAOZHUN_READ_LIMITS[profile.value], **overrides})


def megabytes(size: float) -> str:
    return f"{size / MB:.1f}".removesuffix(".0")


def too_large_message(limit: int) -> str:
    return _("文件不能超过 %(max)s MB。请删去不需要的内容，或分成几个文件后再上传。") % {"max": megabytes(limit)}


_MESSAGES = {
    Reason.BYTES: gettext_lazy("文件不能超过 %(max)s MB。请删去不需要的内容，或分成几个文件后再上传。"),
    Reason.ROWS: gettext_lazy("文件超过 %(max)s 行，已停止读取。请分成几个文件，每个不超过 %(max)s 行（空行也计算在内）。"),
    Reason.CELLS: gettext_lazy("文件的单元格超过 %(max)s 个，已停止读取。请只保留需要的列，或分成几个文件后再上传。"),
    Reason.ROW_SIZE: gettext_lazy("文件中有一行的内容超出表格允许的范围，无法读取。请在 Excel 中另存为新的 XLSX 文件或改用 CSV 后再上传。"),
    Reason.XML_ELEMENTS: gettext_lazy("文件中的共享文本或样式过多（超过 %(max)s 项），无法读取。请在 Excel 中另存为新的 XLSX 文件或改用 CSV 后再上传。"),
    Reason.SECONDS: gettext_lazy("读取文件超过 %(max)s 秒，已停止。请减少行数，或分成几个文件后再上传。"),
    Reason.ZIP_ENTRIES: gettext_lazy("XLSX 文件包含的部件超过 %(max)s 个，不是普通的表格文件。请在 Excel 中另存为新的 XLSX 文件后再上传。"),
    Reason.UNZIPPED_BYTES: gettext_lazy("XLSX 文件解压后超过 %(max)s MB，已拒绝读取。请删去不需要的内容，或改用 CSV 后再上传。"),
    Reason.ZIP_RATIO: gettext_lazy("XLSX 文件的压缩比异常（超过 %(max)s 倍），可能是压缩炸弹，已拒绝读取。请在 Excel 中另存为新的 XLSX 文件或改用 CSV 后再上传。"),
    Reason.ZIP_NESTED: gettext_lazy("XLSX 文件中嵌有其他压缩文件，已拒绝读取。请把数据复制到新的工作簿，或改用 CSV 后再上传。"),
    Reason.ZIP_ENTRY: gettext_lazy("XLSX 文件中有加密、特殊压缩方式或名称异常的部件，已拒绝读取。请在 Excel 中另存为新的 XLSX 文件后再上传。"),
    Reason.DAMAGED: gettext_lazy("文件已损坏或格式不对，无法读取。请在 Excel 中重新保存为 XLSX 或 CSV 后再上传。"),
}


def refusal_message(exc: ReadRefused) -> str:
    """What was refused and what to do, in the reader's language; the reason and detail go to the log."""
    log.info("upload refused: %s", exc)
    limit = exc.limit
    shown = megabytes(limit) if exc.reason in (Reason.BYTES, Reason.UNZIPPED_BYTES) else f"{limit:g}"
    return str(_MESSAGES[exc.reason]) % {"max": shown}


@contextmanager
def parse_budget(limits: ReadLimits) -> Iterator[Budget]:
    """The soft budget for the read loops, and a hard alarm one second later for a library call that does not
    come back to them (only where the alarm is usable: see safe_read.hard_deadline)."""
    seconds = limits.max_seconds
    with hard_deadline(None if seconds is None else seconds + 1):
        yield Budget(seconds)


# --- Request bodies ------------------------------------------------------------------------------------------------

def upload_limit(setting: str, *, signed_in_only: bool = False) -> Callable:
    """Mark a view that takes files: the setting names its limit in bytes. `signed_in_only`: an anonymous
    request gets no file read at all (the view then sends them to sign in)."""

    def mark(view: Callable) -> Callable:
        view.upload_limit_setting = setting  # type: ignore[attr-defined]
        view.upload_signed_in_only = signed_in_only  # type: ignore[attr-defined]
        return view

    return mark


def upload_refusal(request: HttpRequest) -> str | None:
    """The message for a file refused by its size in this request, else None (parses the body if not yet)."""
    request.FILES  # noqa: B018 (parsing the body is what runs the handler)
    limit = getattr(request, "_upload_refused_at", None)
    return None if limit is None else too_large_message(limit)


class LimitedUploadHandler(FileUploadHandler):
    """First of the request's upload handlers: passes file chunks on until `limit` bytes of files, then stops
    the upload (StopUpload): the file never reaches request.FILES and the rest of the body is left unread when
    it is large (a small excess is drained, so that a browser still shows the answer)."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.declared = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.declared = content_length or 0
        return None

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        if (self.content_length or 0) > self.limit or self.declared > self.limit + _form_allowance():
            self._refuse()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _refuse(self) -> None:
        self.request._upload_refused_at = self.limit
        log.info("upload over %s bytes refused: %s (Content-Length %s)", self.limit, self.request.path, self.declared)
        raise StopUpload(connection_reset=self.declared > 2 * self.limit + _form_allowance())


def _form_allowance() -> int:
    return (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) + FRAMING


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class UploadLimitMiddleware:
    """See the module docstring. Goes before CsrfViewMiddleware, which reads the form."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs) -> HttpResponse | None:
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        length = _content_length(request)
        field_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request.content_type != "multipart/form-data":
            if field_limit is not None and length > field_limit:
                return too_large_response(request, field_limit, body=True)
            return None
        operation = _api_operation(view_func, request)
        marked = operation or view_func
        setting = getattr(marked, "upload_limit_setting", None)
        limit = getattr(settings, setting) if setting else (field_limit or 0)
        anonymous_refused = getattr(marked, "upload_signed_in_only", False) and not request.user.is_authenticated
        if anonymous_refused:
            limit = 0
        if hasattr(request, "_files"):
            log.warning("request body read before UploadLimitMiddleware: %s", request.path)
            return None
        request.upload_handlers = [LimitedUploadHandler(request, limit), *request.upload_handlers]
        if setting and operation is None:
            return None  # the view shows its own form with upload_refusal(request)
        request.FILES  # noqa: B018 (parse now, so that a refused file never reaches the view)
        if getattr(request, "_upload_refused_at", None) is not None and not (operation and anonymous_refused):
            return too_large_response(request, limit)
        return None  # an anonymous API caller's files were not read; the API answers 401


def _api_operation(view_func: Callable, request: HttpRequest) -> Callable | None:
    """For a Django Ninja view (one view per path, answering each method with its own operation), the function of
    the operation answering this request, which carries @upload_limit (put under the router's decorator); None
    for any other view."""
    try:
        path_view = inspect.getclosurevars(view_func).nonlocals.get("self")
    except (TypeError, ValueError):
        return None
    for operation in getattr(path_view, "operations", ()) if type(path_view).__name__ == "PathView" else ():
        if request.method in operation.methods:
            return operation.view_func
    return None


def too_large_response(request: HttpRequest, limit: int, *, body: bool = False) -> HttpResponse:
    if body:
        message = _("提交的内容不能超过 %(max)s MB。请减少内容，或改为上传文件后再提交。") % {"max": megabytes(limit)}
    else:
        message = too_large_message(limit)
    if request.path_info.startswith("/api/"):
        problem = {"type": "/api/v1/problems/payload_too_large", "title": message, "status": 413,
                   "code": "payload_too_large", "limit": limit}
        return JsonResponse(problem, status=413, content_type="application/problem+json",
                            json_dumps_params={"ensure_ascii": False})
    return HttpResponse(render_to_string("413.html", {"message": message}, request=request), status=413)
