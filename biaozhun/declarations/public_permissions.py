"""The public side's rules (registered with the policy beside the work side's permissions.py): who may read a
declaration's disclosed text. A published declaration's text is public, as the law's disclosure is; a withdrawn
declaration's text is no longer disclosed, whoever asks (its page and history stay public)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import DeclarationState


# fmt: off
def _read_text(user: Any, declaration: Any) -> bool:
    """Anyone, while the declaration is published and has a text."""
    return (
        declaration.state == DeclarationState.PUBLISHED
        and bool(declaration.fulltext)
    )
# fmt: on


RULES = {
    "declarations.read_text": _read_text,
}
PUBLIC_ACTIONS = {"declarations.read_text"}
DENIALS = {
    "declarations.read_text": _("这份声明已撤回，其标准文本不再公开。可在企业页面查看声明的历史版本。"),
}
