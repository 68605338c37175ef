"""The leaders tables: key products and schemes (products.py), ranking runs (runs.py), leader lists, entries and
objections (lists.py), and their history (events.py)."""

from .events import LeadersEvent as LeadersEvent
from .events import LeadersEventKind as LeadersEventKind
from .lists import EntryState as EntryState
from .lists import LeaderEntry as LeaderEntry
from .lists import LeaderList as LeaderList
from .lists import ListState as ListState
from .lists import Objection as Objection
from .lists import ObjectionState as ObjectionState
from .products import Direction as Direction
from .products import KeyProduct as KeyProduct
from .products import MatchMode as MatchMode
from .products import Scheme as Scheme
from .products import SchemeIndicator as SchemeIndicator
from .products import ThresholdKind as ThresholdKind
from .runs import RankingRun as RankingRun
from .runs import RankingStatus as RankingStatus
