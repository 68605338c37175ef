"""双随机、一公开: campaigns, the inspector pool, the draw's record, findings and correction orders."""

from .abolitions import AbolishedKind as AbolishedKind
from .abolitions import AbolitionNotice as AbolitionNotice
from .campaigns import Campaign as Campaign
from .campaigns import CampaignEvent as CampaignEvent
from .campaigns import CampaignEventKind as CampaignEventKind
from .campaigns import CampaignState as CampaignState
from .campaigns import CheckItem as CheckItem
from .campaigns import InspectionTimeLimit as InspectionTimeLimit
from .campaigns import Inspector as Inspector
from .campaigns import RegionLevel as RegionLevel
from .results import CorrectionOrder as CorrectionOrder
from .results import Finding as Finding
from .results import ItemInspector as ItemInspector
from .results import OrderState as OrderState
from .results import Outcome as Outcome
from .results import SampledItem as SampledItem
