"""The tantivy schema and how a catalogue row becomes an index document.

Text fields hold token streams built in Python (biaozhun.text) and split on whitespace by tantivy, so the
same code tokenises documents and queries. Filter fields are raw, indexed and fast (terms aggregations give
the facet counts). One meta document (sid 0) carries the sync state, so it commits atomically with the index.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import tantivy

from biaozhun.catalog.models import Tier
from biaozhun.rules.status import Status
from biaozhun.text import (
    char_bigrams,
    char_trigrams,
    cjk_unigrams,
    initial_pairs,
    latin_words,
    number_keys,
    squeeze,
    syllable_pairs,
)
from biaozhun.text.overlap import units
from biaozhun.text.tokens import FILLER

# 2: titles indexed without spaces and punctuation (char_bigrams); implementation date, organisation names,
# full text, adoption and city. 3: sorted by tie, fresh documents marked, payload split rather than JSON.
# 4: title and scope units of the standards the filing coordination check compares with (COORDINATION_TIERS).
# 5: titles' character triples (zh3), so that a query of 3+ characters reads triples, not pairs; five facets
# combined in one field (COMBINED) (decision 0016). 6: the eight sparse facets' values in two fields
# (SPARSE_GROUPS), so that the long tail's facets take four terms aggregations instead of ten (decision 0024).
# 7: programme tags (专项标签, systems app) as a filter field, TAG_FILTERS (decision 0039).
SCHEMA_VERSION = 7
META_ID = 0

# Filter and facet fields: name -> how many values a facet returns at most.
FACETS: dict[str, int] = {
    "tier": 10, "nature": 10, "status": 10, "ccs1": 30, "ccs": 100, "ics": 100, "industry": 100,
    "province": 50, "city": 100, "tc": 100, "year": 100, "degree": 10, "fulltext": 2, "adopted": 2,
}
YES, NO = "yes", "no"
# Single-valued facets whose values every standard has from a handful: written again together as one value of
# one fast field (combined_value), so that one pass over the hits counts all five (search/facets.py, 0016).
COMBINED_FACETS = ("tier", "nature", "status", "fulltext", "adopted")
COMBINED, COMBINED_SEPARATOR = "combined", "|"


def combined_value(values: dict[str, list[str]]) -> str:
    """"national|recommended|current|yes|no": each COMBINED_FACETS value, empty where the standard has none."""
    return COMBINED_SEPARATOR.join((values.get(name) or [""])[0] for name in COMBINED_FACETS)


# The combination most standards of the national catalogue have — an enterprise standard in force, without a full
# text, adopting nothing: nine in ten — is not written to COMBINED, so that its column holds a value for one standard
# in ten: tantivy opens and reads such a column as cheaply as a sparse one, while a column with a value for every
# standard costs ~0.1 ms to open in every search. Every standard has exactly one combination, so this one's count is
# the hits' total less the others' (search/facets.py, decision 0024).
COMBINED_DEFAULT = combined_value({"tier": [Tier.ENTERPRISE], "status": [Status.CURRENT], "fulltext": [NO],
                                   "adopted": [NO]})


# The facets that only some standards have (classifications and committee; industry, region and adoption degree):
# written again, in two groups, as one value of one single-valued fast field per group (sparse_values), absent where
# a standard has none of the group. One terms aggregation per group replaces eight on the long tail (search/facets.py,
# decision 0024). Grouped so that a query's hits hold few distinct combinations: regions vary most, and classes go
# together. A value is a JSON array of the group's parts, so that any code reads back exactly; ics and degree are
# lists. ccs1 and province are read off ccs and region, city is the region when it has four digits.
SPARSE_GROUPS: dict[str, tuple[str, ...]] = {"sparse_class": ("ccs", "ics", "tc"),
                                             "sparse_origin": ("industry", "region", "degree")}
SPARSE_LISTS = frozenset({"ics", "degree"})
SPARSE_FACETS = ("ccs1", "ccs", "ics", "tc", "industry", "province", "city", "degree")


def region_value(region_code: str) -> str:
    """The city (4 digits) of a city-level region code, else its province (2 digits); "" for none."""
    return region_code[:4] if len(region_code) >= 4 else region_code[:2]


def sparse_values(values: dict[str, list[str]], region_code: str) -> dict[str, str]:
    """Each SPARSE_GROUPS field's value for one standard; a group it has no part of is left out."""
    parts = {name: values[name] if name in SPARSE_LISTS else (values[name] or [""])[0]
             for name in ("ccs", "ics", "tc", "industry", "degree")}
    parts["region"] = region_value(region_code)
    out = {}
    for field, names in SPARSE_GROUPS.items():
        group = [parts[name] for name in names]
        if any(group):
            out[field] = json.dumps(group, ensure_ascii=False, separators=(",", ":"))
    return out


