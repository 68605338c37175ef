"""Is a declared indicator weaker than a limit of a national standard? (law art. 21: no lower-tier standard may set
requirements below a mandatory national standard.) Pure: no Django; numbers are Decimal.

A declared value binds as the declaration table says (biaozhun.declarations.models.Comparator): eq (both bounds
the value), ge (lower), le (upper), range (lower and upper), text (words: never compared). A limit is a maximum
(``le``: the quantity must not exceed it, e.g. sulfur ≤ 10 mg/kg) or a minimum (``ge``).

* Under a maximum, a declaration is weaker when it lets the quantity exceed the limit: its upper bound is above the
  limit, or it has no upper bound at all (``ge`` alone allows any value above).
* Under a minimum, the mirror image: its lower bound is below the limit, or it has no lower bound.

Units are compared after normalising their spelling (full-width forms, case, spaces, Chinese unit names) and, where
both are in one family of the table below, after converting the value (0.05 mg/L is 50 µg/L; 10 mg/kg is 10 ppm).
Units of different families, or unknown units spelled differently, make the pair not comparable (``None``): the
check then says nothing rather than guessing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache


class Binding(StrEnum):
    EQUAL = "eq"
    AT_LEAST = "ge"
    AT_MOST = "le"
    RANGE = "range"
    TEXT = "text"


class LimitKind(StrEnum):
    AT_MOST = "le"
    AT_LEAST = "ge"


# Chinese and variant spellings → one spelling (after NFKC and lower-casing).
_SPELLINGS = {
    "毫克/千克": "mg/kg", "毫克每千克": "mg/kg", "mg·kg-1": "mg/kg", "mg.kg-1": "mg/kg", "mgkg-1": "mg/kg",
    "微克/千克": "µg/kg", "ug/kg": "µg/kg", "μg/kg": "µg/kg",
    "克/千克": "g/kg", "毫克/升": "mg/l", "mg·l-1": "mg/l", "mg.l-1": "mg/l", "微克/升": "µg/l", "ug/l": "µg/l",
    "μg/l": "µg/l", "克/升": "g/l", "毫克/立方米": "mg/m3", "mg/m³": "mg/m3", "微克/立方米": "µg/m3",
    "μg/m3": "µg/m3", "ug/m3": "µg/m3", "μg/m³": "µg/m3", "µg/m³": "µg/m3",
    "百分比": "%", "％": "%", "分贝": "db", "db(a)": "db(a)", "分贝(a)": "db(a)", "千瓦时": "kwh", "kw·h": "kwh",
    "kw.h": "kwh", "瓦": "w", "千瓦": "kw", "摄氏度": "°c", "℃": "°c",
}
# unit → (family, factor to the family's base unit).
_FAMILIES: dict[str, tuple[str, Decimal]] = {
    "mg/kg": ("mass_fraction", Decimal(1)),
    "ppm": ("mass_fraction", Decimal(1)),
    "µg/kg": ("mass_fraction", Decimal("0.001")),
    "ppb": ("mass_fraction", Decimal("0.001")),
    "g/kg": ("mass_fraction", Decimal(1000)),
    "mg/l": ("concentration", Decimal(1)),
    "µg/l": ("concentration", Decimal("0.001")),
    "g/l": ("concentration", Decimal(1000)),
    "mg/m3": ("air", Decimal(1)),
    "µg/m3": ("air", Decimal("0.001")),
    "w": ("power", Decimal(1)),
    "kw": ("power", Decimal(1000)),
}


@lru_cache(maxsize=65_536)  # names, units and product names repeat across a bulk file's many declarations
def normalise_text(text: str) -> str:
    """Names and units as compared: NFKC (full-width forms, ³ → 3), lower case, no spaces."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(folded.split())


def normalise_unit(unit: str) -> str:
    plain = normalise_text(unit).replace("μ", "µ")
    return _SPELLINGS.get(plain, plain)


def normalise_name(name: str) -> str:
    """An indicator's name as matched: normalised text without the brackets' kind (（以N计） ≡ (以N计))."""
    return normalise_text(name)


def conversion(from_unit: str, to_unit: str) -> Decimal | None:
    """The factor that turns a value in `from_unit` into `to_unit`, or None when they cannot be compared."""
    a, b = normalise_unit(from_unit), normalise_unit(to_unit)
    if a == b:
        return Decimal(1)
    if a in _FAMILIES and b in _FAMILIES and _FAMILIES[a][0] == _FAMILIES[b][0]:
        return _FAMILIES[a][1] / _FAMILIES[b][1]
    return None


@dataclass(frozen=True, slots=True)
class Declared:
    """One declared indicator: how it binds, its bounds and its unit."""

    binding: Binding
    lower: Decimal | None
    upper: Decimal | None
    unit: str

    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """(lowest, highest) value the declaration allows; None where it is open."""
        if self.binding == Binding.EQUAL:
            value = self.lower if self.lower is not None else self.upper
            return value, value
        if self.binding == Binding.AT_LEAST:
            return self.lower, None
        if self.binding == Binding.AT_MOST:
            return None, self.upper
        if self.binding == Binding.RANGE:
            return self.lower, self.upper
        return None, None


@dataclass(frozen=True, slots=True)
class Limit:
    kind: LimitKind
    value: Decimal
    unit: str


def weaker(declared: Declared, limit: Limit) -> bool | None:
    """True when the declared indicator allows what the limit forbids; False when it keeps within it; None when the
    two cannot be compared (words, units of different kinds, no number)."""
    if declared.binding == Binding.TEXT:
        return None
    factor = conversion(declared.unit, limit.unit)
    if factor is None:
        return None
    lowest, highest = declared.bounds()
    if lowest is None and highest is None:
        return None
    if limit.kind == LimitKind.AT_MOST:
        return highest is None or highest * factor > limit.value
    return lowest is None or lowest * factor < limit.value


def in_scope(keywords: Iterable[str], texts: Iterable[str]) -> bool:
    """Does any keyword occur in any of the texts (product names, the standard's title)? No keyword: everywhere."""
    words = [normalise_text(k) for k in keywords if k and k.strip()]
    if not words:
        return True
    haystack = [normalise_text(t) for t in texts if t]
    return any(word in text for word in words for text in haystack)
