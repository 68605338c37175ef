"""ISO/IEC identifiers: publishers, deliverable types, draft stages, parts, iterations, years and supplements;
then the suffixes: joint IDF number, IEC value-added versions, edition, languages (decision 0033)."""

from __future__ import annotations

import re
from typing import NoReturn

from .enums import Tier
from .model import NO_SUFFIXES, Identifier, Suffixes, Supplement
from .scanner import DIGIT, DIGITS, UPPER, Scanner
from .vocabulary import (
    CO_PUBLISHERS,
    COMBINED_STAGES,
    COMMITTEE_WORDS,
    DIRECTIVE_WORDS,
    DRAFT_SUPPLEMENTS,
    IEC_LEADS,
    IEC_SUPPLEMENT_KINDS,
    INTERNATIONAL_LEADS,
    LANGUAGE_LETTERS,
    LANGUAGE_ORDER,
    LANGUAGES,
    LEADING_CO_PUBLISHERS,
    SPELLED_DRAFT_STAGES,
    STAGE_ALIASES,
    STAGES,
    SUPPLEMENT_KINDS,
    SUPPLEMENT_STAGES,
    TYPES,
    international_prefix,
)

_PART = re.compile(r"[A-Z0-9]+")
# a part segment that is really a supplement: "-AMD1", "-COR 1" (a bare "-AMD" stays a part: IEC 60034-1-AMD)
SUPPLEMENT_SEGMENT = re.compile(r"(?:AMD|COR|ISH|ADD|ADDENDUM|SUPPL|SUP|SUPPLEMENT|EXT)(?:[0-9]+|(?=[ .][0-9]))")
_ROMAN = {
    "I": "1", "II": "2", "III": "3", "IV": "4", "V": "5", "VI": "6", "VII": "7", "VIII": "8", "IX": "9", "X": "10",
}  # fmt: skip (old ISO/R parts: ISO/R 300/III)
_BRACKETED_PART = re.compile(r" ?\(([0-9]+)\)")
_SPACED_PART = re.compile(r" ([A-Z][0-9]{2})(?=$|[:/ (-])")
_EDITION = re.compile(r"(?:, ?| \(?|\()(?:EDITION|ED)(?![A-Z])\.? ?")
_EDITION_NUMBER = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
_ORDINAL_EDITION = re.compile(r" ?\((?:([1-9])(?:ST|ND|RD|TH)|(FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH"
                              r"|TENTH)) EDITION\)")
_ORDINALS = {word: str(n) for n, word in enumerate(
    ("FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH", "EIGHTH", "NINTH", "TENTH"), start=1)}
_VAP = re.compile(r" (CSV|RLV|CMV|EXV|SER|PAC|PRV|DB)(?![A-Z0-9])")
_LANGUAGES = re.compile(r" ?\(([A-Z]{1,2}(?:(?:[,/;+\-] ?| )[A-Z]{1,2})*)\)")
_LANGUAGE_CODE = re.compile(r"[A-Z]+")
_JOINT = re.compile(r" ?[|/] ?(IDF) ?")
_N_DOCUMENT = re.compile(r"[ /,]N ?([0-9]+)")
# An IEC committee document after the committee's name: "IEC TC 57/2100/CD", "IEC SC 65A/1234(F)/FDIS".
_IEC_SERIAL = re.compile(r"/([0-9]+[A-Z]?(?:\([A-Z]\))?(?:/[A-Z]{1,6})?)$")
_DIRECTIVES_AFTER = re.compile(r"[ /](?:DIR|DIRECTIVES?|SUP|SUPPLEMENT)(?![A-Z])")  # ISO/IEC JTC 1 DIR, ... JTC 1 SUP
_LANGUAGE_RANK = {code: rank for rank, code in enumerate(LANGUAGE_ORDER)}
_LETTER_PART = re.compile(r"/(?![IVX](?:$|[^A-Z]))[A-Z](?=$|[: (])")
_OLD_IEC_NUMBERS = 2000  # before 1997 IEC numbers had no 60000: IEC 529 is IEC 60529
_STAGE_ITERATION = re.compile(r"([A-Z]{2,4})([2-9]|1[0-9])")  # a draft stage and its iteration, as a last part


