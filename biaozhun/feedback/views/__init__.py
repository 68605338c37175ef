"""Feedback pages: writing it (submit.py), following it (track.py), one item and what its handler does with it
(item.py), the handlers' and the national administration's work pages (work.py), statistics and the regulators'
exports (reports.py)."""
