"""Clean raw text before parsing: full-width forms, dashes, spaces, case, titles and trailing punctuation.

The result is a fixed point: normalise(normalise(t)) == normalise(t). Error positions refer to it.
"""

from __future__ import annotations

import re

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u2e3a\u2e3b\u30fc"
_SLASHES = "\u2215\u2044\uff0f"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\n\r\v\f"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _table() -> dict[int, int | str | None]:
    table: dict[int, int | str | None] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[code] = chr(code - 0xFEE0)
    for code in range(ord("a"), ord("z") + 1):
        table[code] = chr(code - 32)
    for code in range(0xFF41, 0xFF5B):  # full-width lower case straight to upper case
        table[code] = chr(code - 0xFEE0 - 32)
    for ch in _DASHES:
        table[ord(ch)] = "-"
    for ch in _SLASHES:
        table[ord(ch)] = "/"
    for ch in _SPACES:
        table[ord(ch)] = " "
    for ch in _INVISIBLE:
        table[ord(ch)] = None
    table[ord("\uff0d")] = "-"
    table[ord("\u3001")] = "\u3001"  # 、 stays (stripped at the ends)
    table[ord("\u2236")] = ":"  # ratio sign used as a colon
    table[ord("\ufe55")] = ":"
    table[ord("\u301c")] = "~"  # wave dash of part ranges: GB/T 1234.1〜7
    return table


TRANSLATION = _table()

_TITLE = re.compile(r"《[^《》]*》")
_CJK_ONE_DASH = re.compile(r"(?<=[0-9]) *一+ *(?=[0-9])")
_MULTI_DASH = re.compile(r"-{2,}")
_SPACE_RUN = re.compile(r" {2,}")
_SPACE_AROUND = re.compile(r" (?=[/\-:.+~])|(?<=[/\-:.+~]) |(?<=\() | (?=\))")
_EDGE = " 。.;,、:!?"
# Anything normalise() would change; text without a match is returned as it is.
_DIRTY = re.compile(r"[^A-Z0-9/.:+()~\- ]| [ /.:+~\-)]|[/.:+~\-(] |--|^[ .:]|[ .:]$")


def normalise(text: str) -> str:
    """Return the cleaned identifier text (no parsing, no validation)."""
    if not _DIRTY.search(text):
        return text
    s = text.translate(TRANSLATION)
    while "《" in s:
        stripped = _TITLE.sub(" ", s)
        if stripped == s:
            break
        s = stripped
    if "一" in s:
        s = _CJK_ONE_DASH.sub("-", s)
    if "  " in s:
        s = _SPACE_RUN.sub(" ", s)
    if " " in s:
        s = _SPACE_AROUND.sub("", s)
    if "--" in s:
        s = _MULTI_DASH.sub("-", s)
    return s.strip(_EDGE)
