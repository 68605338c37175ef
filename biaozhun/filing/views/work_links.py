"""Links from the filing dashboard to the other work pages of an authority (its standards due for periodic review,
its flags, batch submission...), which other parts of the filing app provide.

To add one: append a `WorkLink` to LINKS with the page's URL name, its label and the policy action a person needs
to see the link. A link whose URL name does not resolve (its page not merged yet) is left out, so entries may be
added before their pages exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from biaozhun.accounts import policy


@dataclass(frozen=True)
class WorkLink:
    url_name: str  # e.g. "filing:periodic_due"
    label: Promise  # gettext_lazy
    action: str = "filing.work"  # the policy action a person needs to see the link


LINKS: list[WorkLink] = [
    # The lead adds the periodic review's and the flags' pages here when they are merged, e.g.
    # WorkLink("filing:<due list URL name>", gettext_lazy("到期复审的标准")),
]


def links(user: Any) -> list[tuple[str, str]]:
    """(address, label) of each registered page the person may open."""
    shown = []
    for link in LINKS:
        try:
            address = reverse(link.url_name)
        except NoReverseMatch:
            continue
        if policy.can(user, link.action):
            shown.append((address, str(link.label)))
    return shown
