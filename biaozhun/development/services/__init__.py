"""Every write to development data goes through these modules; each change records its ProjectEvent.

projects    propose, move between stages (the workflow table and the guards decide)
guards      what a stage needs before a project may enter it
events      the one writer of ProjectEvent (and the email routing hook)
documents   versioned drafts and approval-package files
comments    comments under real names and their dispositions
ballots     technical review ballots: open, vote, close with the tally
publication WTO/TBT notification, publication creating the catalogue edition, entry into force
deadlines   the daily sweep: periods, reminders, overdue freezing; extension requests
reviews     periodic review (复审) conclusions
"""

from .projects import StaleProject, move_project, propose_project

__all__ = ["StaleProject", "move_project", "propose_project"]
