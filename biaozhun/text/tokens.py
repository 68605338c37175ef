"""Split titles into CJK runs and Latin words, and turn runs into index token streams.

What search compares is the text as people type it: `squeeze` drops spaces (of every width) and punctuation
(：、—·（）《》“”/ …, but not the decimal point), folds full-width forms and lower-cases, so
"电动汽车 传导充电系统 第1部分：通用要求" is compared as "电动汽车传导充电系统第1部分通用要求". Titles are indexed as
the overlapping character pairs of that squeezed text (`char_bigrams`), so a phrase query over a typed term's pairs
matches exactly the titles whose squeezed text contains the squeezed term, whatever spaces either side has.

A CJK run is a maximal sequence of ideographs; anything else (spaces, punctuation, digits, Latin letters) ends
it. Runs are indexed as overlapping bigrams at consecutive positions, so a phrase query over the bigrams of a
query string matches exactly the titles that contain that string (substring semantics). Between two runs the
positions continue; a filler token is put between them when the last unit of one run equals the first unit of
the next, the only case in which a phrase could otherwise match across the break.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

# CJK Unified Ideographs, Extension A, Compatibility Ideographs, and the supplementary planes' extensions.
_CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(f"[{_CJK_CLASS}]+")
_WORD = re.compile(r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.][0-9]+)*")
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}

FILLER = "|"


def is_cjk(char: str) -> bool:
    return bool(_RUN.fullmatch(char))


def fold(text: str) -> str:
    """Full-width ASCII to ASCII (Ｌ１ -> L1); nothing else changes, so character offsets are kept."""
    return text.translate(_FULL_WIDTH)


@lru_cache(maxsize=4096)
def is_skipped(char: str) -> bool:
    """Spaces and punctuation, which search ignores; the decimal point is kept (2828.1 is not 28281)."""
    return char.isspace() or (unicodedata.category(char)[0] == "P" and char not in ".．")


def _lower(char: str) -> str:
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def squeeze_one_by_one(text: str) -> tuple[str, list[int]]:
    """squeeze_with_offsets character by character: the definition, and the way for rare texts."""
    kept, offsets = [], []
    for offset, char in enumerate(fold(text)):
        if not is_skipped(char):
            kept.append(_lower(char))
            offsets.append(offset)
    return "".join(kept), offsets


@lru_cache(maxsize=1)
def _skipped_pattern() -> re.Pattern:
    """The characters of the Basic Multilingual Plane that is_skipped drops, as one character class."""
    chars = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000 and is_skipped(chr(code)))
    return re.compile("[" + re.escape(chars) + "]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def squeeze_with_offsets(text: str) -> tuple[str, list[int]]:
    """The squeezed text (see the module) and, for each of its characters, the offset in `text` it came from.
    Every hit of every search highlights its title with this: the skipped characters are found by one regular
    expression and the kept ones copied in slices (about twice as fast as squeeze_one_by_one on titles); a text whose
    lower case changes its length, with a capital sigma (lower-cased by context in a whole text, not alone), or
    with characters beyond the BMP, goes one by one."""
    folded = fold(text)
    lowered = folded.lower()
    if len(lowered) != len(folded) or "\u03a3" in folded or _ASTRAL.search(folded):
        return squeeze_one_by_one(text)
    kept, offsets, start = [], [], 0
    for match in _skipped_pattern().finditer(folded):
        kept.append(lowered[start : match.start()])
        offsets.extend(range(start, match.start()))
        start = match.end()
    kept.append(lowered[start:])
    offsets.extend(range(start, len(folded)))
    return "".join(kept), offsets


def squeeze_with_segments(text: str) -> tuple[str, list[int], list[int]]:
    """squeeze_with_offsets with the offsets run-length coded, for texts searched once (highlighting each hit's
    title): the squeezed text, and its kept segments, segment i starting at index starts[i] of the squeezed text
    and at offset origins[i] of `text`. A squeezed index k comes from origins[i] + k - starts[i], i the last
    segment with starts[i] <= k (segment_offset). Costs a slice per run of kept characters, not a list item per
    character."""
    folded = fold(text)
    lowered = folded.lower()
    if len(lowered) != len(folded) or "\u03a3" in folded or _ASTRAL.search(folded):
        squeezed, offsets = squeeze_one_by_one(text)
        starts, origins = [], []
        for index, offset in enumerate(offsets):
            if not origins or offset != origins[-1] + index - starts[-1]:
                starts.append(index)
                origins.append(offset)
        return squeezed, starts or [0], origins or [0]
    kept, starts, origins, start, length = [], [], [], 0, 0
    for match in _skipped_pattern().finditer(folded):
        if match.start() > start:
            kept.append(lowered[start : match.start()])
            starts.append(length)
            origins.append(start)
            length += match.start() - start
        start = match.end()
    if start < len(folded) or not starts:
        kept.append(lowered[start:])
        starts.append(length)
        origins.append(start)
    return "".join(kept), starts, origins


def segment_offset(starts: list[int], origins: list[int], index: int) -> int:
    """The offset in the text of index `index` of its squeezed form (squeeze_with_segments)."""
    segment = bisect_right(starts, index) - 1
    return origins[segment] + index - starts[segment]


def squeeze(text: str) -> str:
    """"第1部分：通用要求 (IEC 60335-2-9)" -> "第1部分通用要求iec6033529"."""
    return squeeze_with_offsets(text)[0]


def char_bigrams(text: str) -> list[str]:
    """Overlapping character pairs of the squeezed text: the title's substring index (one run, no fillers)."""
    squeezed = squeeze(text)
    return [squeezed[i : i + 2] for i in range(len(squeezed) - 1)]


