"""Who may read the adoption rate (decision 0035): the rates, the candidates and the adoptions behind are public
statistics of the public catalogue, so everyone reads the pages and the API. The XLSX export lists every
candidate of every field (tens of thousands of rows at national scale): it is for signed-in people, which keeps
anonymous crawlers from making the server build it over and over."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.accounts.policy import everyone, is_signed_in_and_active


# fmt: off
def _export(user: Any, obj: Any) -> bool:
    """The workbook: any signed-in, active person."""
    return (
        is_signed_in_and_active(user)
    )
# fmt: on


RULES = {
    "international.adoption_view": everyone,
    "international.adoption_export": _export,
}
PUBLIC_ACTIONS = ("international.adoption_view",)
DENIALS = {
    "international.adoption_export": _("导出转化率工作簿请先登录；统计数字和候选清单在页面上对所有人公开。"),
}
