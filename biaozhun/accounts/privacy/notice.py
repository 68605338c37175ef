"""The versions of the privacy notice (隐私政策). Each version's text lives in two templates,
``privacy/notice_v<N>_zh-hans.html`` and ``privacy/notice_v<N>_en.html``, and is never edited once in force: a
change is a new version, added here with the day it takes effect. Signed-in people who accepted an older version
are asked to accept the new one at their next page (consent.PrivacyConsentMiddleware)."""

from __future__ import annotations

from datetime import date

from django.utils import translation

# version → the day it takes effect. Append only.
VERSIONS: dict[int, date] = {
    1: date(2026, 12, 2),
}


def current_version() -> int:
    """The version in force: the highest listed."""
    return max(VERSIONS)
LANGUAGES = ("zh-hans", "en")


def template_name(version: int, language: str | None = None) -> str:
    """The notice's text in the reader's language (Chinese unless they read English)."""
    language = language or translation.get_language() or "zh-hans"
    return f"privacy/notice_v{version}_{'en' if language.startswith('en') else 'zh-hans'}.html"


def effective_on(version: int) -> date:
    return VERSIONS[version]
