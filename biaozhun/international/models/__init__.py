"""The app's models, one module per part."""

from .participation import ChinaMembership as ChinaMembership
from .participation import HarmonizedStage as HarmonizedStage
from .participation import InternationalBallot as InternationalBallot
from .participation import InternationalBallotKind as InternationalBallotKind
from .participation import InternationalCommittee as InternationalCommittee
from .participation import MirrorLink as MirrorLink
from .participation import NationalVote as NationalVote
from .participation import ParticipationEvent as ParticipationEvent
from .participation import ParticipationEventKind as ParticipationEventKind
from .participation import Post as Post
from .participation import PostKind as PostKind
from .participation import WorkItem as WorkItem
