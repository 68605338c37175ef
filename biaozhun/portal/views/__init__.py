"""Public pages, one module per area."""

from .catalogue import full_text as full_text
from .catalogue import home as home
from .catalogue import read_full_text as read_full_text
from .catalogue import standard_detail as standard_detail
from .citations import citation as citation
from .search import search as search
from .validity import validity_check as validity_check
from .watch import save_search as save_search
from .watch import unwatch as unwatch
from .watch import watch_list as watch_list
from .watch import watch_standard as watch_standard
