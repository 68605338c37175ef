"""The assessment's pages: the administration's (views/administration.py), one assessment's (views/assessment.py),
the secretariat's and the annual report's downloads (views/reports.py)."""
