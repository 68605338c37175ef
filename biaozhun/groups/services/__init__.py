"""Every write of the groups app; each change records its event (groups/events.py)."""

from .announcements import AnnouncementInput as AnnouncementInput
from .announcements import CommentPeriodClosed as CommentPeriodClosed
from .announcements import comment_phase as comment_phase
from .announcements import post_announcement as post_announcement
from .announcements import submit_comment as submit_comment
from .profiles import AlreadyRegistered as AlreadyRegistered
from .profiles import ProfileInput as ProfileInput
from .profiles import StaleProfile as StaleProfile
from .profiles import register_group as register_group
from .profiles import update_group as update_group
from .standards import GroupStandardInput as GroupStandardInput
from .standards import publish_group_standard as publish_group_standard
