"""Technical indicators as standards write them, read as the values they allow, and two of them compared: is the
Chinese standard's requirement the same as the foreign one's, stricter, looser, different, or not comparable?
Pure: no Django; numbers are Decimal.

What is read (after NFKC, so full-width signs and superscripts count as their plain forms):

* a bound: ``≤ 0.5``, ``<=0.5``, ``不大于 5``, ``不超过``, ``不高于``, ``max. 5``, ``not more than 5`` (at most);
  ``≥3``, ``不小于``, ``不低于``, ``不少于``, ``min 3``, ``at least`` (at least); ``< 5``, ``小于``, ``低于``,
  ``less than`` and ``> 5``, ``大于``, ``高于``, ``超过``, ``greater than`` (open bounds);
* a range: ``10～20``, ``10~20``, ``10-20``, ``10–20``, ``10 至 20``, ``10 to 20`` (both ends included; a range
  written high to low is read low to high); a nominal value with a tolerance: ``0.5 ± 0.1`` (0.4 to 0.6);
* one value: ``5`` (exactly 5);
* none: ``—``, ``——``, ``-``, ``/``, ``无``, ``不要求``, ``未规定``, ``N/A`` (the standard sets no requirement: any
  value is allowed);
* numbers: ``0.5``, ``-3``, ``0,5`` (a decimal comma, as ISO texts write it; ``1,000`` with three digits after
  the comma is a thousands separator), ``1×10⁻³``, ``1×10^-3``, ``1e-3``;
* a unit after the value (``≤ 10 mg/kg``, ``5 %``) takes the place of the row's unit for that side.

Anything else (``符合表 2 的规定``, ``无可见杂质``, two conditions) is text: it is kept as written and never guessed at.

A requirement is the set of values it allows (an interval, or every value for none). The Chinese requirement is
*stricter* when the values it allows are a strict part of those the foreign one allows (``≤ 0.5`` against ``≤ 1``;
``≥ 5`` against ``≥ 3``; a limit against none), *looser* the other way round, the *same* when both allow the same
values, and *different* when neither contains the other (``10～20`` against ``15～25``; ``5`` against ``6``). Values
in units of one family are converted first (biaozhun/rules/indicator_limits.py: 10 mg/kg is 10 000 µg/kg); units
that cannot be converted, or a side that is text, make the row *not comparable*.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .indicator_limits import conversion


class Verdict(StrEnum):
    """Stored in IndicatorRow.verdict; values are never renamed."""

    SAME = "same"
    STRICTER = "stricter"  # the Chinese requirement is stricter
    LOOSER = "looser"  # the Chinese requirement is looser
    DIFFERENT = "different"  # neither contains the other: not comparable in one direction
    NOT_COMPARABLE = "not_comparable"  # text on a side, or units that cannot be converted


class Why(StrEnum):
    """Why a row is not comparable."""

    CHINESE_TEXT = "chinese_text"
    FOREIGN_TEXT = "foreign_text"
    UNITS = "units"


@dataclass(frozen=True, slots=True)
class Requirement:
    """The values a requirement allows: from `lower` to `upper` (None: open on that side), each end included or
    not; `unit` as written (the row's when the value names none). `anything` for no requirement."""

    lower: Decimal | None = None
    upper: Decimal | None = None
    lower_included: bool = True
    upper_included: bool = True
    unit: str = ""
    anything: bool = False

    def scaled(self, factor: Decimal, unit: str) -> Requirement:
        return Requirement(None if self.lower is None else self.lower * factor,
                           None if self.upper is None else self.upper * factor,
                           self.lower_included, self.upper_included, unit, self.anything)


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    why: Why | None = None
    chinese: Requirement | None = None
    foreign: Requirement | None = None


NONE_MARKS = frozenset({"", "—", "——", "-", "--", "–", "/", "无", "无要求", "不要求", "未规定", "不规定", "n/a", "na",
                        "none", "not specified", "no requirement", "×"})
# (words, bound): at most / at least / below / above; longer words first so 不大于 is not read as 大于.
_WORDS: tuple[tuple[str, str], ...] = tuple(sorted((
    ("≤", "le"), ("不大于", "le"), ("不超过", "le"), ("不高于", "le"), ("不多于", "le"), ("最大", "le"),
    ("max.", "le"), ("max", "le"), ("maximum", "le"), ("not more than", "le"), ("not greater than", "le"),
    ("not exceeding", "le"), ("at most", "le"), ("up to", "le"),
    ("≥", "ge"), ("不小于", "ge"), ("不低于", "ge"), ("不少于", "ge"), ("最小", "ge"), ("min.", "ge"), ("min", "ge"),
    ("minimum", "ge"), ("not less than", "ge"), ("at least", "ge"),
    ("<", "lt"), ("小于", "lt"), ("低于", "lt"), ("少于", "lt"), ("less than", "lt"), ("below", "lt"),
    (">", "gt"), ("大于", "gt"), ("高于", "gt"), ("超过", "gt"), ("多于", "gt"), ("greater than", "gt"),
    ("more than", "gt"), ("above", "gt"),
), key=lambda pair: -len(pair[0])))
_SIGNS = {"<=": "≤", "=<": "≤", ">=": "≥", "=>": "≥", "≦": "≤", "≧": "≥", "⩽": "≤", "⩾": "≥", "−": "-", "﹣": "-",
          "﹢": "+", "〜": "~", "∼": "~", "≈": ""}
_NUMBER = r"[+-]?\d+(?:[.,]\d+)?(?:\s*[×x*]\s*10\s*\^?\s*[+-]?\d+|[eE][+-]?\d+)?"
_UNIT = r"(?P<unit>[^\d\s,;，；:：~±+\-–—至到][^,;，；:：~±]{0,19})?"
_ONE = re.compile(rf"^(?P<a>{_NUMBER})\s*{_UNIT}$")
_RANGE = re.compile(rf"^(?P<a>{_NUMBER})\s*(?P<u1>(?![eE][+-]?\d)[^\d\s~至到–—\-]{{0,12}}?)\s*(?:~|至|到|–|—|-|to)\s*"
                    rf"(?P<b>{_NUMBER})\s*{_UNIT}$")
_TOLERANCE = re.compile(rf"^(?P<a>{_NUMBER})?\s*±\s*(?P<b>{_NUMBER})\s*{_UNIT}$")


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text or "")
    for sign, plain in _SIGNS.items():
        folded = folded.replace(sign, plain)
    return " ".join(folded.split())


