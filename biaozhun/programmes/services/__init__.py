"""Every write of the programmes app (re-exported by name)."""

from .applications import AlreadyApplied as AlreadyApplied
from .applications import ApplicationInput as ApplicationInput
from .applications import CallNotOpen as CallNotOpen
from .applications import apply_for_pilot as apply_for_pilot
from .applications import approve_application as approve_application
from .applications import reject_application as reject_application
from .applications import start_review as start_review
from .applications import withdraw_application as withdraw_application
from .evaluations import conclude_evaluation as conclude_evaluation
from .evaluations import open_evaluation as open_evaluation
from .evaluations import result_of as result_of
from .evaluations import score_evaluation as score_evaluation
from .evidence import link_evidence as link_evidence
from .programmes import ProgrammeInput as ProgrammeInput
from .programmes import create_programme as create_programme
from .programmes import move_call as move_call
