"""Chinese identifiers: national, industry (incl. engineering), local, group and enterprise heads,
numbers, years, 修改单 (/XG) and double numbers with an adopted ISO/IEC identifier."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .enums import Nature, Tier
from .model import Identifier, Supplement
from .scanner import DIGIT, DIGITS, LETTERS, UPPER, Scanner, as_year
from .vocabulary import (
    ASSOCIATION,
    ASSOCIATION_CODES,
    CODED,
    ENGINEERING,
    INDUSTRY_NATURES,
    LETTERED,
    LOCAL_ENGINEERING,
    METROLOGY,
    NATIONAL,
    ORGANISATION,
    PLAIN,
    Scheme,
    starts_international,
)

_ORG = re.compile(r"[A-Z0-9]+(?:-[A-Z][A-Z0-9]*)*")
_GLUED_ORG = re.compile(r"(.*[A-Z])([0-9]+)")
_REGION_ORG = re.compile(r"([0-9]+) ([A-Z][A-Z0-9]*)(?=[ /])")
_DBJ_REGION = re.compile(r" ?([0-9]+)(?=/)")
_QUALIFIER = re.compile(r" ?\(([\u4e00-\u9fff]{1,6})\)")
_LOCAL_SERIAL = Scheme(hyphen=True)
STANDARD_CODE = "a standard code such as GB/T, an industry code, DB, T/, Q/, ISO or IEC"


@dataclass(slots=True)
class _Head:
    tier: Tier
    prefix: str
    nature: Nature | None
    scheme: Scheme
    industry_code: str | None = None
    region_code: str | None = None
    org_code: str | None = None
    co_publishers: tuple[str, ...] = ()


class ChineseRules(Scanner):
    """Methods for Chinese identifiers; `international()` comes from InternationalRules."""

    __slots__ = ()

    def chinese(self) -> Identifier:
        start = self.i
        head = self.chinese_head()
        self.doubled_head(start)
        hyphen = self.char() == "-" and self.s[self.i - 1 : self.i] in UPPER
        if self.char() == " " or hyphen:
            self.i += 1
        if hyphen:
            self.year_without_number(head)
        number, part, year = self.chinese_number(head)
        supplements = self.xg(year)
        adopted = self.adoption()
        if adopted is not None:
            supplements += self.xg(year)
        all_parts = self.all_parts(year is None and not supplements and adopted is None)
        return Identifier(
            head.tier, head.prefix, number, head.nature, part, year, head.industry_code, head.region_code,
            head.org_code, tuple(supplements), None, head.co_publishers, adopted, all_parts,
        )  # fmt: skip

    def doubled_head(self, start: int) -> None:
        """Skip the code written twice ("T/ABC T/ABC 001-2020", "GB/T GB/T 1-2020"): the same text again after
        a space names the same code."""
        head_text = self.s[start : self.i]
        if self.char() == " " and self.s.startswith(head_text, self.i + 1):
            after = self.s[self.i + 1 + len(head_text) : self.i + 2 + len(head_text)]
            if after in (" ", "-") or after in DIGIT:
                self.i += 1 + len(head_text)

    def year_without_number(self, head: _Head) -> None:
        """ "GB/T -2006" (a hyphen, then a year and nothing more) has a year but no number: never read it as
        GB/T 2006."""
        match = DIGITS.match(self.s, self.i)
        if match and match.end() == len(self.s) and len(match.group()) == 4 and as_year(match.group()) is not None:
            self.fail("year_without_number", f'a number after "{head.prefix}"', self.i - 1,
                      f'"{head.prefix}" is followed by a year but no number', prefix=head.prefix)

    def adoption(self) -> Identifier | None:
        """The adopted half of a double number: "/ISO 9001:2015", " IDT ISO 9001:2015",
        " (ISO 9001:2015, IDT)" or " (IDT ISO 9001:2015)". MOD and NEQ are not double numbers."""
        if self.char() == "/" and starts_international(self.s, self.i + 1):
            self.i += 1
            return self.international(nested=True)
        if self.at(" IDT "):
            self.i += 5
            if not starts_international(self.s, self.i):
                self.fail("adoption_after_idt", "an ISO or IEC identifier after IDT")
            return self.international(nested=True)
        opening = 2 if self.at(" (") else 1 if self.at("(") else 0
        if not opening:
            return None
        inner = self.i + opening
        if self.s.startswith("IDT ", inner) and starts_international(self.s, inner + 4):
            self.i = inner + 4
            adopted = self.international(nested=True)
        elif starts_international(self.s, inner):
            self.i = inner
            adopted = self.international(nested=True)
            for literal in (", IDT", ",IDT", " IDT"):
                if self.at(literal):
                    self.i += len(literal)
                    break
            else:
                reason = 'expected ", IDT)": only an identical adoption (IDT) makes a double number'
                self.fail("adoption_not_idt", '", IDT)"', reason=reason)
        else:
            return None
        if self.char() != ")":
            self.fail("closing_parenthesis", '")"')
        self.i += 1
        return adopted

    def code_kind(self, code: str) -> str | None:
        if code in NATIONAL:
            return "national"
        if code in self.tables.industry_codes:
            return "industry"
        if code in self.tables.engineering_codes:
            return "engineering"
        return None

    def suffix(self, natures: dict[str, Nature | None]) -> str:
        """Consume "/T", "/Z" (or "GB T" with the slash lost) when the code allows it; return "T", "Z" or ""."""
        sep, letter, after = self.char(), self.char(1), self.char(2)
        # " T " only with a space after it: "TSG Z6001" is a number with a letter
        if letter and letter in natures and after not in UPPER and (sep == "/" or (sep == " " and after == " ")):
            self.i += 2
            return letter
        return ""

    def chinese_head(self) -> _Head:
        s, start = self.s, self.i
        run = self.letters()
        if not run:
            self.fail("standard_code", STANDARD_CODE)
        end = start + len(run)
        following = s[end : end + 1]
        if run in ("T", "Q") and following == "/":
            self.i = end + 1
            return self.group_head() if run == "T" else self.enterprise_head()
        if run == "DB" and (following in DIGIT or (following == " " and self.spaced_local(end + 1))):
            return self.local_head(end)
        if run in ("DBJ", "DGJ") or (run == "DG" and s.startswith("/TJ", end)):
            return self.local_engineering_head(run, end)
        if run in ASSOCIATION_CODES:
            self.i = end
            return _Head(Tier.GROUP, run, None, ASSOCIATION, org_code=run)
        code, glued, kind = run, "", self.code_kind(run)
        if kind is None and len(run) > 2 and run[-1] in "TZ":
            kind = self.code_kind(run[:-1])
            if kind is not None:
                code, glued = run[:-1], run[-1]
        if kind is None:
            if len(run) == 2 or (len(run) == 3 and run[-1] in "TZ"):
                self.fail("unknown_industry_code", "a known industry code", start, f"unknown industry code '{run[:2]}'",
                          industry_code=run[:2])
            self.fail("standard_code", STANDARD_CODE, start)
        self.i = end
        if kind == "national":
            natures, scheme = NATIONAL[code]
            tier, industry = Tier.NATIONAL, None
        else:
            natures, scheme = INDUSTRY_NATURES, (LETTERED if kind == "industry" else ENGINEERING)
            tier, industry = Tier.INDUSTRY, code
        if code in METROLOGY and not glued:
            qualified = self.metrology_qualifier(code)
            if qualified is not None:
                return qualified
        co_publishers: list[str] = []
        if kind == "industry" and not glued:
            while self.char() == "/":
                other = self.letters(self.i + 1)
                if other in self.tables.industry_codes and other not in co_publishers and other != code:
                    co_publishers.append(other)
                    self.i += 1 + len(other)
                elif len(other) == 3 and other[:2] in self.tables.industry_codes and other[2] in natures:
                    co_publishers.append(other[:2])
                    glued = other[2]
                    self.i += 4
                    break
                elif len(other) == 2 and other != code:
                    self.fail("unknown_industry_code", "a known industry code", self.i + 1,
                              f"unknown industry code '{other}'", industry_code=other)
                else:
                    break
        letter = glued or self.suffix(natures)
        if letter not in natures:  # a glued suffix the code does not take: GJBT
            self.fail("number", f'a number after "{code}"', end - 1, prefix=code)
        prefix = "/".join([code, *co_publishers, *([letter] if letter else [])])
        co = (code, *co_publishers) if co_publishers else ()
        return _Head(tier, prefix, natures[letter], scheme, industry_code=industry, co_publishers=co)

    def metrology_qualifier(self, code: str) -> _Head | None:
        """JJG(京) 31-2013 is a regional regulation; JJG(铁道) 123-2010 a departmental one."""
        match = _QUALIFIER.match(self.s, self.i)
        if not match:
            return None
        self.i = match.end()
        name = match.group(1)
        prefix = f"{code}({name})"
        region = self.tables.province_abbreviations.get(name)
        if region is not None:
            return _Head(Tier.LOCAL, prefix, None, PLAIN, region_code=region)
        return _Head(Tier.INDUSTRY, prefix, None, PLAIN)

    def spaced_local(self, pos: int) -> bool:
        """After "DB ": digits then "/" (or T/Z) mean a local standard; otherwise the earthquake industry."""
        match = DIGITS.match(self.s, pos)
        if not match:
            return False
        after = self.s[match.end() : match.end() + 3]
        if after[:1] == "/":  # "DB 31/T", "DB 31/1234"; not "DB 15/ISO ..." (earthquake, adopted)
            return after[1:2] in DIGIT or (after[1:2] in ("T", "Z") and after[2:3] not in UPPER)
        return (after[:1] in ("T", "Z") and after[1:2] not in UPPER) or after[:2] in (" T", " Z")

    def local_head(self, end: int) -> _Head:
        spaced = self.s[end] == " "
        pos = self.i = end + 1 if spaced else end
        region = self.digits()
        if len(region) not in (2, 4):
            self.fail("region_code_length", "a 2-digit province or 4-digit city code", pos)
        known = self.tables.province_codes if len(region) == 2 else self.tables.city_codes
        if region not in known:
            self.fail("unknown_region_code", "a known region code", pos, f"unknown region code '{region}'",
                      region_code=region)
        c, letter = self.char(), ""
        if c == "/":
            self.i += 1
            if self.char() in ("T", "Z") and self.char(1) not in UPPER:
                letter = self.char()
                self.i += 1
        elif c in ("T", "Z") and self.char(1) not in UPPER:
            letter = c
            self.i += 1
        elif c == " " and self.char(1) in ("T", "Z") and (self.char(2) == " " or self.char(2) in DIGIT):
            letter = self.char(1)
            self.i += 2
        elif c != " " or spaced:
            self.fail("slash_after_region", "'/' after the region code")
        prefix = f"DB{region}/{letter}" if letter else f"DB{region}"
        return _Head(Tier.LOCAL, prefix, INDUSTRY_NATURES[letter], PLAIN, region_code=region)

    def local_engineering_head(self, run: str, end: int) -> _Head:
        code = "DG/TJ" if run == "DG" else run
        natures, region = LOCAL_ENGINEERING[code]
        self.i = end + 3 if run == "DG" else end
        scheme, prefix = CODED, code
        if run == "DBJ":
            match = _DBJ_REGION.match(self.s, self.i)
            if match:
                region = match.group(1)
                if region not in self.tables.province_codes:
                    self.fail("unknown_region_code", "a known province code", match.start(1),
                              f"unknown region code '{region}'", region_code=region)
                self.i = match.end()
                prefix, scheme = f"DBJ{region}", _LOCAL_SERIAL
        letter = self.suffix(natures)
        if prefix != code and not letter:
            self.i += 1  # the "/" of DBJ50/047-2016
        if letter:
            prefix += f"/{letter}"
        return _Head(Tier.LOCAL, prefix, natures[letter], scheme, region_code=region)

    def organisation(self) -> str:
        """Organisation code of T/ and Q/; "CAS115" with the space lost splits into "CAS" + "115"."""
        start = self.i
        match = _ORG.match(self.s, start)
        if not match or not LETTERS.search(match.group()):
            self.fail("organisation_code", "an organisation code")
        org, following = match.group(), self.s[match.end() : match.end() + 1]
        glued = _GLUED_ORG.fullmatch(org)
        after = self.s[match.end() + 1 : match.end() + 3]
        category = after[:1] in ("J", "G", "Z") and after[1:] not in UPPER  # Q/ABC/J
        if glued and (following in ("", "-", ".", ":") or (following == "/" and not category)):
            org = glued.group(1)
        self.i = start + len(org)
        return org

    def group_head(self) -> _Head:
        org = self.organisation()
        return _Head(Tier.GROUP, f"T/{org}", None, ORGANISATION, org_code=org)

    def enterprise_head(self) -> _Head:
        match = _REGION_ORG.match(self.s, self.i)
        if match:  # Q/320102 ABC 001-2021: a region number before the enterprise code
            org = f"{match.group(1)} {match.group(2)}"
            self.i = match.end()
        else:
            org = self.organisation()
        prefix = f"Q/{org}"
        if self.char() == "/" and self.char(1) in ("J", "G", "Z") and self.char(2) not in UPPER:
            prefix += f"/{self.char(1)}"
            self.i += 2
        return _Head(Tier.ENTERPRISE, prefix, None, ORGANISATION, org_code=org)

    def chinese_number(self, head: _Head) -> tuple[str, str | None, int | None]:
        scheme, s = head.scheme, self.s
        lead = ""
        if scheme.lead_letters:
            match = LETTERS.match(s, self.i)
            if match and len(match.group()) <= scheme.lead_letters and s[match.end() : match.end() + 1] in DIGIT:
                lead = match.group()
                self.i = match.end()
        digits = self.digits()
        if not digits:
            self.fail("number", f'a number after "{head.prefix}"', prefix=head.prefix)
        number = lead + digits
        if scheme.suffix_letter and self.char() in UPPER and self.char(1) not in UPPER:
            number += self.char()
            self.i += 1
        if scheme.inner_hyphen:
            number += self.inner_groups()
        part = None
        if self.char() == ".":
            segments = []
            while self.char() == ".":
                self.i += 1
                segment = self.digits()
                if not segment:
                    self.fail("part_number", 'a part number after "."')
                if scheme.suffix_letter and self.char() in UPPER and self.char(1) not in UPPER:
                    segment += self.char()
                    self.i += 1
                segments.append(segment)
            part = ".".join(segments)
            if self.char() == "~":
                self.part_range(head, number, segments)
        year = None
        if part is None and scheme.slash_digit and self.char() == "/" and self.char(1) in DIGIT:
            self.i += 1
            number += "/" + self.digits()
        if part is None and scheme.hyphen:
            groups = []
            while self.char() == "-" and self.char(1) in DIGIT:
                self.i += 1
                groups.append(self.digits())
            if len(groups) >= (2 if scheme.coded_lead else 1):
                year = as_year(groups[-1])
                if year is not None:
                    groups.pop()
            number += "".join(f"-{g}" for g in groups)
        if year is None and self.char() in ("-", ":"):
            self.i += 1
            year = self.year()
        return number, part, year

    def inner_groups(self) -> str:
        """Hyphen groups inside a group or enterprise number ("T/XYZ AB12-003.2-2024"): a group belongs to the
        number only when more follows it (a part, or a further group), so the last one stays the year."""
        groups = ""
        while self.char() == "-" and self.char(1) in DIGIT:
            match = DIGITS.match(self.s, self.i + 1)
            if self.s[match.end() : match.end() + 1] not in (".", "-"):
                break
            groups += "-" + match.group()
            self.i = match.end()
        return groups

    def part_range(self, head: _Head, number: str, segments: list[str]) -> None:
        """ "GB/T 1234.1~7-2005" or "GB/T 1234.1~1234.7-2005" names a series of parts, not one standard: refuse
        it and name the parts (params: first, last, parts) so that they can be listed one by one."""
        tilde = self.i
        self.i += 1
        if self.s.startswith(number + ".", self.i):
            self.i += len(number) + 1
        last = self.digits()
        first = segments[-1]
        if not last or not first.isdigit() or int(last) <= int(first):
            self.fail("part_range_order", "a part range such as .1~7", tilde, "a part range must end above its start",
                      first=first, last=last or "")
        tail = ""
        if self.char() in ("-", ":"):
            self.i += 1
            tail = f"-{self.year()}"
        stem = f"{head.prefix} {number}." + "".join(f"{s}." for s in segments[:-1])
        names = [f"{stem}{n}{tail}" for n in range(int(first), int(last) + 1)]
        shown = ", ".join(names if len(names) <= 6 else [*names[:3], "…", *names[-2:]])
        self.fail("part_range", "one part", tilde, f"a range of parts: list them one by one ({shown})",
                  first=f"{stem}{first}{tail}", last=f"{stem}{last}{tail}", parts=shown, count=str(len(names)))

    def xg(self, year: int | None) -> list[Supplement]:
        supplements = []
        while self.at("/XG"):
            if year is None:
                self.fail("xg_undated", "a year before /XG", reason="a 修改单 (/XG) follows only a dated number")
            self.i += 3
            number = self.digits()
            if not number:
                self.fail("xg_number", "the number of the 修改单 after /XG")
            year_of = None
            if self.char() == "-":
                self.i += 1
                year_of = self.year()
            supplements.append(Supplement("xg", number, year_of))
        return supplements
