"""Enterprise self-declaration (自我声明公开): enterprises, their products, the standards they declare they
execute, the indicators of their own enterprise standards, and the history of every declaration."""

from .declarations import (
    Declaration as Declaration,
)
from .declarations import (
    DeclarationEvent as DeclarationEvent,
)
from .declarations import (
    DeclarationEventKind as DeclarationEventKind,
)
from .declarations import (
    DeclarationProduct as DeclarationProduct,
)
from .declarations import (
    DeclarationState as DeclarationState,
)
from .declarations import (
    DeclarationVersion as DeclarationVersion,
)
from .declarations import (
    StandardSource as StandardSource,
)
from .enterprises import EnterpriseProfile as EnterpriseProfile
from .enterprises import Product as Product
from .history import DeclarationImport as DeclarationImport
from .history import EnterpriseEvent as EnterpriseEvent
from .history import EnterpriseEventKind as EnterpriseEventKind
from .indicators import Comparator as Comparator
from .indicators import Indicator as Indicator
from .indicators import IndicatorCategory as IndicatorCategory
from .limits import LimitComparator as LimitComparator
from .limits import LimitEventKind as LimitEventKind
from .limits import MandatoryIndicator as MandatoryIndicator
from .limits import MandatoryIndicatorEvent as MandatoryIndicatorEvent
