"""Security events of accounts that other apps listen to (the audit log records each one: audit/receivers.py).

accounts imports no app above it, so it announces these events and the audit app, which is above it, records
them. Every signal is sent with keyword arguments and ``sender`` = the module or class sending it; receivers must
accept ``**kwargs``. ``request`` is None when the change is not made from a web request (a management command);
the client address is ``biaozhun.core.ratelimit.client_address(request)``. Receivers run inside the transaction of
the change, so a record they write commits or rolls back with it.

Django's own auth signals keep firing as usual: ``user_logged_in`` (after the password, or after the second factor
for those who have one), ``user_logged_out`` (also when a session times out, see ``session_expired``) and
``user_login_failed``. Our sign-in sends ``user_login_failed`` in two more cases, with an extra keyword
``reason``: ``"locked"`` (refused without checking the password because the account or the address is locked)
and ``"second_factor"`` (right password, wrong or missing one-time code); ``credentials`` then holds only
``{"username": <what was typed or the account's username>}``. Django's own failures carry no ``reason``.

==========================  ==========================================================================================
``sign_in_locked``          request, scope ("account" or "address"), key (the account name typed, or the address),
                            user (the ``User`` when the name is an existing account, else None), locked_until
                            (aware datetime), failures (count that led to the lock)
``sign_in_unlocked``        request, actor (who unlocked: an administrator, or the user by resetting their
                            password), user (None for an address), address ("" for an account), reason
                            ("administrator" or "password_reset")
``second_factor_enrolled``  request, actor, user, device ("totp")
``second_factor_removed``   request, actor (the user, or the administrator who reset it), user, devices (kinds)
``recovery_codes_issued``   request, actor, user, count
``recovery_code_used``      request, user, remaining (unused codes left)
``session_expired``         request, user, reason ("idle" or "lifetime"); ``user_logged_out`` follows
``password_changed``        user, request, by (who set it: the user, or an administrator)
``password_reset_requested`` email (as typed), users (the accounts it matched, maybe none), request
``password_reset_completed`` user, request
``user_access_changing``    user, actor, before, after (the changed access, as in the event)
==========================  ==========================================================================================

Send them only once the change has succeeded (inside its transaction if it has one), except
``user_access_changing``: ``services.change_user_access`` sends it before saving, and a receiver refuses the
change by raising ``ValidationFailed`` (the audit app refuses superuser status for an auditor).
"""

from django.dispatch import Signal

sign_in_locked = Signal()
sign_in_unlocked = Signal()
second_factor_enrolled = Signal()
second_factor_removed = Signal()
recovery_codes_issued = Signal()
recovery_code_used = Signal()
session_expired = Signal()
password_changed = Signal()
password_reset_requested = Signal()
password_reset_completed = Signal()
user_access_changing = Signal()
