"""The submitted text: checked as a PDF (core/uploads.py), and its words extracted, bounded in pages, characters
and time, for the wording check. A PDF whose words cannot be read (scanned pages) still files: the check then
reads only the title, scope and remarks."""

from __future__ import annotations

import io
import logging
import time

from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_PAGES = 120
MAX_CHARS = 300_000
SECONDS = 5.0


def extract_words(content: bytes) -> str:
    deadline = time.monotonic() + SECONDS
    parts: list[str] = []
    size = 0
    try:
        reader = PdfReader(io.BytesIO(content))
        for number, page in enumerate(reader.pages):
            if number >= MAX_PAGES or size >= MAX_CHARS or time.monotonic() > deadline:
                break
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
    except Exception as exc:  # untrusted bytes: a text that cannot be read is no text, never a crash
        logger.info("filing text: words not extracted (%s): %s", type(exc).__name__, exc)
    return "\n".join(parts)[:MAX_CHARS]
