"""What the catalogue tells other apps without knowing them."""

from django.dispatch import Signal

# Sent by services.status inside the transaction that stored new derived statuses, with `changes`:
# {standard id: its new status} (only editions whose status changed). The filing app keeps its copy of a filed
# edition's status true with it (filing/receivers.py).
statuses_changed = Signal()
