"""Every write of feedback (the only place an item's state, assignment or answer changes, each with its event):

submission   receive an item (checked, numbered, deadlines, attachments) and route it by the table
handling     acknowledge, answer, close, merge, reject, reassign; route by hand
sweep        the daily time limits: route what waits, remind, escalate what is overdue, close what is answered
tracking     one-time codes that let a visitor follow their own item
interpretations  answers published on the standard's page, withdrawn
tables       the administrators' tables: time limits, routing rules, export subscriptions
exports      the periodic exports sent when due
"""

from .handling import acknowledge_feedback as acknowledge_feedback
from .handling import answer_feedback as answer_feedback
from .handling import close_feedback as close_feedback
from .handling import merge_feedback as merge_feedback
from .handling import reassign_feedback as reassign_feedback
from .handling import reject_feedback as reject_feedback
from .handling import route_feedback as route_feedback
from .interpretations import publish_interpretation as publish_interpretation
from .interpretations import withdraw_interpretation as withdraw_interpretation
from .submission import Contact as Contact
from .submission import submit_feedback as submit_feedback
from .sweep import sweep_feedback as sweep_feedback
from .tracking import request_access_code as request_access_code
from .tracking import verify_access_code as verify_access_code
