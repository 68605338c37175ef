"""ISO/IEC identifiers: publishers, deliverable types, draft stages, parts, years and supplements."""

from __future__ import annotations

from .enums import Tier
from .model import Identifier, Supplement
from .scanner import DIGIT, UPPER, Scanner
from .vocabulary import (
    CO_PUBLISHERS,
    COMBINED_STAGES,
    DRAFT_SUPPLEMENTS,
    STAGES,
    SUPPLEMENT_KINDS,
    SUPPLEMENT_STAGES,
    TYPES,
    international_prefix,
)


class InternationalRules(Scanner):
    """Methods for ISO/IEC identifiers (also used for the adopted half of a double number)."""

    __slots__ = ()

    def international(self, nested: bool) -> Identifier:
        lead = self.letters()[:3]
        self.i += len(lead)
        publishers, doc_type, stage = [lead], None, None
        glued = self.char() in UPPER  # "IECTS 62443": the separator was lost
        while lead != "IWA" and (glued or self.char() in ("/", " ")):
            sep, word = ("", self.letters()) if glued else (self.char(), self.letters(self.i + 1))
            glued = False
            if sep == "/" and word in CO_PUBLISHERS and word not in publishers and doc_type is None and stage is None:
                publishers.append(word)
            elif doc_type is None and word in TYPES:
                doc_type = TYPES[word]
            elif doc_type is None and stage is None and word in STAGES:
                stage = word
            elif doc_type is None and stage is None and word in COMBINED_STAGES:
                stage, doc_type = word, COMBINED_STAGES[word]
            else:
                break
            self.i += len(sep) + len(word)
        prefix = international_prefix(tuple(publishers), doc_type)
        if self.char() == " ":
            self.i += 1
        number = self.digits()
        if not number:
            self.fail("number", f'a number after "{prefix}"', prefix=prefix)
        parts = []
        while self.char() == "-" and self.char(1) in DIGIT:
            self.i += 1
            parts.append(self.digits())
        year = None
        if self.char() == ":":
            self.i += 1
            year = self.year()
        elif parts and len(parts[-1]) == 4 and 1947 <= int(parts[-1]) <= 2099:
            year = int(parts.pop())  # "ISO 9001-2015", common in Chinese text, means ISO 9001:2015
        start = self.i
        supplements, supplement_stage = self.international_supplements(publishers[0] == "IEC", year)
        if supplements and stage is not None:
            self.fail("stage_with_amendment", "the end of the identifier", start, "a draft stage cannot carry amendments")
        all_parts = not nested and self.all_parts(year is None and not supplements)
        co_publishers = tuple(publishers) if len(publishers) > 1 else ()
        return Identifier(
            Tier.INTERNATIONAL, prefix, number, None, "-".join(parts) or None, year, None, None, None,
            tuple(supplements), stage or supplement_stage, co_publishers, None, all_parts,
        )  # fmt: skip

    def supplement_number(self) -> str:
        if self.char() in (".", " ") and self.char(1) in DIGIT:
            self.i += 1
        number = self.digits()
        if not number:
            self.fail("amendment_number", "the number of the amendment")
        return number

    def international_supplements(self, iec: bool, year: int | None) -> tuple[list[Supplement], str | None]:
        supplements: list[Supplement] = []
        if self.char() == "+":
            if not iec or year is None:
                self.fail("consolidation_undated", "the end of the identifier",
                          reason="'+AMD' consolidation follows only a dated IEC number")
            while self.char() == "+":
                self.i += 1
                word = self.letters()
                if word not in ("AMD", "A"):
                    self.fail("consolidation_amd", 'AMD after "+"')
                self.i += len(word)
                number = self.supplement_number()
                if self.char() != ":":
                    self.fail("amendment_year", '":" and the year of the amendment')
                self.i += 1
                supplements.append(Supplement("csv", number, self.year()))
            if self.at(" CSV"):
                self.i += 4
        stage = None
        while self.char() == "/":
            start, word = self.i, self.letters(self.i + 1)
            after = start + 1 + len(word)
            this_stage, kind = None, SUPPLEMENT_KINDS.get(word)
            if kind is None and not iec:
                if word in DRAFT_SUPPLEMENTS:
                    this_stage, kind = DRAFT_SUPPLEMENTS[word]
                elif word in SUPPLEMENT_STAGES and self.s.startswith(" ", after):
                    inner = self.letters(after + 1)
                    if inner in ("AMD", "COR"):
                        this_stage, kind, after = word, SUPPLEMENT_KINDS[inner], after + 1 + len(inner)
            if kind is None:
                break
            if year is None:
                self.fail("amendment_undated", "a year before the amendment", start,
                          "an amendment follows only a dated number")
            if stage is not None:
                self.fail("draft_amendment_last", "the end of the identifier", start, "a draft amendment must come last")
            self.i = after
            number = self.supplement_number()
            year_of = None
            if self.char() == ":":
                self.i += 1
                year_of = self.year()
            supplements.append(Supplement(kind, number, year_of))
            stage = this_stage
        return supplements, stage
