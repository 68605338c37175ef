"""Feedback data: the items and their history (feedback.py), the tables administrators edit (tables.py), and what
becomes public or lets a visitor follow their item (public.py). States and actions are in
biaozhun/rules/feedback.py; only feedback/services change them, each change with its event (feedback/events.py)."""

from .feedback import Feedback as Feedback
from .feedback import FeedbackAttachment as FeedbackAttachment
from .feedback import FeedbackCategory as FeedbackCategory
from .feedback import FeedbackEvent as FeedbackEvent
from .feedback import FeedbackEventKind as FeedbackEventKind
from .feedback import FeedbackState as FeedbackState
from .public import AccessCode as AccessCode
from .public import Interpretation as Interpretation
from .public import InterpretationKind as InterpretationKind
from .tables import ExportFrequency as ExportFrequency
from .tables import ExportSubscription as ExportSubscription
from .tables import FeedbackSettingEvent as FeedbackSettingEvent
from .tables import FeedbackTimeLimit as FeedbackTimeLimit
from .tables import RoutingRule as RoutingRule
from .tables import RoutingTarget as RoutingTarget
from .tables import SettingEventKind as SettingEventKind
