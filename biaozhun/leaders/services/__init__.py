"""Every write of the leaders app: key products (products.py) and schemes (schemes.py), ranking runs
(ranking.py), leader lists, notice, objections and publication (lists.py). Each is atomic, takes the actor first,
asks the policy and writes its event (events.py) in the same transaction."""

from .lists import decide_objection as decide_objection
from .lists import draft_leader_list as draft_leader_list
from .lists import open_notice as open_notice
from .lists import publish_leader_list as publish_leader_list
from .lists import submit_objection as submit_objection
from .products import KeyProductInput as KeyProductInput
from .products import StaleEdit as StaleEdit
from .products import create_key_product as create_key_product
from .products import update_key_product as update_key_product
from .ranking import run_ranking as run_ranking
from .schemes import create_scheme as create_scheme
from .schemes import update_scheme as update_scheme