def char_trigrams(text: str) -> list[str]:
    """Overlapping character triples of the squeezed text: a query of three characters or more is one of them, or
    a few of them at fixed distances (trigram_cover), rarer and so cheaper to intersect than pairs."""
    squeezed = squeeze(text)
    return [squeezed[i : i + 3] for i in range(len(squeezed) - 2)]


def trigram_cover(chars: str) -> list[tuple[int, str]]:
    """The fewest triples of `chars` (3 or more, squeezed) that, each at its offset, cover every character:
    offsets 0, 3, 6, … and the last triple. "锂离子电池安全" -> [(0, "锂离子"), (3, "电池安"), (4, "池安全")]."""
    last = len(chars) - 3
    offsets = [*range(0, last, 3), last]
    return [(offset, chars[offset : offset + 3]) for offset in offsets]


def cjk_runs(text: str) -> list[str]:
    """"锂离子电池 第1部分：通用要求" -> ["锂离子电池", "第", "部分", "通用要求"]."""
    return _RUN.findall(text)


def latin_words(text: str) -> list[str]:
    """Latin words and numbers, lower case: "LED 灯 IEC 60598-1" -> ["led", "iec", "60598", "1"]."""
    return [w.lower() for w in _WORD.findall(fold(text))]


def bigram_stream(units_per_run: Iterable[Sequence[str]], join: str = "") -> list[str]:
    """Overlapping pairs of units inside each run, positions consecutive, a FILLER where a false join could occur.

    Units are characters (CJK bigrams) or pinyin syllables / initials (joined with `join`).
    Runs of a single unit give no pair; single characters are indexed separately as unigrams.
    """
    tokens: list[str] = []
    last_unit: str | None = None
    for units in units_per_run:
        if len(units) < 2:
            continue  # gives no pair; the check below still compares with the last pair before it
        if last_unit is not None and last_unit == units[0]:
            tokens.append(FILLER)
        tokens.extend(units[i] + join + units[i + 1] for i in range(len(units) - 1))
        last_unit = units[-1]
    return tokens


def joined_runs(text: str) -> list[list[str]]:
    """CJK runs grouped where only spaces and punctuation stand between them (what a reader skips when typing):
    "锂离子电池 安全要求（试行）" -> [["锂离子电池", "安全要求", "试行"]]; "第1部分" -> [["第"], ["部分"]]."""
    groups: list[list[str]] = []
    end = None
    for match in _RUN.finditer(text):
        between = text[end : match.start()] if end is not None else None
        if groups and between is not None and all(is_skipped(c) for c in between):
            groups[-1].append(match.group())
        else:
            groups.append([match.group()])
        end = match.end()
    return groups


def cjk_bigrams(text: str) -> list[str]:
    return bigram_stream(cjk_runs(text))


def query_bigrams(run: str) -> list[str]:
    """The bigrams of one CJK run of a query, in order (empty for a single character)."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_unigrams(text: str) -> list[str]:
    return [c for run in cjk_runs(text) for c in run]
