"""What an application is made of (its input) and everything checked before it is submitted and again before it is
approved: the fields each purpose needs, the code's form and kind, the ISO/IEC counterpart's form, the proposed roll
(one chair, well-formed seats, and the balance rule: no stakeholder category above half of the voting seats). Each
problem names its field ("seats.3.name" for a seat's) and says what to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from biaozhun.accounts.codes import is_canonical_tc_code, normalise_tc_code
from biaozhun.accounts.models import Organisation, OrganisationKind, phone_validator
from biaozhun.rules.committees import Purpose, balance_breach, kind_of_code, parse_international_committees

from .. import services as committee_services
from ..models import Committee, CommitteeKind, CommitteeStatus, MemberRole, Stakeholder
from .models import Application, ApplicationStatus

# Who may be a committee's guiding unit (业务指导单位): a State Council department or an industry association
# (a social organisation), a provincial bureau, or the national administration itself.
GUIDING_KINDS = frozenset({OrganisationKind.GOVERNMENT_DEPARTMENT, OrganisationKind.SOCIAL_ORGANISATION,
                           OrganisationKind.BUREAU, OrganisationKind.NATIONAL_ADMINISTRATION})
CHANGE_FIELDS = ("name_zh", "name_en", "scope", "secretariat", "guiding_unit", "international_counterpart")
LIMITS = {"name_zh": 200, "name_en": 300, "scope": 5000, "justification": 10000, "contact_name": 100}
MAX_SEATS = 200
CODE_EXAMPLES = {"TC": "SAC/TC 28", "SC": "SAC/TC 28/SC 1", "SWG": "SAC/SWG 5", "CG": "SAC/CG 1"}


@dataclass(frozen=True)
class SeatInput:
    name: str
    organisation: str
    stakeholder: str
    role: str = MemberRole.MEMBER
    title: str = ""
    voting: bool = True


@dataclass(frozen=True)
class ApplicationInput:
    purpose: str = Purpose.ESTABLISH
    kind: str = ""
    code: str = ""
    name_zh: str = ""
    name_en: str = ""
    scope: str = ""
    justification: str = ""
    international_counterpart: str = ""
    secretariat: Organisation | None = None
    guiding_unit: Organisation | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    committee: Committee | None = None
    merge_into: Committee | None = None
    seats: tuple[SeatInput, ...] = field(default_factory=tuple)


def problem(field_name: str | None, message: str, code: str) -> dict[str, Any]:
    return {"field": field_name, "message": message, "code": code}


def choices_text(choices) -> str:
    return "、".join(str(label) for label in choices.labels)


def seat_problems(seats: tuple[SeatInput, ...]) -> list[dict[str, Any]]:
    problems = []
    if len(seats) > MAX_SEATS:
        problems.append(problem("seats", _("拟任委员最多 %(n)d 名。") % {"n": MAX_SEATS}, "too_many"))
    for line, seat in enumerate(seats, start=1):
        where = _("第 %(n)d 名拟任委员：") % {"n": line}
        if not seat.name.strip():
            problems.append(problem(f"seats.{line}.name", where + _("请填写姓名。"), "required"))
        if not seat.organisation.strip():
            problems.append(problem(f"seats.{line}.organisation", where + _("请填写工作单位。"), "required"))
        if seat.stakeholder not in Stakeholder.values:
            problems.append(problem(f"seats.{line}.stakeholder", where + _("请选择利益相关方类别：%(c)s。") % {
                "c": choices_text(Stakeholder)}, "invalid_choice"))
        if seat.role not in MemberRole.values:
            problems.append(problem(f"seats.{line}.role", where + _("请选择职务：%(c)s。") % {
                "c": choices_text(MemberRole)}, "invalid_choice"))
    return problems


def _roll_problems(seats: tuple[SeatInput, ...]) -> list[dict[str, Any]]:
    """What a roll must be at submission: seats, one chair, and no category above half of the voting seats."""
    if not seats:
        return [problem("seats", _("请填写拟任委员名单。"), "required")]
    problems = []
    chairs = sum(1 for seat in seats if seat.role == MemberRole.CHAIR)
    if chairs != 1:
        problems.append(problem("seats", _("拟任委员中应有且只有一名主任委员（现有 %(n)d 名）。") % {"n": chairs},
                                 "chair"))
    voting = [seat.stakeholder for seat in seats if seat.voting and seat.stakeholder in Stakeholder.values]
    for category, held, total in balance_breach(voting, committee_services.MIN_SEATS_FOR_BALANCE):
        problems.append(problem("seats", _(
            "拟任有表决权委员 %(total)d 名中%(category)s占 %(held)d 名，超过半数；任何一类利益相关方不得超过有表决权委员的"
            "半数。请增加其他类别的委员，或将部分席位设为无表决权，再提交。") % {
            "total": total, "category": Stakeholder(category).label, "held": held}, "unbalanced"))
    return problems


def counterpart(text: str) -> tuple[str, list[dict[str, Any]]]:
    found, bad = parse_international_committees(text)
    joined = "、".join(found)
    if bad:
        return joined, [problem("international_counterpart", _(
            "“%(bad)s”不是 ISO/IEC 技术机构的编号。请写作 ISO/TC 176、ISO/TC 176/SC 2、IEC/TC 8、IEC/SC 62A、"
            "ISO/IEC JTC 1 或 ISO/IEC JTC 1/SC 7 的形式，多个之间用顿号分隔；没有对口的请留空。") % {
            "bad": "、".join(bad)}, "counterpart_format")]
    if len(joined) > 60:
        return joined, [problem("international_counterpart", _("对口国际组织最多 60 个字符。"), "too_long")]
    return joined, []


def text_problems(data: ApplicationInput, required: tuple[str, ...]) -> list[dict[str, Any]]:
    problems = []
    for name, limit in LIMITS.items():
        value = getattr(data, name).strip()
        if name in required and not value:
            problems.append(problem(name, _("请填写此项。"), "required"))
        elif len(value) > limit:
            problems.append(problem(name, _("最多 %(limit)s 个字符，实际 %(length)s 个。") % {
                "limit": limit, "length": len(value)}, "too_long"))
    if data.contact_email.strip():
        try:
            validate_email(data.contact_email.strip())
        except DjangoValidationError:
            problems.append(problem("contact_email", _("请填写有效的电子邮箱，如 secretariat@example.org。"), "email"))
    if data.contact_phone.strip():
        try:
            phone_validator(data.contact_phone.strip())
        except DjangoValidationError as error:
            problems.append(problem("contact_phone", str(error.messages[0]), "phone"))
    return problems


def _establish_problems(data: ApplicationInput, application: Application | None) -> list[dict[str, Any]]:
    problems = text_problems(data, ("name_zh", "scope", "justification"))
    code = normalise_tc_code(data.code)
    if data.kind not in CommitteeKind.values:
        problems.append(problem("kind", _("请选择类型：%(c)s。") % {"c": choices_text(CommitteeKind)}, "invalid_choice"))
    elif not is_canonical_tc_code(code) or kind_of_code(code) != data.kind:
        problems.append(problem("code", _("%(kind)s的编号应写作 %(example)s 的形式（现为“%(code)s”）。") % {
            "kind": CommitteeKind(data.kind).label, "example": CODE_EXAMPLES[data.kind], "code": code or "—"},
            "code_format"))
    elif Committee.objects.filter(code=code).exists():
        problems.append(problem("code", _("%(code)s 已有技术委员会使用，请另拟编号。") % {"code": code}, "code_taken"))
    elif (Application.objects.filter(code=code, state__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.NOTICE))
          .exclude(pk=getattr(application, "pk", None)).exists()):
        problems.append(problem("code", _("已有另一份在办的申请拟用 %(code)s，请另拟编号。") % {"code": code},
                                 "code_pending"))
    elif data.kind == CommitteeKind.SC:
        parent = code.split("/SC ")[0]
        if not Committee.objects.existing().filter(code=parent).exists():
            problems.append(problem("code", _("分技术委员会的上级 %(parent)s 尚未成立或已撤销。") % {"parent": parent},
                                     "parent_missing"))
    if data.secretariat is None:
        problems.append(problem("secretariat", _("请选择秘书处承担单位。"), "required"))
    if data.guiding_unit is None:
        problems.append(problem("guiding_unit", _("请选择业务指导单位。"), "required"))
    elif data.guiding_unit.kind not in GUIDING_KINDS:
        problems.append(problem("guiding_unit", _(
            "业务指导单位应为国务院有关部门、行业协会（社会团体）、省级市场监管部门或国家标准化管理委员会。"), "guiding_kind"))
    problems += counterpart(data.international_counterpart)[1]
    return problems + seat_problems(data.seats) + _roll_problems(data.seats)


def charter_changes(data: ApplicationInput) -> dict[str, Any]:
    """The charter fields a restructuring changes: those whose proposed value differs from the committee's."""
    proposed = {"name_zh": data.name_zh.strip(), "name_en": data.name_en.strip(), "scope": data.scope.strip(),
                "secretariat": data.secretariat, "guiding_unit": data.guiding_unit,
                "international_counterpart": counterpart(data.international_counterpart)[0]}
    return {name: value for name, value in proposed.items() if getattr(data.committee, name) != value}


