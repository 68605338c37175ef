"""Links from the filing dashboard to the other work pages of an authority (its standards due for periodic review,
its flags, batch submission...), which other parts of the filing app provide.

To add one: append a `WorkLink` to LINKS with the page's URL name, its label and the policy action a person needs
to see the link (a misspelt URL name raises, as a misspelt action does).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from biaozhun.accounts import policy


@dataclass(frozen=True)
class WorkLink:
    url_name: str  # e.g. "filing:periodic_due"
    label: Promise  # gettext_lazy
    action: str = "filing.work"  # the policy action a person needs to see the link


LINKS: list[WorkLink] = [
    WorkLink("filing:batch", _("批量备案")),
    WorkLink("filing:reviews", _("到期复审的标准")),
    WorkLink("filing:flags", _("国家标准覆盖提示")),
    WorkLink("filing:conversion", _("登记标准转化")),
]


def links(user: Any) -> list[tuple[str, str]]:
    """(address, label) of each registered page the person may open."""
    shown = []
    for link in LINKS:
        if policy.can(user, link.action):
            shown.append((reverse(link.url_name), str(link.label)))
    return shown
