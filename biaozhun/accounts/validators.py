"""Field validators with specific, actionable messages (ARCHITECTURE rule 6)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

from .codes import INDUSTRY_CODE, REGION_CODE, is_canonical_tc_code

USCC_LENGTH = 18
MESSAGE_USCC_LENGTH = _("统一社会信用代码应为 18 位，您输入了 %(length)d 位。")
MESSAGE_USCC_FORMAT = _("统一社会信用代码格式不正确：前 8 位应为数字，其余只能是数字或大写字母（不含 I、O、Z、S、V）。")
MESSAGE_USCC_CHECKSUM = _("统一社会信用代码的校验位（第 18 位）不正确，请逐位核对营业执照上的代码。")


def compact_uscc(value: str) -> str:
    """Upper-case and drop spaces and hyphens: "9132 0100-..." → "91320100..."."""
    return stdnum_uscc.compact(value or "")


def validate_uscc(value: str) -> None:
    """Check a unified social credit code (统一社会信用代码, GB 32100) with python-stdnum."""
    number = compact_uscc(value)
    try:
        stdnum_uscc.validate(number)
    except InvalidLength:
        raise ValidationError(
            MESSAGE_USCC_LENGTH, code="uscc_length", params={"length": len(number), "expected": USCC_LENGTH}
        ) from None
    except InvalidChecksum:
        raise ValidationError(MESSAGE_USCC_CHECKSUM, code="uscc_checksum") from None
    except InvalidFormat:
        raise ValidationError(MESSAGE_USCC_FORMAT, code="uscc_format") from None


def validate_region_code(value: str) -> None:
    if not REGION_CODE.match(value):
        raise ValidationError(
            _("行政区划代码应为 2 位（省级，如 32）或 4 位（地市级，如 3201）数字。"), code="region_code"
        )


def validate_industry_code(value: str) -> None:
    if not INDUSTRY_CODE.match(value):
        raise ValidationError(_("行业标准代号应为 2 个大写字母，如 JB、HG。"), code="industry_code")


def validate_tc_code(value: str) -> None:
    if not is_canonical_tc_code(value):
        raise ValidationError(_("技术委员会编号应写作 SAC/TC 28 或 SAC/TC 28/SC 1 的形式。"), code="tc_code")
