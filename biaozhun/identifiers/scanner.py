"""Scanner shared by the Chinese and the ISO/IEC rules: position, helpers, errors, years."""

from __future__ import annotations

import re
from typing import NoReturn

from .model import IdentifierError
from .tables import CodeTables

LETTERS = re.compile(r"[A-Z]+")
DIGITS = re.compile(r"[0-9]+")
UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
DIGIT = frozenset("0123456789")
_ALL_PARTS = (" (ALL PARTS)", "(ALL PARTS)", " (所有部分)", "(所有部分)")
YEAR_EXPECTED = "a year (4 digits, or 2 digits for 1950-1999)"


def as_year(group: str) -> int | None:
    """4 digits in 1900-2099, or 2 digits 50-99 read as 19xx; None otherwise."""
    if len(group) == 4:
        year = int(group)
        return year if 1900 <= year <= 2099 else None
    if len(group) == 2:
        year = int(group)
        return 1900 + year if year >= 50 else None
    return None


class Scanner:
    """Position in one normalised identifier and the low-level reading steps."""

    __slots__ = ("i", "s", "tables")

    def __init__(self, text: str, tables: CodeTables) -> None:
        self.s = text
        self.i = 0
        self.tables = tables

    def found(self, pos: int) -> str | None:
        if pos >= len(self.s):
            return None
        match = LETTERS.match(self.s, pos) or DIGITS.match(self.s, pos)
        return match.group() if match else self.s[pos]

    def fail(self, code: str, expected: str, pos: int | None = None, reason: str | None = None,
             **params: str) -> NoReturn:
        """Raise IdentifierError ``code`` (model.ERROR_CODES) at ``pos`` (default: here)."""
        pos = self.i if pos is None else pos
        raise IdentifierError(pos, expected, self.found(pos), reason, code=code, params=params)

    def letters(self, pos: int | None = None) -> str:
        match = LETTERS.match(self.s, self.i if pos is None else pos)
        return match.group() if match else ""

    def digits(self) -> str:
        match = DIGITS.match(self.s, self.i)
        if not match:
            return ""
        self.i = match.end()
        return match.group()

    def char(self, offset: int = 0) -> str:
        pos = self.i + offset
        return self.s[pos : pos + 1]

    def char_at(self, pos: int) -> str:
        return self.s[pos : pos + 1]

    def at(self, literal: str) -> bool:
        return self.s.startswith(literal, self.i)

    def year(self) -> int:
        pos = self.i
        year = as_year(self.digits())
        if year is None:
            self.fail("year", YEAR_EXPECTED, pos)
        return year

    def all_parts(self, allowed: bool) -> bool:
        for text in _ALL_PARTS:
            if self.at(text):
                if not allowed:
                    self.fail("all_parts_after_dated", "the end of the identifier",
                              reason="'(all parts)' follows only an undated number")
                self.i += len(text)
                return True
        return False
