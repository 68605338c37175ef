"""The back office of international standardization: each part's admin in its own module."""

from . import indicators, translations  # noqa: F401
