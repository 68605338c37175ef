"""The words of the declaration search index, made in Python so that SQLite (FTS5) and PostgreSQL (tsvector) index
and query exactly the same tokens (docs/decisions/0020-declaration-search-at-scale.md).

A document is one published declaration: the enterprise's name, its products' names and models, the standard's
number and title, each squeezed (spaces and punctuation dropped, lower case; biaozhun.text.tokens.squeeze) and cut
into overlapping character pairs, each pair prefixed by its field (e 企业, p 产品, s 标准), so that a phrase of
pairs finds any substring of two characters or more, in one field or in any. Region and flag are single tokens
(r32, r3201, r320102; zflag). Pure: no Django."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache

from biaozhun.text.tokens import squeeze

FLAGGED = "zflag"
FILLER = "x"  # between two items of one field (two products), so that no phrase joins them
MIN_CHARS = 2  # a query word must have at least two characters once squeezed (pairs are the smallest unit)


class Field(StrEnum):
    ENTERPRISE = "e"
    PRODUCT = "p"
    STANDARD = "s"


def _safe(pair: str) -> str:
    # Characters that survive squeeze but are not letters or digits (".", "+", "℃"...) become "_", which both
    # engines keep inside a token (FTS5 tokenchars), so a pair is always one token at one position.
    return "".join(c if c.isalnum() else "_" for c in pair)


@lru_cache(maxsize=65_536)  # enterprise and product names repeat on every declaration of their enterprise
def pairs(text: str) -> tuple[str, ...]:
    squeezed = squeeze(text)
    cut = (squeezed[i : i + 2] for i in range(len(squeezed) - 1))
    return tuple(pair if pair.isalnum() else _safe(pair) for pair in cut)


def field_tokens(field: Field, texts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        items = pairs(text)
        if not items:
            continue
        if out:
            out.append(FILLER)
        prefix = field.value
        out.extend([prefix + pair for pair in items])
    return out


@lru_cache(maxsize=65_536)
def _field_text(prefix: str, text: str) -> str:
    """One text's tokens in a field, joined (names repeat on every declaration of their enterprise)."""
    return " ".join([prefix + pair for pair in pairs(text)])


def _field_joined(field: Field, texts: Iterable[str]) -> str:
    """`field_tokens` joined by spaces, from the remembered texts."""
    return f" {FILLER} ".join([part for text in texts if (part := _field_text(field.value, text))])


def region_tokens(code: str) -> list[str]:
    """r32, r3201, r320102: a province, city or county filter is one token."""
    code = code.strip()
    return [f"r{code[:n]}" for n in (2, 4, 6) if len(code) >= n]


def document(*, enterprise: str, products: Iterable[tuple[str, str]], identifier: str, title: str, region: str,
             flagged: bool) -> str:
    parts = [_field_joined(Field.ENTERPRISE, [enterprise]),
             _field_joined(Field.PRODUCT, [text for name, model in products for text in (name, model) if text]),
             _field_joined(Field.STANDARD, [identifier, title]), *region_tokens(region)]
    if flagged:
        parts.append(FLAGGED)
    return " ".join([part for part in parts if part])


def query_words(text: str) -> list[list[str]]:
    """The typed words (split at spaces), each as its pairs (unprefixed); words under MIN_CHARS are dropped."""
    return [list(items) for word in text.split() if (items := pairs(word))]
