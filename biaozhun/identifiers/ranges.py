"""Part ranges: "GB/T 1234.1~7-2005" names the parts 1 to 7 of a series, not one standard.

parse() refuses such text with the code "part_range" (its params name the first and last part and how many there
are), so that nothing stores a range as if it were one number. A consumer that looks numbers up may instead expand
the range into its parts: the validity check does (docs/decisions/0009-real-world-import.md).
"""

from __future__ import annotations

from dataclasses import replace

from .api import parse
from .model import Identifier, IdentifierError
from .tables import CodeTables

MAX_RANGE_PARTS = 50  # a longer range is refused rather than expanded (none is known beyond a few dozen parts)


def expand_part_range(text: str, tables: CodeTables | None = None) -> list[Identifier] | None:
    """The parts a range names, in order; None when `text` is not a part range (parse it as usual).
    Raises the parse error for a range longer than MAX_RANGE_PARTS or one that parse() refuses otherwise."""
    try:
        parse(text, tables)
    except IdentifierError as error:
        if error.code != "part_range":
            return None
        count = int(error.params["count"])
        if count > MAX_RANGE_PARTS:
            raise
        first = parse(error.params["first"], tables)
        segments = (first.part or "").split(".")
        start = int(segments[-1])
        return [replace(first, part=".".join([*segments[:-1], str(start + k)])) for k in range(count)]
    return None
