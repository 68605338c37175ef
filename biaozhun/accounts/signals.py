"""Security events of accounts that other apps listen to (the audit log records each one, audit/receivers.py).

accounts imports no app above it, so it announces these events and the audit app, which is above it,
records them. Every signal is sent with keyword arguments; receivers must accept ``**kwargs``.

=========================  ====================================================================================
signal                     arguments (besides ``sender``, the class or module sending it)
=========================  ====================================================================================
account_locked             ``user``, ``request`` (None outside a request); optional ``reason``, ``until``
account_unlocked           ``user``, ``request``; optional ``by`` (the administrator who unlocked it)
mfa_enrolled               ``user``, ``request``
mfa_removed                ``user``, ``request``; optional ``by``
recovery_code_used         ``user``, ``request``; optional ``remaining`` (codes left)
password_changed           ``user``, ``request``, ``by`` (who set it: the user, or an administrator)
password_reset_requested   ``email`` (as typed), ``users`` (the accounts it matched, maybe none), ``request``
password_reset_completed   ``user``, ``request``
user_access_changing       ``user``, ``actor``, ``before``, ``after`` (the changed access, as in the event)
=========================  ====================================================================================

Send them only once the change has succeeded (inside its transaction if it has one), except
``user_access_changing``: ``services.change_user_access`` sends it before saving, and a receiver refuses the
change by raising ``ValidationFailed`` (the audit app refuses superuser status for an auditor).
"""

from django.dispatch import Signal

account_locked = Signal()
account_unlocked = Signal()
mfa_enrolled = Signal()
mfa_removed = Signal()
recovery_code_used = Signal()
password_changed = Signal()
password_reset_requested = Signal()
password_reset_completed = Signal()
user_access_changing = Signal()
