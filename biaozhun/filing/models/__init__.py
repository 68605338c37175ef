"""Filing (备案) of industry and local standards: who owns which codes, the filings, their checks and history,
and the tables administrators edit (time limits, wording rules).

A filing is not a catalogue edition: it carries the edition's record (the catalogue interchange format,
docs/catalog-jsonl.md) until a reviewer accepts it, and only then does the edition enter the catalogue
(filing/services/review.py). States and moves are in biaozhun/rules/filing.py; only filing/services change them,
each change with its event (filing/events.py).
"""

from .batches import FilingBatch as FilingBatch
from .batches import FilingBatchFormat as FilingBatchFormat
from .batches import FilingBatchRow as FilingBatchRow
from .batches import FilingBatchState as FilingBatchState
from .filings import PROVINCE as PROVINCE
from .filings import FiledStatus as FiledStatus
from .filings import Filing as Filing
from .filings import FilingEvent as FilingEvent
from .filings import FilingEventKind as FilingEventKind
from .filings import FilingNumberCounter as FilingNumberCounter
from .filings import FilingState as FilingState
from .filings import FilingTier as FilingTier
from .filings import IndustryCodeOwner as IndustryCodeOwner
from .periodic import AbolitionNotice as AbolitionNotice
from .periodic import FlagEventKind as FlagEventKind
from .periodic import FlagState as FlagState
from .periodic import ReviewOutcome as ReviewOutcome
from .periodic import StandardReview as StandardReview
from .periodic import SupersessionFlag as SupersessionFlag
from .periodic import SupersessionFlagEvent as SupersessionFlagEvent
from .periodic import SupersessionScan as SupersessionScan
from .tables import FilingTimeLimit as FilingTimeLimit
from .tables import WordingRule as WordingRule
from .tables import WordingRuleKind as WordingRuleKind
