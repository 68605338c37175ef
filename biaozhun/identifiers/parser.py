"""Recursive-descent parser over normalised text. Every failure names its position and what was expected.

Grammar (after normalise(); rules in chinese.py and international.py, helpers in scanner.py):
    identifier    := chinese | international
    chinese       := head [" " | "-"] number [("-" | ":") year] xg* [adoption xg*] [all-parts]
    head          := national | industry | local | group | enterprise   (see the *_head methods)
    adoption      := "/" international | " IDT " international
    xg            := "/XG" digits ["-" year]
    international := publishers [stage] [type] [" "] digits ("-" digits)* [":" year] supplements [all-parts]
    year          := 4 digits in 1900-2099 | 2 digits in 50-99 (= 19xx)
"""

from __future__ import annotations

from .chinese import ChineseRules
from .international import InternationalRules
from .model import Identifier
from .vocabulary import starts_international


class Parser(ChineseRules, InternationalRules):
    """Parses one normalised identifier: `Parser(text, tables).parse()`."""

    __slots__ = ()

    def parse(self) -> Identifier:
        if not self.s:
            self.fail("empty", "an identifier")
        ident = self.international(nested=False) if starts_international(self.s, self.i) else self.chinese()
        if self.i < len(self.s):
            self.fail("trailing_text", "the end of the identifier")
        return ident
