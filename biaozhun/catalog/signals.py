"""What the catalogue tells other apps without knowing them."""

from django.dispatch import Signal

# Sent by services.status inside the transaction that stored new derived statuses, with `changes`:
# {standard id: its new status} (only editions whose status changed). The filing app keeps its copy of a filed
# edition's status true with it (filing/receivers.py).
statuses_changed = Signal()

# Sent by services.events.record inside the transaction that appended catalogue events, with `kinds`: the set of
# event kinds recorded (EventKind values). Change propagation starts its scan of the history from it
# (propagation/receivers.py).
events_recorded = Signal()
