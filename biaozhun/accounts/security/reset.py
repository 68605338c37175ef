"""Throttled password-reset emails: at most ``BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ACCOUNT`` emails per account and
``BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ADDRESS`` per client address (rates such as "3/hour"). Over either, no email
is sent, and the page answers exactly as when one is: nobody learns from it whether an address is registered.
(The form page itself is also rate limited, with a 429 page, by ``BIAOZHUN_RATE_PASSWORD_RESET``.)"""

from __future__ import annotations

from django.conf import settings

from biaozhun.core.ratelimit import hit


def may_send_reset(*, user, address: str) -> bool:
    """Count a reset email about to go to ``user`` at the request of ``address``; False over either limit."""
    if address and not hit("password_reset_email_address", address,
                           settings.BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ADDRESS).allowed:
        return False
    return hit("password_reset_email_account", f"user:{user.pk}",
               settings.BIAOZHUN_PASSWORD_RESET_EMAILS_PER_ACCOUNT).allowed
