"""Every write of the leaders app: key products and schemes (products.py), ranking runs (ranking.py), leader
lists, notice, objections and publication (lists.py). Each is atomic, takes the actor first, asks the policy and
writes its event (events.py) in the same transaction."""

from .lists import decide_objection as decide_objection
from .lists import draft_leader_list as draft_leader_list
from .lists import open_notice as open_notice
from .lists import publish_leader_list as publish_leader_list
from .lists import submit_objection as submit_objection
from .products import create_key_product as create_key_product
from .products import create_scheme as create_scheme
from .ranking import run_ranking as run_ranking