def number(text: str) -> Decimal:
    """A number as standards write it (see the module's docstring); ValueError when it is not one."""
    text = text.replace(" ", "")
    mantissa, _times, power = re.split(r"([×x*]10\^?)", text, maxsplit=1) if re.search(
        r"[×x*]10", text) else (text, "", "")
    if "e" in mantissa.lower() and not power:
        mantissa, _e, power = mantissa.lower().partition("e")
    if "," in mantissa:
        whole, _comma, digits = mantissa.partition(",")
        thousands = len(digits) == 3 and whole.lstrip("+-") not in ("", "0")
        mantissa = whole + digits if thousands else f"{whole}.{digits}"
    try:
        value = Decimal(mantissa)
        if power:
            value = value.scaleb(int(power))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse(text: str, unit: str = "") -> Requirement | None:
    """The requirement `text` writes, in `unit` unless it names its own; None when it is text (not read)."""
    try:
        return _parse(normalise(text), unit)
    except ValueError:  # a unit that is words, or a number that is not one: text
        return None


def _parse(plain: str, unit: str) -> Requirement | None:
    if plain.lower() in NONE_MARKS:
        return Requirement(unit=unit, anything=True)
    lowered = plain.lower()
    for words, bound in _WORDS:
        if lowered.startswith(words):
            rest = plain[len(words):].strip()
            return _bound(rest, bound, unit) if rest else None
    found = _TOLERANCE.match(plain)
    if found:
        centre = number(found["a"]) if found["a"] else Decimal(0)
        spread = abs(number(found["b"]))
        return Requirement(centre - spread, centre + spread, unit=_unit(found["unit"], unit))
    found = _RANGE.match(plain)
    if found and (not found["u1"] or not found["unit"] or found["u1"].strip() == found["unit"].strip()):
        low, high = sorted((number(found["a"]), number(found["b"])))
        return Requirement(low, high, unit=_unit(found["unit"] or found["u1"], unit))
    found = _ONE.match(plain)
    if found:
        value = number(found["a"])
        return Requirement(value, value, unit=_unit(found["unit"], unit))
    return None


_NOT_A_UNIT = re.compile(r"[≤≥<>=±~]|或|和|且|及|以上|以下|\bor\b|\band\b")


class _Text(ValueError):
    """What follows a number is not a unit: the value is text."""


def _unit(written: str | None, default: str) -> str:
    written = (written or "").strip()
    if _NOT_A_UNIT.search(written):
        raise _Text(written)
    return written or default


def _bound(rest: str, bound: str, unit: str) -> Requirement | None:
    found = _ONE.match(rest)
    if not found:
        return None
    value, own = number(found["a"]), _unit(found["unit"], unit)
    if bound in ("le", "lt"):
        return Requirement(upper=value, upper_included=bound == "le", unit=own)
    return Requirement(lower=value, lower_included=bound == "ge", unit=own)


def _lower_within(a: Requirement, b: Requirement) -> bool:
    """a's lower end lies within b's (a allows nothing below what b allows)."""
    if b.lower is None:
        return True
    if a.lower is None:
        return False
    if a.lower != b.lower:
        return a.lower > b.lower
    return b.lower_included or not a.lower_included


def _upper_within(a: Requirement, b: Requirement) -> bool:
    if b.upper is None:
        return True
    if a.upper is None:
        return False
    if a.upper != b.upper:
        return a.upper < b.upper
    return b.upper_included or not a.upper_included


def within(a: Requirement, b: Requirement) -> bool:
    """Every value `a` allows, `b` allows too (both in one unit)."""
    if b.anything:
        return True
    if a.anything:
        return False
    return _lower_within(a, b) and _upper_within(a, b)


def compare_requirements(chinese: Requirement, foreign: Requirement) -> Outcome:
    if not (chinese.anything or foreign.anything):
        factor = conversion(foreign.unit, chinese.unit)
        if factor is None:
            return Outcome(Verdict.NOT_COMPARABLE, Why.UNITS, chinese, foreign)
        foreign = foreign.scaled(factor, chinese.unit)
    inner, outer = within(chinese, foreign), within(foreign, chinese)
    if inner and outer:
        verdict = Verdict.SAME
    elif inner:
        verdict = Verdict.STRICTER
    elif outer:
        verdict = Verdict.LOOSER
    else:
        verdict = Verdict.DIFFERENT
    return Outcome(verdict, None, chinese, foreign)


def compare(chinese: str, foreign: str, unit: str = "") -> Outcome:
    """The verdict on one row: the Chinese and the foreign value as written, in the row's `unit`."""
    ours, theirs = parse(chinese, unit), parse(foreign, unit)
    if ours is None:
        return Outcome(Verdict.NOT_COMPARABLE, Why.CHINESE_TEXT, None, theirs)
    if theirs is None:
        return Outcome(Verdict.NOT_COMPARABLE, Why.FOREIGN_TEXT, ours, None)
    return compare_requirements(ours, theirs)
