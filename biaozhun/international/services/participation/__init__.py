"""Every write of China's participation in ISO/IEC: the register, mirror links and posts; work items and stages;
ballots, votes and the daily sweep of their deadlines."""

from .register import CounterpartsResult as CounterpartsResult
from .register import link_counterparts as link_counterparts
from .register import link_mirror as link_mirror
from .register import record_post as record_post
from .register import register_committee as register_committee
from .register import unlink_mirror as unlink_mirror
from .register import update_committee as update_committee
from .register import update_post as update_post
from .reminders import SweepResult as SweepResult
from .reminders import sweep_ballots as sweep_ballots
from .work import mirrors as mirrors
from .work import move_stage as move_stage
from .work import open_ballot as open_ballot
from .work import record_vote as record_vote
from .work import record_work_item as record_work_item
