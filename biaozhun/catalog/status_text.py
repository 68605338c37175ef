"""Words for a derived status reason (biaozhun.rules.status.REASONS), in the reader's language."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Standard


def status_explanation(standard: Standard) -> str:
    since = date_format(standard.status_since, "Y-m-d") if standard.status_since else ""
    by = standard.status_by
    texts = {
        "abolished": _("自 %(since)s 起废止") % {"since": since},
        "replaced": _("自 %(since)s 起被 %(by)s 代替") % {"since": since, "by": by},
        "replaced_undated": _("已被 %(by)s 代替") % {"by": by},
        "upcoming": _("已发布，将于 %(since)s 实施") % {"since": since},
        "in_force": _("自 %(since)s 起实施") % {"since": since},
        "in_force_undated": _("已发布，未记录实施日期") ,
        "in_force_replacement_pending": _("现行；%(by)s 将于 %(since)s 起代替本标准") % {"since": since, "by": by},
        "in_force_partly_replaced": _("现行；部分内容已被 %(by)s 代替") % {"by": by},
    }
    return texts.get(standard.status_reason, standard.get_status_display())
