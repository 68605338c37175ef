"""Development data: projects and their history, drafts, comments, ballots, periodic reviews, routing, limits."""

from .ballots import Ballot, Vote, VoteChoice
from .comments import Comment, Disposition
from .documents import DocumentKind, DraftDocument, draft_name
from .limits import TimeLimit
from .projects import ExtensionRequest, Project, ProjectEvent, ProjectKind
from .reviews import PeriodicReview, ReviewConclusion
from .routing import NotificationRule, Recipient
from .stages import (
    PERIOD_CHOICES,
    PERIOD_LABELS,
    PUBLIC_LIST_LABELS,
    STAGE_CHOICES,
    STAGE_LABELS,
    period_label,
    stage_label,
)

__all__ = [
    "PERIOD_CHOICES", "PERIOD_LABELS", "PUBLIC_LIST_LABELS", "STAGE_CHOICES", "STAGE_LABELS", "Ballot", "Comment",
    "Disposition", "DocumentKind", "DraftDocument", "ExtensionRequest", "NotificationRule", "PeriodicReview",
    "Project", "ProjectEvent", "ProjectKind", "Recipient", "ReviewConclusion", "TimeLimit", "Vote", "VoteChoice",
    "draft_name", "period_label", "stage_label",
]
