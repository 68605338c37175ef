"""What a project needs before it may enter a stage. Each guard returns the missing items (empty when met);
`move_project` refuses the move with all of them listed (RequirementsUnmet), so the secretariat sees at once
everything still to do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from biaozhun.rules.stages import APPROVAL_DRAFT_STAGES, PERIOD_STAGES, REVIEW_DRAFT_STAGES, Stage

from ..models import DocumentKind, DraftDocument, Project, ProjectKind, period_label

Missing = list[dict[str, str]]
# What the approval package counts as the draft for approval (报批稿): a draft uploaded during review or approval.
APPROVAL_DRAFT = "approval_draft"


def _has_document(project: Project, kind: str) -> bool:
    return project.documents.filter(kind=kind).exists()


def period_still_running(project: Project, today: date) -> Missing:
    """A public period runs to its last day: the project moves on (other than by a side exit) only after it."""
    if project.stage in PERIOD_STAGES and project.period_ends_on and today <= project.period_ends_on:
        return [{"requirement": "period", "message": _("%(period)s至 %(end)s 截止，期满后方可进入下一阶段。") % {
            "period": period_label(project.stage), "end": project.period_ends_on.isoformat()}}]
    return []


def comment_draft(project: Project) -> Missing:
    """Public comment needs a draft to comment on (征求意见稿)."""
    if _has_document(project, DocumentKind.DRAFT):
        return []
    return [{"requirement": "draft", "message": _("请先上传征求意见稿（标准草案）。")}]


def review_draft(project: Project) -> DraftDocument | None:
    """The draft for review (送审稿) a ballot votes on: the newest draft uploaded after the comments came in."""
    return (project.documents.filter(kind=DocumentKind.DRAFT, stage__in=REVIEW_DRAFT_STAGES)
            .order_by("-version").first())


def has_review_draft(project: Project) -> Missing:
    """Technical review votes on a draft revised after the comments (送审稿), not on the comment draft."""
    if review_draft(project) is not None:
        return []
    return [{"requirement": "review_draft", "message": _(
        "请先上传送审稿：按意见处理结果修改后的标准草案（在征求意见或意见处理阶段上传）。")}]


def all_comments_disposed(project: Project) -> Missing:
    """Every comment has a disposition before the draft goes to review."""
    open_count = project.comments.filter(disposition="").count()
    if not open_count:
        return []
    return [{"requirement": "dispositions",
             "message": _("还有 %(count)d 条意见未处理。") % {"count": open_count}}]


def ballot_passed(project: Project) -> Missing:
    """The latest closed review ballot passed, and no ballot is still open."""
    if project.ballots.filter(closed_at__isnull=True).exists():
        return [{"requirement": "ballot_open", "message": _("审查投票尚未结束。")}]
    latest = project.ballots.filter(closed_at__isnull=False).order_by("-closed_at", "-id").first()
    if latest is None:
        return [{"requirement": "ballot", "message": _("尚未进行审查投票。")}]
    if not latest.passed:
        return [{"requirement": "ballot", "message": _("最近一次审查投票未通过，须修改草案后重新审查。")}]
    return []


def no_open_ballot(project: Project) -> Missing:
    """A project does not leave review while its ballot still takes votes."""
    if project.ballots.filter(closed_at__isnull=True).exists():
        return [{"requirement": "ballot_open", "message": _("审查投票尚未结束，须先结束投票。")}]
    return []


def package_kinds(documents: list[tuple[str, str]]) -> set[str]:
    """The kinds the approval package counts, from (kind, stage uploaded in) of a project's documents: the kinds,
    and APPROVAL_DRAFT when a draft was uploaded for approval."""
    kinds = {kind for kind, _stage in documents}
    if any(kind == DocumentKind.DRAFT and stage in APPROVAL_DRAFT_STAGES for kind, stage in documents):
        kinds.add(APPROVAL_DRAFT)
    return kinds


def package_items(project_kind: str, kinds: set[str], comments: int, open_comments: int) -> list[tuple[str, str, bool]]:
    """报批材料 as (requirement, label, present): the draft for approval, explanation, review minutes, the international
    text for adoptions, and the disposition table, which an uploaded table or comments all processed here meet.
    Takes `package_kinds` and counts, so that a list of projects can check its packages with prefetched data."""
    needed = [
        (APPROVAL_DRAFT, _("报批稿（审查后修改的标准草案，在审查或报批阶段上传）")),
        (DocumentKind.EXPLANATION, _("编制说明")),
        (DocumentKind.REVIEW_MINUTES, _("审查会议纪要或函审结论")),
    ]
    if project_kind == ProjectKind.ADOPTION:
        needed.append((DocumentKind.INTERNATIONAL_TEXT, _("国际标准原文")))
    items = [(str(kind), str(label), kind in kinds) for kind, label in needed]
    table = DocumentKind.DISPOSITION_TABLE in kinds or (comments > 0 and open_comments == 0)
    items.append((str(DocumentKind.DISPOSITION_TABLE), _("意见汇总处理表（上传，或在本系统处理完全部意见后自动生成）"), table))
    return items


def approval_package(project: Project) -> Missing:
    kinds = package_kinds(list(project.documents.values_list("kind", "stage")))
    comments = project.comments.aggregate(all=Count("id"), open=Count("id", filter=Q(disposition="")))
    return [{"requirement": requirement, "message": _("报批材料缺少：%(item)s") % {"item": label}}
            for requirement, label, present in package_items(project.kind, kinds, comments["all"], comments["open"])
            if not present]


# Target stage → the guards that must pass to enter it.
GUARDS: dict[Stage, tuple[Callable[[Project], Missing], ...]] = {
    Stage.COMMENT: (comment_draft,),
    Stage.REVIEW: (has_review_draft, all_comments_disposed),
    Stage.DRAFTING: (no_open_ballot,),
    Stage.APPROVAL: (ballot_passed, approval_package),
}


def missing_for(project: Project, target: str) -> Missing:
    return [item for guard in GUARDS.get(target, ()) for item in guard(project)]

