"""An administrator's decision on who may read and download one standard's text, where its publisher says
otherwise than the rules (biaozhun/rules/text_access.py): a group that publishes its texts, a text withdrawn
from public reading. Recorded with its reason and shown to readers with it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, TextAccess
from biaozhun.core import clock
from biaozhun.core.errors import ValidationFailed

from . import events
from .locking import lock_catalogue

NOTE_MAX = Standard._meta.get_field("text_access_note").max_length


@transaction.atomic
def set_text_access(*, actor, standard: Standard, access: str, reason: str) -> Standard:
    """Set the access of `standard`'s texts to `access` (a TextAccess value), or back to the rules with ""."""
    policy.require(actor, "catalog.set_text_access", standard)
    lock_catalogue()
    reason = " ".join(reason.split())
    problems = []
    if access and access not in TextAccess.values:
        problems.append({"field": "access", "message": _("“%(access)s”不是可用的公开方式，可选：%(choices)s") % {
            "access": access, "choices": "、".join(f"{value}（{label}）" for value, label in TextAccess.choices)}})
    if not reason:
        problems.append({"field": "reason", "message": _(
            "请写明依据，如：发布者（某某协会）已在其网站公开全文。读者将看到这段说明。")})
    elif len(reason) > NOTE_MAX:
        problems.append({"field": "reason", "message": _("最多 %(limit)s 个字符，实际 %(length)s 个") % {
            "limit": NOTE_MAX, "length": len(reason)}})
    if problems:
        raise ValidationFailed(_("全文公开方式未能设定，请按提示修改。"), problems)
    current = Standard.objects.select_for_update().get(pk=standard.pk)
    note = reason if access else ""
    if (current.text_access, current.text_access_note) == (access, note):
        return current
    before = current.text_access
    current.text_access, current.text_access_note = access, note
    current.version += 1
    current.updated_at = clock.now()
    current.save(update_fields=["text_access", "text_access_note", "version", "updated_at"])
    events.record([events.text_access_set(current.pk, actor=actor, before=before, after=access, reason=reason)])
    return current
