"""Validity check (标准查新): for each cited number, its status and the edition in force that replaces it.

Labs and enterprises paste or upload the standards they cite (up to MAX_LINES); each line gets the canonical
number or what is wrong with it (in the reader's language, with the parser's stable code), the edition found, its status and dates, and the edition in force reached by
following whole replacements through as many editions as it takes. Everything is fetched in a few batched
queries, so 10,000 numbers take well under the 2-second budget.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date

from biaozhun.core.bulk import select_in
from biaozhun.identifiers import Identifier, IdentifierError, expand_part_range, parse

from .identifier_messages import identifier_message
from .models import RelationKind, Standard, StandardRelation, Status
from .records import edition_key

MAX_LINES = 10_000
MAX_CHAIN = 20
_SPLIT = re.compile(r"[\s\u3000]+")
COLUMNS = ["id", "identifier", "edition", "undated", "year", "title_zh", "title_en", "status", "published_on",
           "implemented_on", "abolished_on", "status_by"]


@dataclass
class Edition:
    id: int
    identifier: str
    edition: str
    undated: str
    year: int | None
    title_zh: str
    title_en: str
    status: str
    published_on: date | None
    implemented_on: date | None
    abolished_on: date | None
    status_by: str

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


@dataclass
class CheckedLine:
    line: int
    text: str
    canonical: str = ""
    error: str = ""  # what is wrong with the number, in the active language
    error_code: str = ""  # IdentifierError.code (biaozhun.identifiers.ERROR_CODES)
    found: Edition | None = None
    chain: list[Edition] = field(default_factory=list)  # editions that replaced `found`, oldest first

    @property
    def in_force(self) -> Edition | None:
        """The edition to cite today: `found` itself if in force, else the last of the chain in force."""
        for edition in [self.found, *reversed(self.chain)] if self.found else []:
            if edition.status in (Status.CURRENT, Status.UPCOMING):
                return edition
        return None

    @property
    def outcome(self) -> str:
        """A stable code for the result: error, not_found, valid, upcoming, replaced, abolished."""
        if self.error:
            return "error"
        if self.found is None:
            return "not_found"
        if self.found.status == Status.CURRENT:
            return "valid"
        if self.found.status == Status.UPCOMING:
            return "upcoming"
        if self.found.status == Status.REPLACED:
            return "replaced"
        return "abolished"


def split_lines(text: str) -> list[str]:
    """Non-empty lines of pasted text, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _identify(text: str) -> Identifier:
    """The number at the start of a line; a title or note may follow it ("GB/T 19001-2016 质量管理体系 要求")."""
    try:
        return parse(text)
    except IdentifierError as first_error:
        tokens = _SPLIT.split(text)
        for count in range(min(len(tokens) - 1, 5), 0, -1):
            try:
                return parse(" ".join(tokens[:count]))
            except IdentifierError:
                continue
        raise first_error from None


def _identified(line: int, text: str, room: int) -> list[tuple[CheckedLine, Identifier | None]]:
    """The result(s) of one line: one, or one per part of a part range ("GB/T 1234.1~7-2005") while `room` lasts."""
    try:
        ident = _identify(text)
    except IdentifierError as exc:
        parts = None
        if exc.code == "part_range":
            with suppress(IdentifierError):
                parts = expand_part_range(text)
        if parts and len(parts) <= room:
            return [(CheckedLine(line=line, text=text, canonical=part.canonical), part) for part in parts]
        return [(CheckedLine(line=line, text=text, error=identifier_message(exc), error_code=exc.code), None)]
    return [(CheckedLine(line=line, text=text, canonical=ident.canonical), ident)]


def check_lines(lines: list[str]) -> list[CheckedLine]:
    """Check up to MAX_LINES lines (callers refuse longer input with a clear message). A part range gives one
    result per part, all with the range's line, as long as the results stay within MAX_LINES."""
    checked: list[tuple[CheckedLine, Identifier | None]] = []
    for number, text in enumerate(lines[:MAX_LINES], start=1):
        checked += _identified(number, text, MAX_LINES - len(checked) - (len(lines[:MAX_LINES]) - number))
    results = [result for result, _ident in checked]
    idents = {id(result): ident for result, ident in checked if ident is not None}

    dated_keys = {edition_key(i) for i in idents.values() if i.year is not None}
    undated_keys = {i.undated for i in idents.values() if i.year is None}
    by_edition = {e.edition: e for e in _editions("edition", dated_keys)}
    by_undated: dict[str, list[Edition]] = {}
    for edition in _editions("undated", undated_keys):
        by_undated.setdefault(edition.undated, []).append(edition)

    for result in results:
        ident = idents.get(id(result))
        if ident is None:
            continue
        if ident.year is not None:
            result.found = by_edition.get(edition_key(ident))
        else:
            result.found = _preferred(by_undated.get(ident.undated, []))
    _follow_replacements(results)
    return results


def _editions(key: str, values: set[str]) -> list[Edition]:
    return [Edition(*row) for row in select_in(Standard, key, values, COLUMNS)] if values else []


def _preferred(editions: list[Edition]) -> Edition | None:
    """For an undated citation: the edition in force, else the newest."""
    if not editions:
        return None
    rank = {Status.CURRENT: 0, Status.UPCOMING: 1, Status.REPLACED: 2, Status.ABOLISHED: 3}
    return min(editions, key=lambda e: (rank[Status(e.status)], -(e.year or 0)))


def _follow_replacements(results: list[CheckedLine]) -> None:
    """Walk whole replacements forward, one batched query per step, until editions are no longer replaced."""
    frontier = {r.found.id for r in results if r.found and r.found.status == Status.REPLACED}
    successor: dict[int, Edition] = {}
    seen = set(frontier)
    for _step in range(MAX_CHAIN):
        if not frontier:
            break
        pairs = StandardRelation.objects.filter(
            kind=RelationKind.REPLACES, partial=False, target_id__in=frontier
        ).values_list("target_id", "source_id")
        sources = {source: target for target, source in pairs}
        editions = {e.id: e for e in _editions_by_id(set(sources))}
        frontier = set()
        for source_id, target_id in sources.items():
            edition = editions[source_id]
            current = successor.get(target_id)
            # Several replacing editions: follow the newest.
            if current is None or (edition.year or 0) > (current.year or 0):
                successor[target_id] = edition
            if edition.status == Status.REPLACED and source_id not in seen:
                seen.add(source_id)
                frontier.add(source_id)
    for result in results:
        if result.found is None:
            continue
        current_id = result.found.id
        while current_id in successor and len(result.chain) < MAX_CHAIN:
            nxt = successor[current_id]
            result.chain.append(nxt)
            current_id = nxt.id


def _editions_by_id(ids: set[int]) -> list[Edition]:
    return [Edition(*row) for row in select_in(Standard, "id", ids, COLUMNS)] if ids else []
