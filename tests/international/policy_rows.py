"""Role rows of every part of the international app (tests/accounts/test_policy.py reads ``ROWS`` here)."""

from .policy_rows_translations import ROWS as TRANSLATIONS

ROWS = [*TRANSLATIONS]
