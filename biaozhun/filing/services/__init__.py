"""Every write of filing: submission and revision by the authority, the province's approval of a city's filing,
the national review, the daily sweep, periodic review with its abolition announcements, and supersession flags.
Each is atomic, asks the policy first and records its event."""

from .flags import confirm_flag, dismiss_flag, scan_national_editions
from .periodic import NoticeInput, conclude_reviews
from .province import approve_city_filing, return_city_filing
from .review import accept_filing, return_filing
from .submission import FilingInput, resubmit_filing, submit_filing, withdraw_filing
from .sweep import remind_reviewers

__all__ = [
    "FilingInput",
    "NoticeInput",
    "accept_filing",
    "approve_city_filing",
    "conclude_reviews",
    "confirm_flag",
    "dismiss_flag",
    "remind_reviewers",
    "resubmit_filing",
    "return_city_filing",
    "return_filing",
    "scan_national_editions",
    "submit_filing",
    "withdraw_filing",
]
