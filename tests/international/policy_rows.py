"""Rows of the role × action matrix for international standardization: each part's in its own module."""

from .policy_rows_adoption import ROWS as ADOPTION

ROWS = [*ADOPTION]
