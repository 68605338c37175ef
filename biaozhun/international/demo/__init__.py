"""Demo data of international standardization, one module per part, each with `load(stdout) -> str` (idempotent)."""

from types import ModuleType

from . import adoption, participation, records, translations

PARTS: tuple[ModuleType, ...] = (records, adoption, participation, translations)
