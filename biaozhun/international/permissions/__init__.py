"""Who may do what in international standardization: each part's rules in its own module, registered as one."""

from types import ModuleType

from . import adoption, indicators, participation, translations

PARTS: tuple[ModuleType, ...] = (adoption, participation, translations, indicators)

RULES: dict = {}
FILTERS: dict = {}
DENIALS: dict = {}
PUBLIC_ACTIONS: tuple[str, ...] = ()
for _part in PARTS:
    RULES.update(_part.RULES)
    FILTERS.update(getattr(_part, "FILTERS", {}))
    DENIALS.update(getattr(_part, "DENIALS", {}))
    PUBLIC_ACTIONS += tuple(getattr(_part, "PUBLIC_ACTIONS", ()))
