"""The validation pass's result: which lines are refused and why, which are folded into an earlier line of the
same edition, and the merged records that replace first lines. The write pass follows it line by line.

Both validation paths (serial, and the worker processes of parallel.py) feed a `Collector` in file order; its
`finish` resolves duplicates across the whole file, so two records of one edition in different chunks are found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from biaozhun.catalog.records import RecordCleaner, StandardRecord

from .duplicates import Line, Seen, merge_group
from .readers import read_records

MAX_STORED_ERRORS = 1000


@dataclass(slots=True)
class Plan:
    count: int = 0  # records read (blank lines are not records)
    problems: dict[Line, list[dict]] = field(default_factory=dict)  # refused line → its problems (all, or the first)
    total_errors: int = 0
    refused: int = 0  # records with at least one problem
    folded: set[Line] = field(default_factory=set)  # later lines of an edition, folded into its first line
    merged: dict[Line, StandardRecord] = field(default_factory=dict)  # first line → the merged record
    identical: int = 0  # lines folded because they repeat an earlier line exactly
    _order: dict[Line, int] = field(default_factory=dict, compare=False)  # line → place in the file

    @property
    def dropped(self) -> set[Line]:
        """Lines the write pass leaves out: refused ones and folded ones."""
        return self.folded | self.problems.keys()

    @property
    def kept(self) -> int:
        """Records the write pass writes."""
        return self.count - self.refused - len(self.folded)

    def errors(self, limit: int = MAX_STORED_ERRORS) -> list[dict]:
        """The first `limit` problems, in file order."""
        out: list[dict] = []
        for line in sorted(self.problems, key=self._order.__getitem__):
            out.extend(self.problems[line][: limit - len(out)])
            if len(out) >= limit:
                break
        return out


class Collector:
    """Builds a Plan from records met in file order. `keep_all`: keep every refused line's problems (needed to
    write a rejects file); otherwise only the first MAX_STORED_ERRORS are kept and the rest counted."""

    def __init__(self, *, keep_all: bool) -> None:
        self.plan = Plan()
        self.keep_all = keep_all
        self.seen: dict[int, Seen] = {}

    def _stored(self) -> int:
        return sum(len(p) for p in self.plan.problems.values())

    def refused(self, line: Line, order: int, problems: list[dict]) -> None:
        plan = self.plan
        plan.total_errors += len(problems)
        plan.refused += 1
        if self.keep_all or len(plan.problems) < MAX_STORED_ERRORS:
            plan.problems[line] = problems
            plan._order[line] = order

    def valid(self, line: Line, order: int, edition_hash: int, content: int) -> None:
        seen = self.seen.get(edition_hash)
        if seen is None:
            self.seen[edition_hash] = seen = Seen()
        seen.entries.append((order, line, content))

    def finish(self, path: Path, fmt: str, cleaner: RecordCleaner) -> Plan:
        """Resolve the editions met more than once; reads again only the records of groups that differ."""
        plan, wanted = self.plan, {}
        for seen in self.seen.values():
            if len(seen.entries) < 2:
                continue
            if seen.identical:
                plan.folded.update(line for _order, line, _content in seen.entries[1:])
                plan.identical += len(seen.entries) - 1
            else:
                wanted.update({line: order for order, line, _content in seen.entries})
        self.seen = {}
        if wanted:
            self._merge(path, fmt, cleaner, wanted)
        return plan

    def _merge(self, path: Path, fmt: str, cleaner: RecordCleaner, wanted: dict[Line, int]) -> None:
        groups: dict[str, list[tuple[Line, StandardRecord]]] = {}
        for line, raw in read_records(path, fmt):
            if line in wanted:
                record, _errors = cleaner.clean(raw)
                groups.setdefault(record.edition, []).append((line, record))
        for records in groups.values():
            if len(records) < 2:  # its edition hash matched another edition's: not a duplicate
                continue
            result = merge_group(records)
            if result.record is None:
                for line, problems in result.conflicts.items():
                    self.refused(line, wanted[line], problems)
                continue
            self.plan.merged[records[0][0]] = result.record
            self.plan.folded.update(line for line, _record in records[1:])