class InternationalRules(Scanner):
    """Methods for ISO/IEC identifiers (also used for the adopted half of a double number)."""

    __slots__ = ()

    def international(self, nested: bool) -> Identifier:
        start = self.i
        publishers, doc_type, stage, iteration = self.international_head(start)
        prefix = international_prefix(tuple(publishers), doc_type)
        if self.char() == " ":
            self.i += 1
        number = self.digits()
        if not number:
            self.fail("number", f'a number after "{prefix}"', prefix=prefix)
        if publishers == ["IEC"] and doc_type != "Guide" and number[0] != "0" and int(number) < _OLD_IEC_NUMBERS:
            number = str(60000 + int(number))
        parts = self.international_parts(publishers[0] in IEC_LEADS)
        if stage is not None and iteration is None and parts and (glued := _STAGE_ITERATION.fullmatch(parts[-1])) \
                and glued.group(1) == stage:
            iteration = int(parts.pop()[len(stage):])  # ISO/IEC CD 17021-CD2: the second CD, not a lettered part
        if self.char() == "." and self.char(1) in DIGIT:
            pos = self.i
            self.i += 1
            iteration = int(self.digits())
            if stage is None:
                self.fail("iteration_without_stage", "the end of the identifier", pos,
                          "only a draft (ISO/DIS 12345.2) has an iteration")
        year = None
        if self.char() == ":":
            self.i += 1
            year = self.year()
        elif parts and len(parts[-1]) == 4 and parts[-1].isdigit() and 1947 <= int(parts[-1]) <= 2099:
            year = int(parts.pop())  # "ISO 9001-2015", common in Chinese text, means ISO 9001:2015
        edition = self.edition()
        start_of_supplements = self.i
        supplements, supplement_stage, supplement_iteration, csv = self.international_supplements(
            publishers[0] in IEC_LEADS, year, stage, "IEC" in publishers)
        base_stage = None
        if supplements and stage is not None:
            if supplement_stage is None or year is not None or len(supplements) > 1 or iteration is not None:
                self.fail("stage_with_amendment", "the end of the identifier", start_of_supplements,
                          "a draft stage cannot carry amendments")
            base_stage, stage = stage, None  # ISO/IEC DIS 23008-1/DAmd 2: a draft amendment of an undated draft
        joint = vap = None
        languages: tuple[str, ...] = ()
        for _ in range(4 if self.i < len(self.s) else 0):  # the suffixes in any order, each once
            if joint is None and (joint := self.joint_number()) is not None:
                continue
            if edition is None and (edition := self.edition()) is not None:
                continue
            if vap is None and (vap := self.vap(csv, publishers[0] in IEC_LEADS)) is not None:
                continue
            if not languages and (languages := self.languages()):
                continue
            break
        all_parts = not nested and self.all_parts(year is None and not supplements)
        iteration = iteration or supplement_iteration
        if iteration == 1:
            iteration = None  # the first iteration carries no suffix
        co_publishers = tuple(publishers) if len(publishers) > 1 else ()
        return Identifier(
            Tier.INTERNATIONAL, prefix, number, None, "-".join(parts) or None, year, None, None, None,
            tuple(supplements), stage or supplement_stage, co_publishers, None, all_parts,
            Suffixes(edition, languages, iteration, vap, joint, base_stage)
            if edition or languages or iteration or vap or joint or base_stage else NO_SUFFIXES,
        )  # fmt: skip

    def international_head(self, start: int) -> tuple[list[str], str | None, str | None, int | None]:
        """Publishers, type, stage and a glued iteration (ISO/CD2 14065) before the number."""
        stage = doc_type = iteration = None
        run = self.letters()
        if run in STAGES and self.s.startswith(" IWA", self.i + len(run)):  # "AWI IWA 36"
            stage = run
            self.i += len(run) + 1
            run = self.letters()
        glued = not (run in INTERNATIONAL_LEADS or run in LEADING_CO_PUBLISHERS or run == "JTC")
        lead = run[:3] if glued else run
        if lead == "JTC":
            self.committee(start)
        self.i += len(lead)
        publishers = [lead]
        while glued or self.char() in ("/", " "):
            sep, word = ("", self.letters()) if glued else (self.char(), self.letters(self.i + 1))
            glued = False
            pos = self.i + len(sep)
            if word == "HL" and self.char_at(pos + 2) == "7":  # ISO/HL7 10781
                word = "HL7"
            free = doc_type is None and stage is None
            if free and word in COMMITTEE_WORDS:
                self.committee(start)
            if word == "CA" and publishers == ["IEC"] and doc_type is None and stage is None:  # IEC CA 01:2020
                self.conformity_assessment("IEC CA")
            if free and word in DIRECTIVE_WORDS and len(publishers) <= 2:
                self.directives(start)
            if sep == "/" and word in CO_PUBLISHERS and CO_PUBLISHERS[word] not in publishers and free:
                publishers.append(CO_PUBLISHERS[word])
            elif word == "IWA" and publishers == ["ISO"] and doc_type is None:  # ISO/IWA 32, ISO/WD IWA 19
                publishers = ["IWA"]
            elif doc_type is None and word in TYPES:
                doc_type = TYPES[word]
            elif free and (word in STAGES or word in STAGE_ALIASES):
                stage = STAGE_ALIASES.get(word, word)
                match = DIGITS.match(self.s, pos + len(word))
                if match and self.s[match.end() : match.end() + 1] == " " and self.char_at(match.end() + 1) in DIGIT:
                    iteration = int(match.group())  # ISO/CD2 14065
                    word = self.s[pos : match.end()]
            elif free and word in COMBINED_STAGES:
                stage, doc_type = COMBINED_STAGES[word]
            elif free and word == "FD" and self.s.startswith(" GUIDE", pos + 2):  # ISO/IEC FD GUIDE 98-1
                stage, doc_type, word = "FDGuide", "Guide", "FD GUIDE"
            else:
                break
            self.i = pos + len(word)
        return publishers, doc_type, stage, iteration

    def international_parts(self, iec: bool) -> list[str]:
        """Parts after "-" (digits or letters: ISO 105-A02, IEC 62087-BD, ISO/IEC/IEEE 8802-1Q), the old ISO
        notation "/6" (ISO 5843/6, ISO/R 300/III), IEC sheets "/1" (IEC 60695-2-1/1) and IEC 60050(191)."""
        parts: list[str] = []
        s = self.s
        while True:
            c = self.char()
            if c == "-":
                match = _PART.match(s, self.i + 1)
                if match is None or (match.group()[0] in UPPER and SUPPLEMENT_SEGMENT.match(s, self.i + 1)):
                    break
                parts.append(match.group())
                self.i = match.end()
            elif c == "/" and self.char(1) in DIGIT:
                match = DIGITS.match(s, self.i + 1)
                if iec and parts:
                    parts[-1] += "/" + match.group()
                else:
                    parts.append(match.group())
                self.i = match.end()
            elif c == "/" and not iec and not parts and _LETTER_PART.match(s, self.i):  # ISO 105/F: ISO 105-F
                parts.append(s[self.i + 1])
                self.i += 2
            elif c == "/" and not iec and self.letters(self.i + 1) in _ROMAN:
                numeral = self.letters(self.i + 1)
                if s[self.i + 1 + len(numeral) : self.i + 2 + len(numeral)] not in ("", ":", "-", "/", " ", "("):
                    break
                parts.append(_ROMAN[numeral])
                self.i += 1 + len(numeral)
            elif not parts and c in (" ", "(") and (match := self.unhyphenated_part(iec)):
                parts.append(match.group(1))
                self.i = match.end()
            else:
                return parts
        return parts

    def unhyphenated_part(self, iec: bool) -> re.Match[str] | None:
        """A first part written without "-": "ISO 105 B02", and IEC's chapter notation "IEC 60050(191)"."""
        match = _SPACED_PART.match(self.s, self.i)
        if match is None and iec:
            match = _BRACKETED_PART.match(self.s, self.i)
        return match

    def supplement_number(self, optional: bool = False) -> str:
        if self.char() in (".", " ") and self.char(1) in DIGIT:
            self.i += 1
        number = self.digits()
        if not number and not optional:
            self.fail("amendment_number", "the number of the amendment")
        return number

    def international_supplements(
        self, iec: bool, year: int | None, base_stage: str | None, with_iec: bool = False
    ) -> tuple[list[Supplement], str | None, int | None, bool]:
        """Supplements, the stage and iteration of a draft one (which comes last), and whether "+AMD" made a
        consolidated version (IEC's, also of joint ISO/IEC publications: ISO/IEC 11801:2002+AMD1:2008 CSV)."""
        supplements: list[Supplement] = []
        csv = self.consolidation(iec or with_iec, year, supplements)
        stage = iteration = None
        while self.char() == "/":
            start, word = self.i, self.letters(self.i + 1)
            after = start + 1 + len(word)
            this_stage, kind = None, SUPPLEMENT_KINDS.get(word)
            if iec and kind not in IEC_SUPPLEMENT_KINDS:
                kind = None
            if kind is None and not iec:
                if word in DRAFT_SUPPLEMENTS:
                    this_stage, kind = DRAFT_SUPPLEMENTS[word]
                elif (word in SUPPLEMENT_STAGES or word in ("DIS", "FDIS")) and self.s.startswith(" ", after):
                    inner = self.letters(after + 1)
                    inner_kind = SUPPLEMENT_KINDS.get(inner)
                    if inner_kind in ("amd", "cor", "add", "suppl"):
                        this_stage = SPELLED_DRAFT_STAGES.get((word, inner_kind)) if word in ("DIS", "FDIS") else word
                        if this_stage is not None:
                            kind, after = inner_kind, after + 1 + len(inner)
            if kind is None:
                break
            if year is None and this_stage is None:
                self.fail("amendment_undated", "a year before the amendment", start,
                          "an amendment follows only a dated number")
            if stage is not None:
                self.fail("draft_amendment_last", "the end of the identifier", start, "a draft amendment must come last")
            if this_stage is not None and base_stage is not None and year is not None:
                self.fail("stage_with_amendment", "the end of the identifier", start,
                          "a draft stage cannot carry amendments")
            self.i = after
            number = self.supplement_number(optional=kind == "suppl")
            if this_stage is not None and self.char() == "." and self.char(1) in DIGIT:  # /NP Amd 1.2
                self.i += 1
                iteration = int(self.digits())
            year_of = None
            if self.char() == ":":
                self.i += 1
                year_of = self.year()
            elif self.char() == "-" and (match := DIGITS.match(self.s, self.i + 1)) and len(match.group()) == 4:
                self.i += 1  # ISO/IEC 8802-3:2021/Amd7-2021
                year_of = self.year()
            supplements.append(Supplement(kind, number, year_of))
            stage = this_stage
        return supplements, stage, iteration, csv

    def consolidation(self, iec: bool, year: int | None, supplements: list[Supplement]) -> bool:
        """ "+AMD1:2012+AMD2:2020 CSV" after a dated IEC number: the amendments merged into a consolidated version."""
        if self.char() != "+":
            return False
        if not iec or year is None:
            self.fail("consolidation_undated", "the end of the identifier",
                      reason="'+AMD' consolidation follows only a dated IEC number")
        while self.char() == "+":
            self.i += 1
            word = self.letters()
            if word not in ("AMD", "AM", "A"):
                self.fail("consolidation_amd", 'AMD after "+"')
            self.i += len(word)
            number = self.supplement_number()
            if self.char() != ":":
                self.fail("amendment_year", '":" and the year of the amendment')
            self.i += 1
            supplements.append(Supplement("csv", number, self.year()))
        if self.at(" CSV"):
            self.i += 4
        return True

    def edition(self) -> str | None:
        """ " ED2", " Ed.2", " Ed 2.0", ", Edition 2", " (Ed. 2.0)", " (Second Edition)", " ED1.1" -> "2" ... "1.1"."""
        if self.char() not in (" ", ",", "("):
            return None
        match = _EDITION.match(self.s, self.i)
        if match is None:
            ordinal = _ORDINAL_EDITION.match(self.s, self.i)
            if ordinal is None:
                return None
            self.i = ordinal.end()
            return ordinal.group(1) or _ORDINALS[ordinal.group(2)]
        number = _EDITION_NUMBER.match(self.s, match.end())
        if number is None or int(number.group(1)) == 0:
            self.fail("edition_number", 'an edition number after "ED"', match.end())
        end = number.end()
        if "(" in match.group():
            if self.s[end : end + 1] != ")":
                self.fail("closing_parenthesis", '")"', end)
            end += 1
        self.i = end
        major, minor = int(number.group(1)), number.group(2)
        return f"{major}.{int(minor)}" if minor and int(minor) else str(major)

    def vap(self, csv: bool, iec: bool) -> str | None:
        """IEC value-added versions: RLV (redline), CMV (commented), EXV (extended), SER (series), PAC (package),
        PRV (pre-release), DB (database), and CSV with no amendment listed (IEC 60061-1:2005 CSV)."""
        match = _VAP.match(self.s, self.i) if self.char() == " " else None
        if match is None or (match.group(1) == "CSV" and (csv or not iec)):
            return None
        self.i = match.end()
        return match.group(1)

    def languages(self) -> tuple[str, ...]:
        """(en), (en,fr), (E), (E/F/R), (EN-FR) -> ("en",), ("en", "fr"), ...; in ISO's order, each once."""
        match = _LANGUAGES.match(self.s, self.i) if self.char() in (" ", "(") else None
        if match is None:
            return ()
        codes = set()
        for code in _LANGUAGE_CODE.finditer(self.s, match.start(1), match.end(1)):
            text = code.group()
            language = LANGUAGE_LETTERS.get(text) if len(text) == 1 else text.lower()
            if language not in LANGUAGES:
                self.fail("language", "a language code such as en, fr, ru or E, F, R", code.start(),
                          f"unknown language code '{text}'", language=text)
            codes.add(language)
        self.i = match.end()
        return tuple(sorted(codes, key=lambda c: (_LANGUAGE_RANK.get(c, len(_LANGUAGE_RANK)), c)))

    def joint_number(self) -> str | None:
        """The IDF number of an ISO/IDF dairy standard: "ISO 707:2008 | IDF 50:2008" -> "IDF 50:2008"."""
        match = _JOINT.match(self.s, self.i) if self.char() in (" ", "|", "/") else None
        if match is None:
            return None
        self.i = match.end()
        number = self.digits()
        if not number:
            self.fail("number", 'a number after "IDF"', prefix="IDF")
        while self.char() == "-" and self.char(1) in DIGIT:
            self.i += 1
            number += "-" + self.digits()
        if self.char() == ":":
            self.i += 1
            number += f":{self.year()}"
        return f"IDF {number}"

    def committee(self, start: int) -> NoReturn:
        """ISO/TC 46 N 3064, ISO/IEC JTC 1/SC 7 N 1234: a committee's working document (or the committee
        itself), never a publication."""
        match = _N_DOCUMENT.search(self.s, start)
        if match is not None:
            committee = self.s[start : match.start()].rstrip(" /,")
            self.fail("committee_document", "an ISO or IEC publication", start,
                      f'"{committee} N {match.group(1)}" is a working document of a committee, not a publication',
                      committee=committee, document=f"N {match.group(1)}")
        if (serial := _IEC_SERIAL.search(self.s, start)) is not None and self.s[start:serial.start()].strip():
            committee = re.sub(r"\bSYC\b", "SyC", self.s[start : serial.start()].strip())
            self.fail("committee_document", "an ISO or IEC publication", start,
                      f'"{self.s[start:]}" is a working document of {committee}, not a publication',
                      committee=committee, document=self.s[start:].strip())
        if _DIRECTIVES_AFTER.search(self.s, start):
            self.directives(start)  # ISO/IEC JTC 1 DIR, ISO/IEC DIR JTC 1 SUP: the JTC 1 Supplement to the Directives
        committee = self.s[start:].strip()
        self.fail("committee", "an ISO or IEC publication", start,
                  f'"{committee}" is a committee, not a publication', committee=committee)

    def conformity_assessment(self, system: str) -> NoReturn:
        """IECQ 01:2014, IECQ OD 3405:2017, IEC CA 01:2020: documents of IEC's conformity-assessment systems (IECQ,
        IECEE, IECEx, IECRE), not standards."""
        self.fail("conformity_assessment", "an ISO or IEC publication", 0,
                  f'"{self.s}" is a document of the {system} conformity-assessment system, not a standard',
                  system=system, document=self.s)

    def directives(self, start: int) -> NoReturn:
        name = self.s[start:].strip()
        self.fail("directives", "an ISO or IEC publication", start,
                  f'"{name}" is the ISO/IEC Directives (procedures), not a publication', name=name)

