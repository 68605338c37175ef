"""Every write to the catalogue goes through these services; each change records its event."""

from .conversions import record_conversion as record_conversion
from .fulltext import attach_amendment_text as attach_amendment_text
from .fulltext import attach_full_text as attach_full_text
from .locking import lock_catalogue as lock_catalogue
from .standards import AlreadyAbolished as AlreadyAbolished
from .standards import DuplicateStandard as DuplicateStandard
from .standards import StaleEdit as StaleEdit
from .standards import abolish_standard as abolish_standard
from .standards import add_amendment as add_amendment
from .standards import confirm_standard as confirm_standard
from .standards import create_standard as create_standard
from .standards import update_standard as update_standard
from .status import refresh_due_statuses as refresh_due_statuses
from .status import refresh_statuses as refresh_statuses
from .text_access import set_text_access as set_text_access
from .upsert import UpsertResult as UpsertResult
from .upsert import upsert_records as upsert_records
from .withdrawal import withdraw_amendment as withdraw_amendment
from .withdrawal import withdraw_standard as withdraw_standard
