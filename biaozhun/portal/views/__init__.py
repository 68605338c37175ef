"""Public pages, one module per area."""

from .catalogue import home as home
from .catalogue import standard_detail as standard_detail
from .citations import citation as citation
from .search import search as search
from .texts import amendment_text as amendment_text
from .texts import full_text as full_text
from .texts import read_amendment as read_amendment
from .texts import read_full_text as read_full_text
from .texts import text_bundle as text_bundle
from .validity import validity_check as validity_check
from .watch import save_search as save_search
from .watch import unwatch as unwatch
from .watch import watch_list as watch_list
from .watch import watch_standard as watch_standard
