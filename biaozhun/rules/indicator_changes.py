"""What a new set of indicator rows changed against the rows it replaces. Pure: no Django.

Rows are matched by indicator name (spaces and case ignored), the n-th row of a name with the n-th row of the same
name, so moving rows changes nothing and two rows named alike stay apart. A row whose name is new is added, one
whose name is gone is removed, and a matched row whose other fields differ is changed, with each such field's old
and new value. Renaming a row is a removal and an addition: the name is what a reader follows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

FIELDS = ("name", "unit", "chinese_value", "foreign_value", "chinese_method", "foreign_method", "remark")

Row = Mapping[str, str]


@dataclass(frozen=True)
class Changes:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)  # {"name": …, "fields": {field: [old, new]}}

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_data(self) -> dict:
        return {"added": self.added, "removed": self.removed, "changed": self.changed}


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


def _keyed(rows: Sequence[Row]) -> dict[tuple[str, int], Row]:
    seen: dict[str, int] = {}
    keyed = {}
    for row in rows:
        key = _key(row.get("name", ""))
        seen[key] = seen.get(key, 0) + 1
        keyed[(key, seen[key])] = row
    return keyed


def changes(before: Sequence[Row], after: Sequence[Row]) -> Changes:
    old, new = _keyed(before), _keyed(after)
    result = Changes(added=[row.get("name", "") for key, row in new.items() if key not in old],
                     removed=[row.get("name", "") for key, row in old.items() if key not in new])
    for key, row in new.items():
        was = old.get(key)
        if was is None:
            continue
        differ = {name: [was.get(name, ""), row.get(name, "")] for name in FIELDS[1:]
                  if was.get(name, "") != row.get(name, "")}
        if differ:
            result.changed.append({"name": row.get("name", ""), "fields": differ})
    return result
