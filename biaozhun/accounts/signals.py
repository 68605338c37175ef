"""Signals of sign-in security, for the security audit log (and anything else that must know).

Django's own auth signals keep firing as usual: ``user_logged_in`` (after the password, or after the second factor
for those who have one), ``user_logged_out`` (also when a session times out, see ``session_expired``) and
``user_login_failed``. Our sign-in sends ``user_login_failed`` in two more cases, with an extra keyword
``reason``: ``"locked"`` (refused without checking the password because the account or the address is locked)
and ``"second_factor"`` (right password, wrong or missing one-time code); ``credentials`` then holds only
``{"username": <what was typed or the account's username>}``. Django's own failures carry no ``reason``.

Every signal below is sent with ``sender`` = the module that sends it and these keyword arguments (``request``
is None when the change is not made from a web request, e.g. in a management command; the client address is
``biaozhun.core.ratelimit.client_address(request)``). Receivers run inside the transaction of the change, so a
record they write commits or rolls back with it.

=========================  ===========================================================================================
``sign_in_locked``         request, scope ("account" or "address"), key (the account name typed, or the address),
                           user (the ``User`` when the name is an existing account, else None), locked_until
                           (aware datetime), failures (count that led to the lock)
``sign_in_unlocked``       request, actor (who unlocked: an administrator, or the user by resetting their
                           password), user (None for an address), address ("" for an account), reason
                           ("administrator" or "password_reset")
``second_factor_enrolled`` request, actor, user, device ("totp")
``second_factor_removed``  request, actor (the user, or the administrator who reset it), user, devices (kinds)
``recovery_codes_issued``  request, actor, user, count
``recovery_code_used``     request, user, remaining (unused codes left)
``session_expired``        request, user, reason ("idle" or "lifetime"); ``user_logged_out`` follows
=========================  ===========================================================================================
"""

from django.dispatch import Signal

sign_in_locked = Signal()
sign_in_unlocked = Signal()
second_factor_enrolled = Signal()
second_factor_removed = Signal()
recovery_codes_issued = Signal()
recovery_code_used = Signal()
session_expired = Signal()
