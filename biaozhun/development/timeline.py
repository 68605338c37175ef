"""One line of detail for each kind of project event, for the public timeline (the event data speaks codes).
Events migrated from older systems may lack the data: they get no detail line."""

from django.utils.translation import gettext as _

from biaozhun.rules.stages import PERIOD_STAGES, Stage

from . import selectors
from .models import Ballot, Disposition, DocumentKind, DraftDocument, Project, ProjectEvent

Kind = ProjectEvent.Kind


def describe(event: ProjectEvent, documents: dict[int, DraftDocument]) -> str:
    data = event.data
    if event.kind == Kind.DOCUMENT_ADDED and "kind" in data:
        document = documents.get(data.get("document"))
        label = document.label if document else str(DocumentKind(data["kind"]).label)
        return f"{label} v{data.get('version', '')}"
    if event.kind == Kind.BALLOT_OPENED and "method" in data:
        return _("%(method)s，%(members)d 名有表决权委员，%(end)s 截止") % {
            "method": Ballot.Method(data["method"]).label, "members": data["members"], "end": data["closes_on"]}
    if event.kind == Kind.BALLOT_CLOSED and "passed" in data:
        result = _("通过") if data["passed"] else _("未通过")
        return _("%(result)s：赞成 %(approve)d，反对 %(reject)d，弃权 %(abstain)d，回避 %(recused)d（共 %(members)d 名）") % {
            **data, "result": result}
    if event.kind == Kind.TBT_NOTIFIED and "number" in data:
        return f"{data['number']} ({data['notified_on']})"
    if event.kind == Kind.DISPOSED and "number" in data:
        return _("第 %(number)d 号意见：%(label)s") % {
            "number": data["number"], "label": Disposition(data["disposition"]).label}
    if event.kind == Kind.PUBLISHED:
        return data.get("identifier", "")
    if event.kind == Kind.WITHDRAWN and "identifier" in data:
        return _("撤销 %(identifier)s，退回报批：%(reason)s") % {"identifier": data["identifier"], "reason": event.reason}
    if event.kind == Kind.MOVED and event.to_stage == Stage.PLANNED and "plan_number" in data:
        return _("计划号 %(plan)s，报批期限 %(deadline)s") % {"plan": data["plan_number"], "deadline": data["deadline"]}
    if event.kind == Kind.MOVED and data.get("period_ends_on") and event.to_stage in PERIOD_STAGES:
        return _("至 %(end)s 截止") % {"end": data["period_ends_on"]}
    if event.kind == Kind.MOVED and data.get("period_ends_on") and event.to_stage == Stage.DISPOSITION:
        return _("征求意见期于 %(end)s 期满") % {"end": data["period_ends_on"]}
    if event.kind == Kind.OVERDUE and "deadline" in data:
        return _("已超过报批期限（%(deadline)s）%(days)d 日，项目冻结：只能暂缓或终止。") % {
            "deadline": data["deadline"], "days": abs(data.get("days_left", 0))}
    if event.kind == Kind.DEADLINE_REMINDER and "deadline" in data:
        if data.get("state") == "due_today":
            return _("今天是报批期限（%(deadline)s）。") % {"deadline": data["deadline"]}
        return _("距报批期限（%(deadline)s）还有 %(days)d 日。") % {
            "deadline": data["deadline"], "days": data.get("days_left", 0)}
    if event.kind == Kind.DETAILS_CHANGED and "changes" in data:
        return _("、").join(str(Project._meta.get_field(name).verbose_name) for name in data["changes"])
    if event.kind == Kind.EXTENSION_DECIDED:
        if "approved" not in data:
            return ""
        return _("批准延期 %(months)d 个月，新期限 %(deadline)s") % data if data["approved"] else _("未批准")
    return ""


def timeline(project) -> list[tuple[ProjectEvent, str]]:
    """The project's history, oldest first, each event with its line of detail."""
    events = list(selectors.project_events(project=project))
    documents = selectors.project_documents_by_id(project=project)
    return [(event, describe(event, documents)) for event in events]
