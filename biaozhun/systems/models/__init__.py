"""The app's models, one module per part."""

from .systems import NodeProject as NodeProject
from .systems import NodeStandard as NodeStandard
from .systems import PlannedEntry as PlannedEntry
from .systems import Priority as Priority
from .systems import StandardSystem as StandardSystem
from .systems import SystemEvent as SystemEvent
from .systems import SystemEventKind as SystemEventKind
from .systems import SystemNode as SystemNode
from .tags import CarryCursor as CarryCursor
from .tags import ProgrammeTag as ProgrammeTag
from .tags import ProjectTag as ProjectTag
from .tags import StandardTag as StandardTag
from .tags import TagEvent as TagEvent
from .tags import TagEventKind as TagEventKind