def _restructure_problems(data: ApplicationInput) -> list[dict[str, Any]]:
    if data.committee is None or data.committee.status not in (CommitteeStatus.ACTIVE, CommitteeStatus.SUSPENDED):
        return [problem("committee", _("请选择要调整的技术委员会（应为现有的技术委员会）。"), "committee")]
    problems = text_problems(data, ("name_zh", "justification"))
    problems += counterpart(data.international_counterpart)[1]
    if data.guiding_unit is not None and data.guiding_unit.kind not in GUIDING_KINDS:
        problems.append(problem("guiding_unit", _(
            "业务指导单位应为国务院有关部门、行业协会（社会团体）、省级市场监管部门或国家标准化管理委员会。"), "guiding_kind"))
    if not problems and not charter_changes(data):
        problems.append(problem(None, _("申请的内容与 %(code)s 现有信息相同：请修改名称、工作领域、秘书处承担单位、"
                                         "业务指导单位或对口国际组织中的至少一项。") % {"code": data.committee.code},
                                 "nothing_changes"))
    return problems


def _merge_problems(data: ApplicationInput) -> list[dict[str, Any]]:
    problems = text_problems(data, ("justification",))
    if data.committee is None or data.committee.status not in (CommitteeStatus.ACTIVE, CommitteeStatus.SUSPENDED):
        problems.append(problem("committee", _("请选择被合并的技术委员会（应为现有的技术委员会）。"), "committee"))
    if data.merge_into is None or not data.merge_into.is_at_work:
        problems.append(problem("merge_into", _("请选择并入的技术委员会（应为正常工作的技术委员会）。"), "merge_into"))
    elif data.committee is not None and data.merge_into.pk == data.committee.pk:
        problems.append(problem("merge_into", _("不能并入自身，请选择另一个技术委员会。"), "merge_into"))
    return problems


def check_application(data: ApplicationInput, application: Application | None = None) -> list[dict[str, Any]]:
    """Everything wrong with an application as submitted (empty when it may be submitted and approved)."""
    if data.purpose == Purpose.ESTABLISH:
        return _establish_problems(data, application)
    if data.purpose == Purpose.RESTRUCTURE:
        return _restructure_problems(data)
    return _merge_problems(data)
