"""The checks run on a filing when it is submitted or resubmitted, each with its evidence. They never block a
submission: they inform the reviewer (who returns the filing with reasons per check) and the submitter.

Each check is a function of a `Subject` (what is being filed) returning one `Result`; `run_checks` runs them all
in a fixed order. A result's ``outcome``: ``ok`` (nothing found), ``note`` (worth knowing, e.g. a late filing),
``flag`` (the reviewer should look: a possible conflict, a missing replaced standard). Codes are stable (the API
and returned filings' reasons name them); messages are in the reader's language when the page shows them
(filing/check_text.py), so stored results carry codes and parameters, never sentences.
"""

from __future__ import annotations

from .base import CHECK_CODES, Outcome, Result, Subject, run_checks

__all__ = ["CHECK_CODES", "Outcome", "Result", "Subject", "run_checks"]
