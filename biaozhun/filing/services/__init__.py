"""Every write of filing: submission and revision by the authority, the province's approval of a city's filing,
the national review, and the daily sweep. Each is atomic, asks the policy first and records its event."""

from .province import approve_city_filing, return_city_filing
from .review import accept_filing, return_filing
from .submission import FilingInput, resubmit_filing, submit_filing, withdraw_filing
from .sweep import remind_reviewers

__all__ = [
    "FilingInput",
    "accept_filing",
    "approve_city_filing",
    "remind_reviewers",
    "resubmit_filing",
    "return_city_filing",
    "return_filing",
    "submit_filing",
    "withdraw_filing",
]
