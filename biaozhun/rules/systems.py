"""Standard systems (标准体系表): the tree of a system's nodes and its gap arithmetic. Pure: no Django.

A system is a tree of nodes, each with a code (``101``, ``101.2``, ``A-3``: letters, digits, ``.``, ``-`` and
``_``) unique in the system, a parent (none for a top node) and a position among its siblings. `build_tree` checks a
whole set of nodes at once (what an import or an edit would leave) and names every problem: an empty or malformed
code, a code given twice, a parent that is not in the system, a cycle.

Gaps of a node (each a set of ids, so that a roll-up up the tree counts a thing once however many nodes list it):

- missing: planned entries that neither a standard nor a project yet fills (`planned_is_missing`);
- outdated: assigned standards in force whose age (标龄) exceeds OUTDATED_AFTER_YEARS (`is_outdated`);
- not adopted: ISO/IEC editions in the node's ICS fields that no Chinese standard adopts (computed by the app from
  the adoption rate's candidates, given here as ids).

`rollup` adds each node's own sets to those of its subtree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# 标龄: a standard in force is outdated this many years after its implementation (or its last confirmation at
# periodic review, 复审确认, if later). The one place the threshold lives.
OUTDATED_AFTER_YEARS = 5
CODE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._\-]{0,39}")
MAX_DEPTH = 12


class Problem(StrEnum):
    BAD_CODE = "bad_code"
    DUPLICATE_CODE = "duplicate_code"
    UNKNOWN_PARENT = "unknown_parent"
    CYCLE = "cycle"
    TOO_DEEP = "too_deep"
    EMPTY_NAME = "empty_name"


@dataclass(frozen=True, slots=True)
class NodeRow:
    code: str
    parent: str = ""  # the parent's code; "" for a top node
    name: str = ""
    line: int = 0  # where it came from (a sheet's row), for messages


@dataclass(frozen=True, slots=True)
class TreeProblem:
    problem: Problem
    code: str
    line: int = 0
    other: str = ""  # the parent code, or the first line that gave the code


@dataclass
class Tree:
    """Codes in display order (depth first, siblings in the order given), with each one's parent and depth."""

    order: list[str] = field(default_factory=list)
    parent: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    depth: dict[str, int] = field(default_factory=dict)

    def subtree(self, code: str) -> list[str]:
        out, stack = [], [code]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self.children.get(current, [])))
        return out

    def ancestors(self, code: str) -> list[str]:
        out = []
        current = self.parent.get(code, "")
        while current:
            out.append(current)
            current = self.parent.get(current, "")
        return out


def normalise_code(code: str) -> str:
    return unicodedata.normalize("NFKC", str(code or "")).strip()


def build_tree(rows: Sequence[NodeRow]) -> tuple[Tree, list[TreeProblem]]:
    """The tree of `rows`, and every problem found (the tree is only meaningful when there are none)."""
    problems: list[TreeProblem] = []
    seen: dict[str, int] = {}
    kept: list[NodeRow] = []
    for row in rows:
        code = normalise_code(row.code)
        if not CODE_PATTERN.fullmatch(code):
            problems.append(TreeProblem(Problem.BAD_CODE, code, row.line))
            continue
        if not row.name.strip():
            problems.append(TreeProblem(Problem.EMPTY_NAME, code, row.line))
        if code in seen:
            problems.append(TreeProblem(Problem.DUPLICATE_CODE, code, row.line, str(seen[code])))
            continue
        seen[code] = row.line
        kept.append(NodeRow(code, normalise_code(row.parent), row.name, row.line))
    tree = Tree()
    for row in kept:
        if row.parent and row.parent not in seen:
            problems.append(TreeProblem(Problem.UNKNOWN_PARENT, row.code, row.line, row.parent))
            continue
        tree.parent[row.code] = row.parent
    # Cycles: follow parents from each node; a walk that comes back to a node already on it is a cycle.
    in_cycle: set[str] = set()
    for row in kept:
        path: list[str] = []
        current = row.code
        while current and current in tree.parent and current not in in_cycle:
            if current in path:
                cycle = path[path.index(current):]
                in_cycle.update(cycle)
                problems.append(TreeProblem(Problem.CYCLE, row.code, row.line, " → ".join([*cycle, current])))
                break
            path.append(current)
            current = tree.parent[current]
    for code in in_cycle:
        tree.parent.pop(code, None)
    for row in kept:
        if row.code in tree.parent:
            tree.children.setdefault(tree.parent[row.code], []).append(row.code)
    stack = [(code, 0) for code in reversed(tree.children.get("", []))]
    while stack:
        code, depth = stack.pop()
        tree.order.append(code)
        tree.depth[code] = depth
        if depth + 1 > MAX_DEPTH:
            problems.append(TreeProblem(Problem.TOO_DEEP, code, seen.get(code, 0), str(MAX_DEPTH)))
        stack.extend((child, depth + 1) for child in reversed(tree.children.get(code, [])))
    problems.sort(key=lambda p: (p.line, p.code))
    return tree, problems


