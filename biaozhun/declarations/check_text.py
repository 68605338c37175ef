"""The automatic checks' findings (Declaration.checks: codes from biaozhun/rules/declaration_checks.py) as sentences
a person reads, in the reader's language (the sentences are those of checks/messages.py). The public page shows
warnings; notes are for the enterprise and the inspectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from biaozhun.rules.declaration_checks import Severity

from .checks.messages import label, sentence

SEVERITY_LABELS = {
    Severity.ERROR: _("错误"),
    Severity.WARNING: _("问题"),
    Severity.NOTE: _("提示"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    text: str

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS.get(self.severity, self.severity))


def finding_text(finding: dict[str, Any]) -> str:
    """The sentence of checks/messages.py (one wording for the enterprise, the inspectors and the public); a
    finding whose parameters no longer fit its sentence is named by its check rather than failing the page."""
    try:
        return str(sentence(finding))
    except (KeyError, TypeError, ValueError):
        return str(label(str(finding.get("code", ""))))


def public_findings(findings: list[dict[str, Any]]) -> list[Finding]:
    """The findings the public sees (warnings), as sentences."""
    return [Finding(code=str(f.get("code", "")), severity=str(f.get("severity", "")), text=finding_text(f))
            for f in findings or () if f.get("severity") == Severity.WARNING]
