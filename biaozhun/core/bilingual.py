"""A record's text in the reader's language: the one helper for titles and names shown to people.

Records carry their text in both languages as ``<field>_zh`` and ``<field>_en`` (``Standard.title_*``,
``Committee.name_*``, ``IcsCode.name_*``, a search hit's ``highlight_*``). An English reader gets the English
text when there is one, else the Chinese; a Chinese reader gets the Chinese, else the English. The result is a
``str`` that also says its language (``.lang``, for the ``lang`` attribute of the element that shows it).

    in_language(standard)                   # "Quality management systems—Requirements" for an English reader
    in_language(committee, "name", "zh-hans")
    other_language(standard)                # the other language's title, "" when there is none

Templates: ``{% load bilingual %}{{ standard|localized }}``, ``{{ committee|localized:"name" }}``,
``{{ standard|alternate }}`` (see biaozhun/core/templatetags/bilingual.py).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

ZH, EN = "zh-Hans", "en"


class LocalizedText(str):
    """Text that knows its language: ``lang`` is "zh-Hans" or "en"."""

    lang: str

    def __new__(cls, text: str, lang: str) -> LocalizedText:
        value = super().__new__(cls, text)
        value.lang = lang
        return value

    def __getnewargs__(self) -> tuple[str, str]:  # cached and pickled values keep their language
        return str(self), self.lang


def _value(obj: Any, name: str) -> str:
    value = obj.get(name, "") if isinstance(obj, dict) else getattr(obj, name, "")
    return str(value or "").strip()


def reads_english(language: str | None = None) -> bool:
    return (language or get_language() or "").lower().startswith("en")


def _texts(obj: Any, field: str, language: str | None) -> tuple[LocalizedText, LocalizedText]:
    """(the text to show, the other language's text or "")."""
    zh = LocalizedText(_value(obj, f"{field}_zh"), ZH)
    en = LocalizedText(_value(obj, f"{field}_en"), EN)
    first, second = (en, zh) if reads_english(language) else (zh, en)
    if not first:
        return second, LocalizedText("", first.lang)
    return first, second


def in_language(obj: Any, field: str = "title", language: str | None = None) -> LocalizedText:
    """The text in the reader's language (the current one unless given), falling back to the other language."""
    return _texts(obj, field, language)[0]


def other_language(obj: Any, field: str = "title", language: str | None = None) -> LocalizedText:
    """The text in the other language, shown beside the first ("" when the record has only one)."""
    return _texts(obj, field, language)[1]