def would_cycle(parents: Mapping[str, str], code: str, new_parent: str) -> bool:
    """Whether giving `code` the parent `new_parent` makes a cycle (the new parent is the node or below it)."""
    current = new_parent
    while current:
        if current == code:
            return True
        current = parents.get(current, "")
    return False


def age_start(implemented_on: date | None, published_on: date | None, confirmed_on: date | None) -> date | None:
    """Where 标龄 counts from: implementation (publication if unknown), or a later confirmation at review."""
    start = implemented_on or published_on
    if confirmed_on is not None and (start is None or confirmed_on > start):
        start = confirmed_on
    return start


def age_in_years(start: date | None, today: date) -> int | None:
    """Whole years from `start` to `today` (None when unknown)."""
    if start is None:
        return None
    years = today.year - start.year - ((today.month, today.day) < (start.month, start.day))
    return max(years, 0)


def is_outdated(start: date | None, today: date, years: int = OUTDATED_AFTER_YEARS) -> bool:
    """Older than `years` whole years: implemented 2019-06-01, today 2024-06-01 is 5 years, not over 5;
    2024-06-02 is over."""
    if start is None:
        return False
    try:
        limit = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + years, day=28)
    return today > limit


def squeeze_title(text: str) -> str:
    """A title compared with others: NFKC, case folded, without spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in text if ch.isalnum())


def number_key(text: str) -> str:
    """A standard number or plan number compared with others: NFKC, upper case, no spaces, no year."""
    text = unicodedata.normalize("NFKC", text or "").upper().replace(" ", "")
    return re.sub(r"-(19|20)\d\d$", "", text)


def planned_is_missing(*, title: str, number: str, filled_titles: Iterable[str], filled_numbers: Iterable[str]) -> bool:
    """A planned entry is missing until a standard or project fills it: one with its number (a standard's number
    without year, or a plan number), or, when it has no number, one of the node's assigned standards or projects
    with its title (spaces, punctuation and case ignored)."""
    key = number_key(number)
    if key:
        return key not in {number_key(n) for n in filled_numbers}
    wanted = squeeze_title(title)
    return not wanted or wanted not in {squeeze_title(t) for t in filled_titles}


@dataclass(frozen=True)
class Gaps:
    missing: frozenset[int] = frozenset()
    outdated: frozenset[int] = frozenset()
    not_adopted: frozenset[int] = frozenset()
    standards: frozenset[int] = frozenset()
    projects: frozenset[int] = frozenset()
    planned: frozenset[int] = frozenset()

    def __or__(self, other: Gaps) -> Gaps:
        return Gaps(self.missing | other.missing, self.outdated | other.outdated,
                    self.not_adopted | other.not_adopted, self.standards | other.standards,
                    self.projects | other.projects, self.planned | other.planned)

    def counts(self) -> dict[str, int]:
        return {"standards": len(self.standards), "projects": len(self.projects), "planned": len(self.planned),
                "missing": len(self.missing), "outdated": len(self.outdated), "not_adopted": len(self.not_adopted)}

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.outdated) + len(self.not_adopted)


def rollup(tree: Tree, own: Mapping[str, Gaps]) -> dict[str, Gaps]:
    """Each node's gaps with those of its whole subtree (ids counted once)."""
    out: dict[str, Gaps] = {}
    for code in reversed(tree.order):  # children before parents
        total = own.get(code, Gaps())
        for child in tree.children.get(code, []):
            total = total | out[child]
        out[code] = total
    return out


def system_total(tree: Tree, rolled: Mapping[str, Gaps]) -> Gaps:
    total = Gaps()
    for code in tree.children.get("", []):
        total = total | rolled[code]
    return total
