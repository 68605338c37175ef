"""Back office of international standardization, one module per part (each registers its own model admins)."""

from . import indicators, participation, records, translations  # noqa: F401
