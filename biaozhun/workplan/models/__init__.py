"""The work plan's models: the plan as imported (plan, parts, sections), its items as tasks, and their history."""

from .plans import PlanEvent as PlanEvent
from .plans import PlanEventKind as PlanEventKind
from .plans import PlanPart as PlanPart
from .plans import PlanSection as PlanSection
from .plans import WorkPlan as WorkPlan
from .tasks import ProgressReport as ProgressReport
from .tasks import Task as Task
from .tasks import TaskEvent as TaskEvent
from .tasks import TaskEventKind as TaskEventKind
from .tasks import TaskEvidence as TaskEvidence
from .tasks import TaskStateChoice as TaskStateChoice

__all__ = ["PlanEvent", "PlanEventKind", "PlanPart", "PlanSection", "ProgressReport", "Task", "TaskEvent",
           "TaskEventKind", "TaskEvidence", "TaskStateChoice", "WorkPlan"]
