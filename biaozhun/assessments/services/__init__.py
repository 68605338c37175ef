"""Every write of the assessments app: the scheme of a year, the assessments, the decisions."""

from .assessments import RunResult as RunResult
from .assessments import compute_assessment as compute_assessment
from .assessments import finalise_assessment as finalise_assessment
from .assessments import open_assessment as open_assessment
from .assessments import run_assessments as run_assessments
from .assessments import score_assessment as score_assessment
from .decisions import close_correction as close_correction
from .decisions import decide_on_assessment as decide_on_assessment
from .schemes import StaleEdit as StaleEdit
from .schemes import ensure_scheme as ensure_scheme
from .schemes import update_scheme as update_scheme
