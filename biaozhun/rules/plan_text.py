"""Reading a yearly standardization work plan (such as 《2019年全国标准化工作要点》) from its plain text.

A plan is parts (一、…), each with sections (（一）…) holding numbered items (1. …). Everything is recognised from
the text itself:

- parts: a Chinese numeral and a pause mark at the start of a line: ``一、`` ``二．`` ``十一、``;
- sections: a Chinese numeral in parentheses, half- or full-width, with or without a space: ``（一）`` ``(二)``
  ``（三)``;
- items: Arabic digits, half- or full-width, then ``.`` ``．`` ``、`` ``,`` ``，`` or a space (or straight into
  the text): ``1.`` ``１．`` ``12、`` ``103 加强…``. Items are numbered either straight through the plan or from 1
  in each section; a number that does not follow the one before is an error, except that a line beginning with
  digits and no mark (``2035 年…``) is read as text when it cannot be the next item;
- an item whose text does not end a sentence (。；！？) continues on the following lines (printed plans wrap
  items, sometimes with blank lines between the pieces); the pieces are joined as they are, without a space (a
  printed line may break inside a number or a Latin word: "203\n5年", "I\nEC");
- text before the first part is the preamble (the notice and the plan's title); text after a section heading and
  before its first item is the section's lead-in; text after the last item that cannot continue it (抄送、the
  issuing body, the date) is the closing matter.

Text that fits nowhere (a paragraph between two finished items, an item before any part, a part or section out of
order) raises ``PlanTextError`` naming the line. A byte-order mark, CRLF line ends and blank lines make no
difference; Markdown emphasis (``**…**``) is dropped. Pure: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}
NUMERAL = "[一二三四五六七八九十〇零两]+"
PART = re.compile(rf"^(?P<numeral>{NUMERAL})\s*[、．.，,]\s*(?P<text>.*)$")
SECTION = re.compile(rf"^[（(]\s*(?P<numeral>{NUMERAL})\s*[）)]\s*[、．.]?\s*(?P<text>.*)$")
ITEM = re.compile(r"^(?P<digits>[0-9０-９]{1,4})(?P<mark>\s*[.．、,，](?!\d)|\s+|(?=[^\s0-9０-９.．、,，]))\s*"
                  r"(?P<text>.*)$")
SENTENCE_END = tuple("。；;！!？?")
CLOSING_START = re.compile(r"^(抄送|抄报|附件|主送|联系人)[:：]|^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
EMPHASIS = re.compile(r"\*\*|__")


# What each error code means (the Django side translates these by code: workplan/services/plans.py).
MESSAGES = {
    "no_parts": "没有找到以“一、”开头的第一部分；请检查文本是否为工作要点全文",
    "part_order": "部分编号应为第 {expected} 部分，这里是第 {found} 部分",
    "section_order": "第 {part} 部分的小节编号应为 {expected}，这里是 {found}",
    "item_order": "条目编号应为 {expected}（或新小节的 1），这里是 {found}",
    "stray_text": "这段文字不在任何条目中（上一条已经结束，下一行不是新的条目、部分或小节）",
    "empty_part": "第 {part} 部分没有编号条目",
}


class PlanTextError(ValueError):
    """Text the reader cannot place: ``line`` (1-based) in the input, a stable ``code`` (a key of MESSAGES), the
    ``params`` of its message and the offending ``text``."""

    def __init__(self, line: int, code: str, text: str = "", **params: int) -> None:
        self.line, self.code, self.text, self.params = line, code, text, params
        super().__init__(f"第 {line} 行：{MESSAGES[code].format(**params)}" + (f"：{text[:40]}" if text else ""))


@dataclass
class Item:
    number: int
    text: str
    line: int  # where the item starts

    @property
    def label(self) -> str:
        return str(self.number)


@dataclass
class Section:
    number: int  # 0: the items stand directly under the part, with no section heading
    heading: str
    line: int
    intro: str = ""
    items: list[Item] = field(default_factory=list)


@dataclass
class Part:
    number: int
    heading: str
    line: int
    intro: str = ""
    sections: list[Section] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]


@dataclass
class Plan:
    title: str
    preamble: str
    parts: list[Part]
    closing: str = ""
    numbered_through: bool = True  # items numbered straight through the plan (else from 1 in each section)

    @property
    def items(self) -> list[Item]:
        return [item for part in self.parts for item in part.items]

    def keyed_items(self) -> Iterator[tuple[str, Part, Section, Item]]:
        """Each item with a key unique in the plan: its number when numbered straight through, else
        part.section.number."""
        for part in self.parts:
            for section in part.sections:
                for item in section.items:
                    key = (str(item.number) if self.numbered_through
                           else f"{part.number}.{section.number}.{item.number}")
                    yield key, part, section, item


def chinese_number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23 (the numbers headings use)."""
    if "十" not in numeral:
        value = 0
        for char in numeral:
            value = value * 10 + CHINESE_DIGITS[char]
        return value
    tens, _, units = numeral.partition("十")
    if "十" in units:
        raise ValueError(numeral)
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)


