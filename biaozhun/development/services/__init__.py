"""Every write to development data goes through these modules; each change records its ProjectEvent. Every
service is keyword-only with the actor first (a user, or core.actors.SYSTEM when the platform acts) and asks the
policy before it writes.

projects    propose, move between stages (the workflow table and the guards decide), edit the free details
guards      what a stage needs before a project may enter it
events      the one writer of ProjectEvent: a constructor per kind (and the email routing hook)
documents   versioned drafts and approval-package files
comments    comments under real names and their dispositions
ballots     technical review ballots: open, vote, close with the tally
details     what publication carries into the catalogue (classification, department, drafters), cleaned
publication WTO/TBT notification, publication creating the catalogue edition with its full text
withdrawal  withdrawing a publication made in error (the project returns to approval)
deadlines   extensions of the approval deadline: requests and decisions
reviews     periodic review (复审) conclusions

The daily sweep (periods, reminders, freezing, entry into force, due ballots) is ../sweep.py; reads are in
../selectors.py.
"""

from .projects import StaleProject, move_project, propose_project, update_project_details

__all__ = ["StaleProject", "move_project", "propose_project", "update_project_details"]
