"""The declaration search index: one table in the site's own database, so it commits with the data it describes
and needs no other process. SQLite: an FTS5 table (rowid = declaration id); PostgreSQL: a table of tsvectors with a
GIN index. Both hold the same tokens (tokens.py) for published declarations only, and both answer a search newest
first (highest id first) by walking the matches in id order and stopping after one page, so a page costs the same
whether a word is rare or in every tenth declaration. Counts stop at COUNT_CAP.

Created by migration 0004_search_index; written by sync.py; read by selectors/search.py."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from .tokens import FLAGGED, Field, region_tokens

COUNT_CAP = 10_000


@dataclass(frozen=True)
class Match:
    """What a search asks of the index: every word (its pairs) in one of `fields`, the region, the flag."""

    words: Sequence[Sequence[str]] = ()
    fields: tuple[Field, ...] = tuple(Field)
    region: str = ""
    flagged: bool = False

    def __bool__(self) -> bool:
        return bool(self.words or self.region or self.flagged)


def _tokens(match: Match) -> list[str]:
    singles = region_tokens(match.region)[-1:] if match.region else []
    return singles + ([FLAGGED] if match.flagged else [])


def fts5_expression(match: Match) -> str:
    """FTS5 query syntax: phrases in double quotes (the tokens are letters, digits and "_" only)."""
    parts = []
    for word in match.words:
        phrases = [f'"{" ".join(f.value + pair for pair in word)}"' for f in match.fields]
        parts.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
    parts += [f'"{token}"' for token in _tokens(match)]
    return " AND ".join(parts)


def tsquery_expression(match: Match) -> str:
    """PostgreSQL tsquery input syntax (not to_tsquery: the lexemes are ours, unparsed): <-> joins a phrase."""
    parts = []
    for word in match.words:
        phrases = [" <-> ".join(f"'{f.value}{pair}'" for pair in word) for f in match.fields]
        parts.append("(" + " | ".join(f"({p})" for p in phrases) + ")")
    parts += [f"'{token}'" for token in _tokens(match)]
    return " & ".join(parts)


def tsvector_literal(document: str) -> str:
    """A document's tokens with their positions, as tsvector input (each token quoted, positions from 1)."""
    positions: dict[str, list[int]] = {}
    for position, token in enumerate(document.split(), 1):
        positions.setdefault(token, []).append(min(position, 16383))
    return " ".join(f"'{token}':{','.join(map(str, spots))}" for token, spots in positions.items())


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def matching_ids(match: Match, *, before: int | None, limit: int) -> list[int]:
    """Ids of published declarations matching, highest first, below `before` (keyset paging)."""
    if _is_sqlite():
        sql = "SELECT rowid FROM declarations_search WHERE declarations_search MATCH %s"
        params: list = [fts5_expression(match)]
        if before is not None:
            sql += " AND rowid < %s"
            params.append(before)
        sql += " ORDER BY rowid DESC LIMIT %s"
    else:
        sql = "SELECT declaration_id FROM declarations_search WHERE doc @@ %s::tsquery"
        params = [tsquery_expression(match)]
        if before is not None:
            sql += " AND declaration_id < %s"
            params.append(before)
        sql += " ORDER BY declaration_id DESC LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def matching_count(match: Match, *, cap: int = COUNT_CAP) -> int:
    """How many match, counted up to cap + 1 (a caller shows "10,000+" past the cap)."""
    if _is_sqlite():
        sql = "SELECT count(*) FROM (SELECT 1 FROM declarations_search WHERE declarations_search MATCH %s LIMIT %s)"
        params = [fts5_expression(match), cap + 1]
    else:
        sql = "SELECT count(*) FROM (SELECT 1 FROM declarations_search WHERE doc @@ %s::tsquery LIMIT %s) AS hits"
        params = [tsquery_expression(match), cap + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def write(documents: Iterable[tuple[int, str]]) -> None:
    """Put (declaration id, document) rows, replacing any earlier document of the same declaration."""
    rows = list(documents)
    if not rows:
        return
    delete([pk for pk, _doc in rows])
    insert(rows)


def insert(rows: list[tuple[int, str]]) -> None:
    """Put the documents of declarations that have none yet (just written, in the same transaction)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if _is_sqlite():
            cursor.executemany("INSERT INTO declarations_search (rowid, doc) VALUES (%s, %s)", rows)
        else:
            cursor.executemany("INSERT INTO declarations_search (declaration_id, doc) VALUES (%s, %s::tsvector)",
                               [(pk, tsvector_literal(doc)) for pk, doc in rows])


def delete(ids: Iterable[int]) -> None:
    ids = list(ids)
    sql = ("DELETE FROM declarations_search WHERE rowid = %s" if _is_sqlite()
           else "DELETE FROM declarations_search WHERE declaration_id = %s")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(pk,) for pk in ids])


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM declarations_search")


def optimize() -> None:
    """Merge the FTS5 segments into one after a bulk load (SQLite; PostgreSQL's GIN needs nothing)."""
    if _is_sqlite():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO declarations_search(declarations_search) VALUES ('optimize')")


def applied_event_id() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_event_id FROM declarations_search_state WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def set_applied_event_id(event_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE declarations_search_state SET last_event_id = %s WHERE id = 1", [event_id])
