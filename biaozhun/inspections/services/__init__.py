"""Every write of random inspections (services write; selectors read)."""

from .abolitions import abolish_standard as abolish_standard
from .campaigns import commit_campaign as commit_campaign
from .campaigns import create_campaign as create_campaign
from .campaigns import draw_campaign as draw_campaign
from .pool import add_inspector as add_inspector
from .pool import import_inspectors as import_inspectors
from .results import close_campaign as close_campaign
from .results import complete_inspection as complete_inspection
from .results import follow_up_order as follow_up_order
from .results import publish_results as publish_results
from .results import record_finding as record_finding
from .sweep import mark_overdue as mark_overdue
