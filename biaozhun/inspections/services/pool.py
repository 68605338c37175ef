"""The inspector pool (执法检查人员名录库) an authority keeps."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from biaozhun.accounts import policy
from biaozhun.accounts.models import Organisation
from biaozhun.core.errors import ValidationFailed

from ..models import CampaignEventKind, Inspector
from . import events


@transaction.atomic
def add_inspector(actor: Any, *, authority: Organisation, number: str, name: str, organisation: str = "",
                  region_code: str = "", user: Any = None) -> Inspector:
    policy.require(actor, "inspections.keep_pool", authority)
    inspector = Inspector(authority=authority, number=number.strip(), name=name.strip(),
                          organisation=organisation.strip(), region_code=region_code.strip(), user=user)
    errors = []
    if inspector.region_code and not (inspector.region_code.isdigit() and len(inspector.region_code) in (2, 4, 6)):
        errors.append({"field": "region_code", "message": _("所在地区须为 2、4 或 6 位行政区划代码，如 320102。")})
    if Inspector.objects.filter(authority=authority, number=inspector.number).exists():
        errors.append({"field": "number", "message": _("名录中已有这个执法证号；请核对后再添加。")})
    try:
        inspector.full_clean(exclude=["authority", "user"])
    except ValidationError as exc:
        errors += [{"field": k, "message": str(m)} for k, ms in exc.message_dict.items() for m in ms
                   if k != "__all__"]
    if errors:
        raise ValidationFailed(errors[0]["message"], errors)
    inspector.save()
    events.record(None, CampaignEventKind.INSPECTOR_ADDED, actor=actor, authority=authority,
                  data={"number": inspector.number})
    return inspector
