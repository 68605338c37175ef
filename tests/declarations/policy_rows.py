"""Rows of the role × action matrix for declarations (tests/accounts/test_policy.py). Each part of the app keeps its
rows in a module of its own, ``rows_<part>.py`` beside this one, collected here."""

import importlib
import pkgutil
from pathlib import Path

ROWS = []
for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if module.name.startswith("rows_"):
        ROWS.extend(importlib.import_module(f"{__package__}.{module.name}").ROWS)
