"""Mark query matches in a title: HTML-escaped text with <mark>…</mark> around each matched span."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape

from .pinyin import char_syllables
from .tokens import fold, segment_offset, squeeze, squeeze_with_segments

Span = tuple[int, int]


@lru_cache(maxsize=1024)
def _squeezed_needle(needle: str) -> str:
    return squeeze(needle)  # the same few needles for every hit of a search


def substring_spans(text: str, needles: Iterable[str]) -> list[Span]:
    """Where each needle occurs once spaces and punctuation are ignored on both sides (tokens.squeeze): the span
    runs from its first to its last character in `text`, spaces and punctuation between them included."""
    needles = [squeezed for squeezed in map(_squeezed_needle, needles) if squeezed]
    if not needles:
        return []
    squeezed, starts, origins = squeeze_with_segments(text)
    spans = []
    for needle in needles:
        start = squeezed.find(needle)
        while start != -1:
            spans.append((segment_offset(starts, origins, start),
                          segment_offset(starts, origins, start + len(needle) - 1) + 1))
            start = squeezed.find(needle, start + 1)
    return spans


def word_spans(text: str, words: Iterable[str]) -> list[Span]:
    """Latin words (case-insensitive) at a word start; a word also marks longer forms (test -> testing)."""
    folded = fold(text)
    spans = []
    for word in words:
        if word:
            pattern = re.compile(r"(?<![0-9A-Za-z])" + re.escape(word) + r"[A-Za-z]*", re.IGNORECASE)
            spans.extend(m.span() for m in pattern.finditer(folded))
    return spans


def reading_spans(text: str, readings: Iterable[Sequence[str]]) -> list[Span]:
    """Characters whose pinyin (syllables, or single-letter initials) follows one of the readings in order;
    spaces and punctuation between them are skipped, as the index skips them."""
    readings = [list(r) for r in readings if r]
    if not readings:
        return []
    read = [(offset, s) for offset, s in enumerate(char_syllables(text)) if s != ""]
    spans = []
    for reading in readings:
        initials = all(len(unit) == 1 for unit in reading)
        units = [(s[0] if initials else s) if s else None for _offset, s in read]
        n = len(reading)
        for start in range(len(units) - n + 1):
            if units[start : start + n] == reading:
                spans.append((read[start][0], read[start + n - 1][0] + 1))
    return spans


def merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def render(text: str, spans: Iterable[Span]) -> str:
    out, position = [], 0
    for start, end in merge(spans):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(
    text: str, *, substrings: Iterable[str] = (), words: Iterable[str] = (), readings: Iterable[Sequence[str]] = ()
) -> str:
    """highlight("锂离子电池 <安全>", substrings=["电池"]) -> '锂离子<mark>电池</mark> &lt;安全&gt;'."""
    if not text:
        return ""
    spans = substring_spans(text, substrings) + word_spans(text, words) + reading_spans(text, readings)
    return render(text, spans)
