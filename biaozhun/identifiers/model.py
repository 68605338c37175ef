"""Value types: tiers, natures, supplements, identifiers and the parse error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import formatting
from .enums import Nature, Tier

__all__ = ["Identifier", "IdentifierError", "Nature", "Supplement", "Tier"]


class IdentifierError(ValueError):
    """Malformed identifier; `position` is a 0-based index into the normalised input."""

    def __init__(self, position: int, expected: str, found: str | None = None, reason: str | None = None) -> None:
        self.position = position
        self.expected = expected
        self.found = found
        if reason:
            message = f"at position {position}: {reason}"
        elif found is None:
            message = f"at position {position}: expected {expected}, found end of input"
        else:
            message = f'at position {position}: expected {expected}, found "{found}"'
        super().__init__(message)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.position, self.expected, self.found, self.reason))


@dataclass(frozen=True, slots=True)
class Supplement:
    """An amendment to a dated identifier.

    kind: "amd" and "cor" (ISO/IEC amendment, corrigendum), "ish" (IEC interpretation sheet),
    "xg" (Chinese 修改单, /XG1-2017), "csv" (an amendment merged into an IEC consolidated version, +AMD1:2023).
    """

    kind: str
    number: str
    year: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "year": self.year}


@dataclass(frozen=True, slots=True)
class Identifier:
    """A parsed standard identifier; equal values denote the same identifier."""

    tier: Tier
    prefix: str
    number: str
    nature: Nature | None = None
    part: str | None = None
    year: int | None = None
    industry_code: str | None = None
    region_code: str | None = None
    org_code: str | None = None
    supplements: tuple[Supplement, ...] = ()
    stage: str | None = None
    co_publishers: tuple[str, ...] = ()
    adopted: Identifier | None = None
    all_parts: bool = False

    @property
    def canonical(self) -> str:
        return formatting.format_identifier(self)

    @property
    def undated(self) -> str:
        """Canonical form without year, supplements, adoption, draft stage and "(all parts)"."""
        return formatting.format_reference(self, with_part=True)

    @property
    def series(self) -> str:
        """`undated` without the part: groups all parts of a series."""
        return formatting.format_reference(self, with_part=False)

    def __str__(self) -> str:
        return formatting.format_identifier(self)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready fields (the command-line output without "input" and "ok")."""
        return {
            "canonical": formatting.format_identifier(self),
            "tier": self.tier.value,
            "prefix": self.prefix,
            "nature": self.nature.value if self.nature is not None else None,
            "number": self.number,
            "part": self.part,
            "year": self.year,
            "industry_code": self.industry_code,
            "region_code": self.region_code,
            "org_code": self.org_code,
            "supplements": [s.as_dict() for s in self.supplements],
            "stage": self.stage,
            "co_publishers": list(self.co_publishers),
            "adopted": self.adopted.as_dict() if self.adopted is not None else None,
            "all_parts": self.all_parts,
        }
