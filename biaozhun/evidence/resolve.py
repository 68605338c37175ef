"""From what a person typed to the thing it names, seen through the policy of the person linking it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.identifiers import IdentifierError

from .kinds import HINTS, EvidenceKind

_ID = re.compile(r"^#?\s*(\d{1,12})$")
_ADDRESS_ID = re.compile(r"/(\d{1,12})/?(?:[?#].*)?$")


class EvidenceError(ValidationError):
    """Nothing the person may see matches what was typed; the message says what was expected."""


@dataclass(frozen=True)
class Evidence:
    kind: EvidenceKind
    key: str  # the standard's number, the committee's code, or the record's id
    label: str
    url: str

    def fields(self) -> dict[str, str]:
        """The columns an EvidenceLink keeps."""
        return {"kind": self.kind.value, "key": self.key, "label": self.label[:300]}


def _number_in(text: str) -> int | None:
    """An id as typed: "123", "#123", or a page address ending in /123/."""
    match = _ID.match(text) or _ADDRESS_ID.search(text)
    return int(match.group(1)) if match else None


def _not_found(kind: EvidenceKind, text: str) -> EvidenceError:
    return EvidenceError(_("没有找到“%(text)s”对应的%(kind)s（或您无权查看）。请填写%(hint)s。")
                         % {"text": text[:80], "kind": kind.label, "hint": HINTS[kind]}, code="not_found")


def _standard(text: str, viewer: Any) -> Evidence | None:
    from biaozhun.catalog.selectors import edition_for_number

    try:
        standard = edition_for_number(viewer=viewer, text=text)
    except IdentifierError:
        return None
    if standard is None:
        return None
    return Evidence(EvidenceKind.STANDARD, standard.identifier, f"{standard.identifier} {standard.title}",
                    standard.get_absolute_url())


def _project(text: str, viewer: Any) -> Evidence | None:
    from biaozhun.development.models import Project

    project = Project.objects.filter(plan_number=text.upper()).first()
    if project is None and (pk := _number_in(text)) is not None:
        project = Project.objects.filter(pk=pk).first()
    if project is None:
        return None
    return Evidence(EvidenceKind.PROJECT, str(project.pk), str(project), project.get_absolute_url())


def _filing(text: str, viewer: Any) -> Evidence | None:
    from biaozhun.filing.models import Filing

    pk = _number_in(text)
    candidates = (Filing.objects.filter(pk=pk) if pk is not None
                  else Filing.objects.filter(identifier__iexact=re.sub(r"\s+", " ", text)).order_by("-pk"))
    filing = next((f for f in candidates[:20] if policy.can(viewer, "filing.view", f)), None)
    if filing is None:
        return None
    return Evidence(EvidenceKind.FILING, str(filing.pk), str(filing), filing.get_absolute_url())


def _campaign(text: str, viewer: Any) -> Evidence | None:
    from biaozhun.inspections.models import Campaign

    pk = _number_in(text)
    campaign = Campaign.objects.filter(pk=pk).first() if pk is not None else None
    if campaign is None or not policy.can(viewer, "inspections.view", campaign):
        return None
    return Evidence(EvidenceKind.CAMPAIGN, str(campaign.pk), str(campaign), campaign.get_absolute_url())


def _committee(text: str, viewer: Any) -> Evidence | None:
    from biaozhun.committees.models import Committee

    code = re.sub(r"\s*/\s*", "/", text.upper().replace("／", "/"))
    code = re.sub(r"([A-Z])\s*(\d)", r"\1 \2", re.sub(r"\s+", " ", code)).strip()
    committee = (Committee.objects.filter(code=code).first()
                 or Committee.objects.filter(code=f"SAC/{code}").first())  # "TC 28" means SAC/TC 28
    if committee is None:
        return None
    return Evidence(EvidenceKind.COMMITTEE, committee.code, str(committee), committee.get_absolute_url())


_READERS = {
    EvidenceKind.STANDARD: _standard,
    EvidenceKind.PROJECT: _project,
    EvidenceKind.FILING: _filing,
    EvidenceKind.CAMPAIGN: _campaign,
    EvidenceKind.COMMITTEE: _committee,
}


def resolve(kind: str, text: str, *, viewer: Any) -> Evidence:
    """The thing of this kind that `text` names, as `viewer` may see it; EvidenceError otherwise."""
    if kind not in EvidenceKind.values:
        raise EvidenceError(_("请选择材料类型。"), code="kind")
    kind = EvidenceKind(kind)
    text = unicodedata.normalize("NFKC", text or "").strip()  # full-width letters and digits as typed on phones
    if not text or len(text) > 200 or "\x00" in text:
        raise EvidenceError(_("请填写%(hint)s。") % {"hint": HINTS[kind]}, code="blank")
    found = _READERS[kind](text, viewer)
    if found is None:
        raise _not_found(kind, text)
    return found


def url_for(kind: str, key: str) -> str:
    """The page of a linked thing, from its stored key (no query)."""
    if kind == EvidenceKind.STANDARD:
        return reverse("portal:standard_detail", args=[key])
    if kind == EvidenceKind.COMMITTEE:
        return reverse("committees:detail", args=[key])
    name = {EvidenceKind.PROJECT: "development:detail", EvidenceKind.FILING: "filing:detail",
            EvidenceKind.CAMPAIGN: "inspections:detail"}[EvidenceKind(kind)]
    return reverse(name, args=[int(key)])
