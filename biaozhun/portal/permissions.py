"""Watch lists (registered with the policy): any registered person follows standards; watches are private."""

from typing import Any

from biaozhun.accounts.policy import everyone


# fmt: off
def _manage_watch(user: Any, watch: Any) -> bool:
    """Watches are private: only their owner changes them."""
    return (
        watch is None
        or watch.user_id == user.pk
    )
# fmt: on


RULES = {
    "portal.watch": everyone,
    "portal.manage_watch": _manage_watch,
}
