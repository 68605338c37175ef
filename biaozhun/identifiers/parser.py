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
from .model import Identifier, IdentifierError
from .scanner import DIGIT, UPPER
from .vocabulary import CYRILLIC_WORDS, starts_international

# A European adoption of an ISO/IEC publication: "EN ISO 13849-1:2015", "BS EN ISO 9001:2015", "EN IEC 61000-6-2".
_REGIONAL = re.compile(r"((?:[A-Z]{2,4}[ -])?EN) (?=ISO|IEC)")
# An IEC committee document: "65/789/CDV", "100/3705(F)/FDIS", "82/1856B/RVN", "100/3644", "CISPR/I/570/CD",
# "CIS/D/468A/CC", "SyCSmartEnergy/158/Q", "JTC1-SC41/250/RVC", "ACEA/284/DC" (committee/serial[/kind]).
_IEC_DOCUMENT = re.compile(
    r"((?:CISPR/)?(?:[0-9]+[A-Z]{0,2}|[A-Z])|CISPR|CIS/[A-Z]|SYC[A-Z]+|JTC1-SC[0-9]+|AC[A-Z]{2,4})"
    r"/[0-9]+[A-Z]?(?:\([A-Z]\))?(?:/[A-Z]{1,6})?")
_DOCUMENT_STARTS = ("CI", "SY", "JT", "AC")
# Texts that are not ISO/IEC publications, recognised only after the grammar refused them (decision 0033):
# a CEN draft of an EN ISO ("FprISO 10140-4"), another body's publication, IEC conformity-assessment documents.
_CEN_DRAFT = re.compile(r"(FPR|PR) ?(?:EN )?(?=ISO|IEC)")
_OTHER_PUBLISHER = re.compile(r"(JCGM|CENELEC|CEN|CLC|EN)(?![A-Z])")
_CONFORMITY = re.compile(r"(IECQ|IECEE|IECEX|IECRE)(?![A-Z])")
# Written the other way round: "Guide ISO/CEI 37" (French order), "WD/ISO 10360-2" (stage before publisher).
_GUIDE_FIRST = re.compile(r"GUIDE ((?:ISO|IEC)(?:/(?:ISO|IEC|CEI))?) ")
_STAGE_FIRST = re.compile(r"(PWI|NP|AWI|WD|CD|DIS|FDIS|PRF)/(ISO|IEC)(?![A-Z])")
_CYRILLIC_WORD = re.compile(r"[А-ЯЁа-яё]+")


class Parser(ChineseRules, InternationalRules):
    """Parses one normalised identifier: `Parser(text, tables).parse()`."""

    __slots__ = ()

    def parse(self) -> Identifier:
        if not self.s:
            self.fail("empty", "an identifier")
        if (self.s[0] in DIGIT or self.s[:2] in _DOCUMENT_STARTS) and (match := _IEC_DOCUMENT.fullmatch(self.s)):
            self.iec_document(match.group(1))
        regional = _REGIONAL.match(self.s) if "EN " in self.s[:7] else None
        if regional is not None:
            self.i = regional.end()
            adopted = self.international(nested=False).canonical
            self.fail("regional_adoption", "an ISO or IEC publication", 0,
                      f'"{self.s}" is a European adoption of {adopted}, not an ISO or IEC publication',
                      prefix=regional.group(1), adopted=adopted)
        if starts_international(self.s, self.i):
            ident = self.international(nested=False)
        else:
            try:
                ident = self.chinese()
            except IdentifierError as error:
                return self.other_forms(error)
        if self.i < len(self.s):
            self.fail("trailing_text", "the end of the identifier")
        return ident

    def iec_document(self, group: str) -> None:
        if group.startswith("CIS"):
            committee = "CISPR" + group[3:] if group.startswith("CIS/") else group
        elif group.startswith("JTC1-"):
            committee = f"ISO/IEC JTC 1/SC {group[7:]}"
        elif group[0] in DIGIT:
            committee = f"IEC {'SC' if group[-1] in UPPER else 'TC'} {group}"
        elif group.startswith("SYC"):
            committee = f"IEC SyC {group[3:]}"  # a systems committee, not a technical one
        else:
            committee = f"IEC {group}"
        self.fail("committee_document", "an ISO or IEC publication", 0,
                  f'"{self.s}" is a working document of {committee}, not a publication',
                  committee=committee, document=self.s)

    def other_forms(self, error: IdentifierError) -> Identifier:
        """After the grammar refused the text: ISO/IEC numbers written in Russian ("ИСО/МЭК ТО 19791"), in French
        order ("Guide ISO/CEI 37") or with the stage first ("WD/ISO 10360-2") read as such; what is not an ISO/IEC
        publication is refused saying what it is; anything else keeps the grammar's error."""
        s = self.s
        if _CYRILLIC_WORD.search(s):
            latin = _CYRILLIC_WORD.sub(lambda m: CYRILLIC_WORDS.get(m.group().upper(), m.group()), s)
            if latin != s:
                return self.reread(latin)
        if (match := _GUIDE_FIRST.match(s)) is not None:
            return self.reread(f"{match.group(1)} GUIDE {s[match.end():]}")
        if (match := _STAGE_FIRST.match(s)) is not None:
            return self.reread(f"{match.group(2)}/{match.group(1)}{s[match.end():]}")
        if (match := _IEC_DOCUMENT.fullmatch(s)) is not None:
            self.iec_document(match.group(1))
        if (match := _CEN_DRAFT.match(s)) is not None:
            self.i = match.end()
            adopted = self.international(nested=False).canonical
            self.fail("regional_adoption", "an ISO or IEC publication", 0,
                      f'"{s}" is a CEN draft of the European adoption of {adopted}, not an ISO or IEC publication',
                      prefix="Fpr" if match.group(1) == "FPR" else "pr", adopted=adopted)
        if (match := _CONFORMITY.match(s)) is not None:
            self.conformity_assessment(match.group(1))
        if (match := _OTHER_PUBLISHER.match(s)) is not None:
            self.fail("other_publisher", "an ISO or IEC publication", 0,
                      f'"{s}" is a publication of {match.group(1)}, not an ISO or IEC publication',
                      publisher=match.group(1), document=s)
        raise error

    def reread(self, text: str) -> Identifier:
        """Parse a respelt text (error positions then refer to it)."""
        return Parser(text, self.tables).parse()
