"""Rows of the role × action matrix (tests/accounts/test_policy.py) for international standardization: each part's."""

from .policy_rows_adoption import ROWS as ADOPTION
from .policy_rows_participation import ROWS as PARTICIPATION
from .policy_rows_translations import ROWS as TRANSLATIONS

ROWS = [*ADOPTION, *PARTICIPATION, *TRANSLATIONS]
