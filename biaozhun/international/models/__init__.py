"""The app's models, one module per part."""

from .indicators import Comparison as Comparison
from .indicators import ComparisonEvent as ComparisonEvent
from .indicators import ComparisonEventKind as ComparisonEventKind
from .indicators import IndicatorRow as IndicatorRow
from .indicators import VerdictChoice as VerdictChoice
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
from .records import InternationalRecord as InternationalRecord
from .records import Organisation as Organisation
from .translations import TargetLanguage as TargetLanguage
from .translations import TranslationEvent as TranslationEvent
from .translations import TranslationEventKind as TranslationEventKind
from .translations import TranslationProject as TranslationProject
from .translations import TranslationStateChoice as TranslationStateChoice
