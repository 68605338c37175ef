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

import re

from .chinese import ChineseRules
from .international import InternationalRules
from .model import Identifier
from .scanner import UPPER
from .vocabulary import starts_international

# A European adoption of an ISO/IEC publication: "EN ISO 13849-1:2015", "BS EN ISO 9001:2015", "EN IEC 61000-6-2".
_REGIONAL = re.compile(r"((?:[A-Z]{2,4}[ -])?EN) (?=ISO|IEC)")
# An IEC committee document: "65/789/CDV", "61/6543/FDIS", "CISPR/I/570/CD" (committee/serial/kind).
_IEC_DOCUMENT = re.compile(r"((?:CISPR/)?(?:[0-9]+[A-Z]{0,2}|[A-Z]))/[0-9]+/[A-Z]{1,6}")


class Parser(ChineseRules, InternationalRules):
    """Parses one normalised identifier: `Parser(text, tables).parse()`."""

    __slots__ = ()

    def parse(self) -> Identifier:
        if not self.s:
            self.fail("empty", "an identifier")
        if (self.s[0] in "0123456789" or self.s.startswith("CISPR/")) and (match := _IEC_DOCUMENT.fullmatch(self.s)):
            group = match.group(1)
            committee = group if group.startswith("CISPR") else f"IEC {'SC' if group[-1] in UPPER else 'TC'} {group}"
            self.fail("committee_document", "an ISO or IEC publication", 0,
                      f'"{self.s}" is a working document of {committee}, not a publication',
                      committee=committee, document=self.s)
        regional = _REGIONAL.match(self.s) if "EN " in self.s[:7] else None
        if regional is not None:
            self.i = regional.end()
            adopted = self.international(nested=False).canonical
            self.fail("regional_adoption", "an ISO or IEC publication", 0,
                      f'"{self.s}" is a European adoption of {adopted}, not an ISO or IEC publication',
                      prefix=regional.group(1), adopted=adopted)
        ident = self.international(nested=False) if starts_international(self.s, self.i) else self.chinese()
        if self.i < len(self.s):
            self.fail("trailing_text", "the end of the identifier")
        return ident
