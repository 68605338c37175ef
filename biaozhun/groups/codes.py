"""The group-code rule (biaozhun/rules/group_codes.py) applied to the database: the reference tables' industry and
engineering codes and the codes other organisations hold, with messages a person can act on."""

from __future__ import annotations

from django.utils.translation import gettext as _

from biaozhun.reference.models import IndustryCode
from biaozhun.rules.group_codes import MAX_LENGTH, MIN_LENGTH, Finding, Problem, check_group_code

from .models import GroupProfile


def message(finding: Finding) -> str:
    detail = finding.detail
    messages = {
        Problem.EMPTY: _("请填写团体代号，如 CAS。"),
        Problem.LENGTH: _("团体代号应为 %(min)s 至 %(max)s 个字符，现为 %(detail)s 个。"),
        Problem.LOWER_CASE: _("团体代号只用大写字母，请把“%(detail)s”改为大写。"),
        Problem.FIRST_NOT_LETTER: _("团体代号应以字母开头，不能以“%(detail)s”开头。"),
        Problem.CHARACTER: _("团体代号只能包含大写字母 A–Z 和数字 0–9，不能包含“%(detail)s”。"),
        Problem.NATIONAL: _("“%(detail)s”是国家标准或国家级标准的代号，团体代号不能与之相同或混淆，请另选代号。"),
        Problem.INDUSTRY: _("“%(detail)s”是行业标准代号，团体代号不能与之相同或混淆，请另选代号。"),
        Problem.LOCAL: _("“%(detail)s”与地方标准代号（DB 加行政区划代码）相同或混淆，请另选代号。"),
        Problem.INTERNATIONAL: _("“%(detail)s”是国际标准的代号，请另选代号。"),
        Problem.TAKEN: _("团体代号“%(detail)s”已被其他社会团体使用（不区分大小写），请另选代号。"),
    }
    return messages[finding.problem] % {"detail": detail, "min": MIN_LENGTH, "max": MAX_LENGTH}


def code_problems(code: str, *, profile: GroupProfile | None = None) -> list[str]:
    """What is wrong with claiming ``code`` (already normalised) for ``profile`` (None: a new registration)."""
    taken = GroupProfile.objects.all()
    if profile is not None and profile.pk:
        taken = taken.exclude(pk=profile.pk)
    findings = check_group_code(
        code, industry_codes=IndustryCode.objects.values_list("code", flat=True),
        taken=taken.filter(code__iexact=code).values_list("code", flat=True) if code else ())
    return [message(finding) for finding in findings]
