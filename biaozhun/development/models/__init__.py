"""Development data: projects and their history, drafts, comments, ballots, periodic reviews, routing, limits."""

from .ballots import Ballot, Vote, VoteChoice
from .comments import Comment, Disposition
from .documents import DocumentKind, DraftDocument
from .limits import TimeLimit
from .projects import STAGE_CHOICES, STAGE_LABELS, ExtensionRequest, Project, ProjectEvent, ProjectKind
from .reviews import PeriodicReview, ReviewConclusion
from .routing import NotificationRule, Recipient

__all__ = [
    "STAGE_CHOICES", "STAGE_LABELS", "Ballot", "Comment", "Disposition", "DocumentKind", "DraftDocument", "ExtensionRequest",
    "NotificationRule", "PeriodicReview", "Project", "ProjectEvent", "ProjectKind", "Recipient", "ReviewConclusion",
    "TimeLimit", "Vote", "VoteChoice",
]