def split_sparse(field: str, value: str) -> list[tuple[str, str]]:
    """(part, value) for each part value that a value of the SPARSE_GROUPS field stands for: the inverse of
    sparse_values (parts are facets, but for `region`)."""
    out = []
    for name, part in zip(SPARSE_GROUPS[field], json.loads(value), strict=True):
        if name in SPARSE_LISTS:
            out += [(name, item) for item in part]
        elif part:
            out.append((name, part))
    return out


# Adoption degrees that count as adopting an international standard (采标); NEQ does not.
ADOPTING_DEGREES = frozenset({"IDT", "MOD"})
# Integer fast fields holding a day as YYYYMMDD (0: no date).
PUBLISHED, IMPLEMENTED = "published", "implemented"
# Date range filters: filter name -> (the field, which end of the range).
DATE_FILTERS: dict[str, tuple[str, str]] = {
    "published_from": (PUBLISHED, "from"), "published_to": (PUBLISHED, "to"),
    "implemented_from": (IMPLEMENTED, "from"), "implemented_to": (IMPLEMENTED, "to"),
}
# Organisation filters: filter name -> index field; a typed name matches as a substring of a name (squeezed).
NAME_FILTERS: dict[str, str] = {
    "responsible_unit": "org_responsible", "competent_department": "org_department", "drafting_unit": "org_drafting",
}
# Filters that are not facets (no counts): filter name -> index field holding raw values, alternatives within one
# filter. Programme tags (专项标签): the codes of the edition's tags (rows.py reads them; decision 0039).
TAG_FILTERS: dict[str, str] = {"tag": "tag"}
FILTERS: tuple[str, ...] = (*FACETS, *DATE_FILTERS, *NAME_FILTERS, *TAG_FILTERS)
# The tiers a filed standard is compared with (filing.checks.coordination): their documents alone carry the
# units of their title and scope (text.overlap.units) in CO_TITLE and CO_SCOPE, so a coordination search reads
# ~200k documents rather than 3.5M, and each unit's document frequency is its frequency among them.
COORDINATION_TIERS = frozenset({"national", "industry", "local"})
CO_TITLE, CO_SCOPE = "co_title", "co_scope"
STATUS_RANK = {"current": 3, "upcoming": 2, "replaced": 1, "abolished": 0}
# Ties in relevance: in force before abolished, newer before older. `tie` grows with (status rank + recency); the
# index keeps its documents sorted by it, so equal scores come in this order (tantivy_engine.ranked). Its scale is
# that of a factor 1 + TIE_SCALE * (rank + recency) through log2(2 + tie), tantivy's weight_by_field, which
# weights the rare large sets of fresh documents.
TIE_SCALE = 5e-4


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_unsigned_field("sid", stored=True, indexed=True, fast=True)
    sb.add_text_field("zh2", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("zh3", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("zh1", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("en", tokenizer_name="en_stem", index_option="position")
    sb.add_text_field("py", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("pyi", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("num", tokenizer_name="whitespace", index_option="freq")
    for name in FACETS:
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    sb.add_text_field(COMBINED, tokenizer_name="raw", index_option="basic", fast=True)
    for field in SPARSE_GROUPS:
        sb.add_text_field(field, tokenizer_name="raw", index_option="basic", fast=True)
    sb.add_text_field("sort_key", tokenizer_name="raw", index_option="basic", fast=True)
    for field in NAME_FILTERS.values():
        sb.add_text_field(field, tokenizer_name="whitespace", index_option="position")
    for field in TAG_FILTERS.values():
        sb.add_text_field(field, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(CO_TITLE, tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field(CO_SCOPE, tokenizer_name="whitespace", index_option="freq")
    sb.add_integer_field(PUBLISHED, fast=True)
    sb.add_integer_field(IMPLEMENTED, fast=True)
    sb.add_float_field("tie", fast=True)  # the index is sorted by it (tantivy_engine: static rank)
    sb.add_text_field("fresh", tokenizer_name="raw", index_option="basic")  # FRESH on documents written since a rebuild
    sb.add_bytes_field("payload", stored=True)
    return sb.build()


def english_analyzer() -> tantivy.TextAnalyzer:
    """The same analysis as tantivy's built-in "en_stem", for query words."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _iso(value: Any) -> str:
    if value is None or value == "":
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def tie_weight(status: str, published: str) -> float:
    recency = 0.0
    if published:
        recency = min(max((int(published[:4]) - 1900 + int(published[5:7]) / 12) / 200, 0.0), 0.999)
    return 2 ** (1 + TIE_SCALE * (STATUS_RANK.get(status, 0) + recency)) - 2


def _day(iso: str) -> int:
    """"2020-05-01" -> 20200501; no date -> 0 (outside every range)."""
    return int(iso.replace("-", "")) if iso else 0


def name_tokens(names: list[str]) -> str:
    """Character pairs of each name (squeezed), a filler between names so that no phrase joins two of them;
    a one-character name (rare) is its own token."""
    tokens: list[str] = []
    for name in names:
        squeezed = squeeze(name)
        pairs = char_bigrams(name) or ([squeezed] if squeezed else [])
        if pairs:
            if tokens:
                tokens.append(FILLER)
            tokens.extend(pairs)
    return " ".join(tokens)


def facet_values(row: dict[str, Any]) -> dict[str, list[str]]:
    ccs = row.get("ccs_id") or row.get("ccs") or ""
    region = row.get("region_code") or ""
    year = row.get("year")
    degrees = sorted(set(row.get("degrees") or []))
    return {
        "tier": [row["tier"]],
        "nature": [row["nature"]] if row.get("nature") else [],
        "status": [row["status"]] if row.get("status") else [],
        "ccs1": [ccs[0]] if ccs else [],
        "ccs": [ccs] if ccs else [],
        "ics": sorted({code[:2] for code in row.get("ics_codes") or [] if code}),
        "industry": [row["industry_code"]] if row.get("industry_code") else [],
        "province": [region[:2]] if region else [],
        "city": [region[:4]] if len(region) >= 4 else [],
        "tc": [row["tc_code"]] if row.get("tc_code") else [],
        "year": [str(year)] if year else [],
        "degree": degrees,
        "fulltext": [YES if row.get("has_full_text") else NO],
        "adopted": [YES if ADOPTING_DEGREES.intersection(degrees) else NO],
    }


# What a hit shows, stored with each document as its values joined by PAYLOAD_SEPARATOR in PAYLOAD_FIELDS order:
# splitting is several times cheaper than decoding JSON, for each of the 20 hits of every search.
PAYLOAD_FIELDS = ("identifier", "title_zh", "title_en", "status", "tier", "nature", "implemented_on", "published_on")
PAYLOAD_SEPARATOR = "\x1f"  # the ASCII unit separator; never in a cleaned catalogue value


def encode_payload(stored: dict[str, str]) -> bytes:
    return PAYLOAD_SEPARATOR.join(stored[name].replace(PAYLOAD_SEPARATOR, " ") for name in PAYLOAD_FIELDS).encode()


def decode_payload(data: bytes) -> dict[str, str]:
    return dict(zip(PAYLOAD_FIELDS, data.decode().split(PAYLOAD_SEPARATOR), strict=True))


def payload(row: dict[str, Any]) -> dict[str, str]:
    return {
        "identifier": row["identifier"], "title_zh": row.get("title_zh") or "", "title_en": row.get("title_en") or "",
        "status": row.get("status") or "", "tier": row["tier"], "nature": row.get("nature") or "",
        "implemented_on": _iso(row.get("implemented_on")), "published_on": _iso(row.get("published_on")),
    }


FRESH = "1"


def to_document(row: dict[str, Any], *, fresh: bool = True) -> tantivy.Document:
    """fresh: written by the catalogue's feed, not by a full rebuild (see tantivy_engine.ranked)."""
    title_zh = row.get("title_zh") or ""
    stored = payload(row)
    doc = tantivy.Document()
    doc.add_unsigned("sid", row["id"])
    doc.add_text("zh2", " ".join(char_bigrams(title_zh)))
    doc.add_text("zh3", " ".join(char_trigrams(title_zh)))
    doc.add_text("zh1", " ".join(cjk_unigrams(title_zh)))
    doc.add_text("en", " ".join([stored["title_en"], *latin_words(title_zh)]))
    doc.add_text("py", " ".join(syllable_pairs(title_zh)))
    doc.add_text("pyi", " ".join(initial_pairs(title_zh)))
    doc.add_text("num", " ".join(number_keys(row["identifier"])))
    facets = facet_values(row)
    for name, values in facets.items():
        for value in values:
            doc.add_text(name, value)
    if (combined := combined_value(facets)) != COMBINED_DEFAULT:
        doc.add_text(COMBINED, combined)
    for field, value in sparse_values(facets, row.get("region_code") or "").items():
        doc.add_text(field, value)
    organisations = {
        "org_responsible": [row.get("responsible_unit") or ""], "org_department": [row.get("competent_department") or ""],
        "org_drafting": list(row.get("drafting_units") or []),
    }
    for field, names in organisations.items():
        doc.add_text(field, name_tokens([str(name) for name in names]))
    for tag in row.get("tags") or []:
        doc.add_text(TAG_FILTERS["tag"], tag)
    if row["tier"] in COORDINATION_TIERS:
        doc.add_text(CO_TITLE, " ".join(units(title_zh)))  # each word once: coordination_query counts presence
        doc.add_text(CO_SCOPE, " ".join(units(row.get("scope") or "")))
    doc.add_text("sort_key", row.get("sort_key") or row["identifier"])
    published = stored["published_on"]
    doc.add_integer(PUBLISHED, _day(published))
    doc.add_integer(IMPLEMENTED, _day(stored["implemented_on"]))
    doc.add_float("tie", tie_weight(stored["status"], published))
    if fresh:
        doc.add_text("fresh", FRESH)
    doc.add_bytes("payload", encode_payload(stored))
    return doc


def meta_document(state: dict[str, Any]) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_unsigned("sid", META_ID)
    doc.add_bytes("payload", json.dumps(state).encode())
    return doc
