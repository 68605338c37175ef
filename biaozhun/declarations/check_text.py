"""The automatic checks' findings (Declaration.checks: codes from biaozhun/rules/declaration_checks.py) as sentences
a person reads, in the reader's language. The public page shows warnings; notes are for the enterprise and the
inspectors. A code or parameter this module does not know is shown plainly rather than dropped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.rules.declaration_checks import CheckCode, Severity

MESSAGES = {
    CheckCode.MISSING_FIELD: _("缺少必填项：%(field)s。"),
    CheckCode.BAD_NUMBER: _("标准号“%(number)s”无法识别：%(reason)s"),
    CheckCode.UNKNOWN_STANDARD: _("标准目录中没有标准“%(number)s”。"),
    CheckCode.NOT_CURRENT: _("所执行的标准 %(number)s 已不是现行标准（%(status)s），现行版本为 %(current)s。"),
    CheckCode.UPCOMING: _("所执行的标准 %(number)s 尚未实施，实施日期为 %(implemented_on)s。"),
    CheckCode.NO_DISCLOSURE: _("企业标准既未公开标准文本，也未公开功能指标和性能指标。"),
    CheckCode.BELOW_MANDATORY: _("指标“%(indicator)s”低于强制性国家标准 %(standard)s 的要求（%(required)s）。"),
    CheckCode.BELOW_RECOMMENDED: _("指标“%(indicator)s”低于所引用的推荐性标准 %(standard)s 的要求（%(required)s）。"),
    CheckCode.OBSOLETE_TECHNOLOGY: _("产品或工艺属于淘汰类技术目录：%(item)s。"),
}
SEVERITY_LABELS = {
    Severity.ERROR: _("错误"),
    Severity.WARNING: _("问题"),
    Severity.NOTE: _("提示"),
}
UNKNOWN = _("其他检查结果：%(code)s")


class _Params(dict):
    """Missing parameters read as "—" instead of failing the page."""

    def __missing__(self, key: str) -> str:
        return "—"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    text: str

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS.get(self.severity, self.severity))


def finding_text(finding: dict[str, Any]) -> str:
    code = str(finding.get("code", ""))
    params = _Params({key: value for key, value in (finding.get("params") or {}).items()})
    try:
        message = MESSAGES[CheckCode(code)]
    except ValueError:
        return str(UNKNOWN) % {"code": code}
    return str(message) % params


def public_findings(findings: list[dict[str, Any]]) -> list[Finding]:
    """The findings the public sees (warnings), as sentences."""
    return [Finding(code=str(f.get("code", "")), severity=str(f.get("severity", "")), text=finding_text(f))
            for f in findings or () if f.get("severity") == Severity.WARNING]