def _join(before: str, after: str) -> str:
    return before + after


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = EMPHASIS.sub("", raw.replace("\ufeff", "")).strip(" \t\u3000\u00a0")
        if line:
            yield number, line


def _numeral(match: re.Match) -> int | None:
    try:
        return chinese_number(match["numeral"])
    except (KeyError, ValueError):
        return None


class _Reader:
    def __init__(self) -> None:
        self.preamble: list[str] = []
        self.closing: list[str] = []
        self.parts: list[Part] = []
        self.item: Item | None = None  # the item whose text may still continue
        self.last_number = 0
        self.restarted = False
        self.dangling: tuple[int, str] | None = None  # text after a finished item: closing matter or an error
        self.pending_closing: list[str] = []

    @property
    def part(self) -> Part | None:
        return self.parts[-1] if self.parts else None

    @property
    def section(self) -> Section | None:
        return self.part.sections[-1] if self.part and self.part.sections else None

    def refuse_dangling(self) -> None:
        if self.dangling is not None:
            line, text = self.dangling
            raise PlanTextError(line, "stray_text", text)

    def read(self, number: int, line: str) -> None:
        if self.closing:
            self.closing.append(line)
            return
        if self.parts and not self.item_open and CLOSING_START.match(line):
            self.closing = [*self.pending_closing, line]
            self.dangling = None
            return
        if (match := PART.match(line)) and (value := _numeral(match)) is not None:
            return self.start_part(number, value, match["text"], line)
        if (match := SECTION.match(line)) and (value := _numeral(match)) is not None and self.parts:
            return self.start_section(number, value, match["text"], line)
        if (match := ITEM.match(line)) and self.parts and match["text"]:
            value = int(match["digits"])
            marked = bool(match["mark"].strip())
            if self.item_open and not marked:  # "2035 年…", "5G …" wrapped from the item before
                return self.text(number, line)
            if self.is_next_item(value):
                return self.start_item(number, value, match["text"])
            if marked:
                expected = self.last_number + 1
                raise PlanTextError(number, "item_order", line, expected=expected, found=value)
        self.text(number, line)

    def start_part(self, number: int, value: int, heading: str, line: str) -> None:
        self.refuse_dangling()
        expected = len(self.parts) + 1
        if value != expected:
            raise PlanTextError(number, "part_order", line, expected=expected, found=value)
        self.parts.append(Part(number=value, heading=heading.strip(), line=number))
        self.item = None

    def start_section(self, number: int, value: int, heading: str, line: str) -> None:
        self.refuse_dangling()
        assert self.part is not None
        expected = len([s for s in self.part.sections if s.number]) + 1
        if value != expected:
            raise PlanTextError(number, "section_order", line, part=self.part.number, expected=expected, found=value)
        self.part.sections.append(Section(number=value, heading=heading.strip(), line=number))
        self.item = None

    @property
    def item_open(self) -> bool:
        """The current item's last sentence is unfinished: the next line may continue it."""
        return self.item is not None and not self.item.text.endswith(SENTENCE_END)

    def is_next_item(self, value: int) -> bool:
        if value == self.last_number + 1:
            return True
        # numbering from 1 in each section: a section (or a part without sections) that has no item yet
        fresh = self.section is None or not self.section.items or self.item is None
        return value == 1 and self.last_number > 0 and fresh

    def start_item(self, number: int, value: int, text: str) -> None:
        self.refuse_dangling()
        assert self.part is not None
        if value == 1 and self.last_number > 0:
            self.restarted = True
        if not self.part.sections:
            self.part.sections.append(Section(number=0, heading="", line=number))
        self.item = Item(number=value, text=text.strip(), line=number)
        self.section.items.append(self.item)  # type: ignore[union-attr]
        self.last_number = value

    def text(self, number: int, line: str) -> None:
        if not self.parts:
            self.preamble.append(line)
            return
        if self.item_open:
            self.item.text = _join(self.item.text, line)  # type: ignore[union-attr]
            return
        if self.item is not None:
            if self.dangling is None:
                self.dangling = (number, line)
            self.pending_closing.append(line)
            return
        place = self.section if self.section is not None else self.part
        place.intro = _join(place.intro, line)  # type: ignore[union-attr]

    def finish(self) -> Plan:
        if not self.parts:
            raise PlanTextError(1, "no_parts")
        closing = self.closing or self.pending_closing
        for part in self.parts:
            if not part.items:
                raise PlanTextError(part.line, "empty_part", part.heading, part=part.number)
        title = next((line for line in reversed(self.preamble) if re.search(r"要点|计划", line)),
                     self.preamble[0] if self.preamble else "")
        return Plan(title=re.sub(r"(\d)\s+(?=年)", r"\1", title), preamble="\n".join(self.preamble),
                    parts=self.parts, closing="\n".join(closing), numbered_through=not self.restarted)


def parse_plan(text: str) -> Plan:
    """The plan's parts, sections and items, or PlanTextError naming the first line that fits nowhere."""
    reader = _Reader()
    for number, line in _lines(text):
        reader.read(number, line)
    return reader.finish()
