"""The app's models, one module per part."""

from .indicators import Comparison as Comparison
from .indicators import ComparisonEvent as ComparisonEvent
from .indicators import ComparisonEventKind as ComparisonEventKind
from .indicators import IndicatorRow as IndicatorRow
from .indicators import VerdictChoice as VerdictChoice
from .translations import TargetLanguage as TargetLanguage
from .translations import TranslationEvent as TranslationEvent
from .translations import TranslationEventKind as TranslationEventKind
from .translations import TranslationProject as TranslationProject
from .translations import TranslationStateChoice as TranslationStateChoice
