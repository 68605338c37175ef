"""Committee pages: the public list, and one committee with its status, term, guiding unit, composition, members,
projects, standards and history (its secretariat's contacts for signed-in people); the secretariat's contacts form
and the administration's 换届 page."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from biaozhun.accounts import policy
from biaozhun.accounts.forms import show_problems
from biaozhun.core.errors import DomainError, ValidationFailed
from biaozhun.rules.stages import ACTIVE_STAGES, STAGES

from . import selectors, services, terms
from .applications.forms import seat_formset, seats_of
from .forms import ContactsForm, RenewTermForm
from .models import Committee

PER_PAGE = 100  # committees on a page of the register (1,338 in all)


@require_safe
def committee_list(request):
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.committee_list(query=query), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "committees/list.html", {
        "committees": selectors.with_seats(list(page.object_list), on=timezone.localdate()), "page": page,
        "query": query, "may_apply": policy.can(request.user, "committees.apply")})


def _committee_or_404(code: str) -> Committee:
    committee = selectors.committee_page(code)
    if committee is None:
        raise Http404(code)
    return committee


@require_safe
def committee_detail(request, code: str):
    committee = _committee_or_404(code)
    today = timezone.localdate()
    standards, standard_count = selectors.committee_standards(committee, viewer=request.user, limit=STANDARDS_SHOWN)
    members = selectors.current_members(committee, on=today)
    history, history_count = selectors.history(committee)
    user = request.user
    return render(request, "committees/detail.html", {
        "committee": committee, "composition": selectors.composition(committee, on=today), "members": members,
        "standards": standards, "standard_count": standard_count, "project_groups": _open_projects(committee),
        "subcommittees": committee.subcommittees.existing().order_by("code"),
        "term": selectors.current_term(committee, on=today), "history": history, "history_count": history_count,
        "founding": committee.applications.filter(purpose="establish", state="approved").only("pk").first(),
        "may_see_contacts": policy.can(user, "committees.view_contacts", committee),
        "may_manage": policy.can(user, "committees.manage", committee),
        "may_propose_change": policy.can(user, "committees.propose_change", committee),
        "may_renew": policy.can(user, "committees.terms", committee),
    })


PROJECTS_PER_STAGE = 5  # the page lists the nearest deadlines of each stage and counts the rest
STANDARDS_SHOWN = 30


def _open_projects(committee: Committee) -> list[tuple[str, list, int]]:
    """The committee's open development projects grouped by stage, in workflow order: (stage, the first
    PROJECTS_PER_STAGE by deadline, how many in all). Two queries, whatever the number of projects."""
    stages = [stage.code for stage in STAGES if stage.code in ACTIVE_STAGES]
    open_projects = committee.projects.filter(stage__in=stages)
    totals = dict(open_projects.order_by().values_list("stage").annotate(n=Count("pk")))
    nearest = open_projects.annotate(rank=Window(RowNumber(), partition_by=F("stage"), order_by=[
        F("deadline").asc(nulls_last=True), F("pk").asc()])).filter(rank__lte=PROJECTS_PER_STAGE).only(
        "pk", "plan_number", "title_zh", "title_en", "stage", "deadline", "committee_id")
    groups: dict[str, list] = {code: [] for code in stages}
    for project in sorted(nearest, key=lambda p: (p.deadline is None, p.deadline or date.max, p.pk)):
        groups[project.stage].append(project)
    return [(members[0].get_stage_display(), members, totals.get(code, len(members)))
            for code, members in groups.items() if members]


@login_required
def contacts(request, code: str):
    committee = _committee_or_404(code)
    policy.require(request.user, "committees.manage", committee)
    form = ContactsForm(request.POST or None, initial={
        "contact_name": committee.contact_name, "contact_phone": committee.contact_phone,
        "contact_email": committee.contact_email})
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.update_contacts(actor=request.user, committee=committee, **form.cleaned_data)
            except ValidationFailed as exc:
                show_problems(form, exc)
            else:
                messages.success(request, _("联系方式已保存。"))
                return redirect(committee)
    return render(request, "committees/contacts.html", {"committee": committee, "form": form}, status=status)


@login_required
def term_page(request, code: str):
    """The terms of a committee and the form of the next one (换届): who carries forward, who joins."""
    committee = _committee_or_404(code)
    policy.require(request.user, "committees.terms", committee)
    today = timezone.localdate()
    current = selectors.current_term(committee, on=today) or committee.terms.order_by("-number").first()
    on = current.end if current and current.end < today else today
    members = list(selectors.current_members(committee, on=on))
    form = RenewTermForm(request.POST or None, members=members,
                         initial={"start": current.end + timedelta(days=1)} if current else None)
    formset = seat_formset(request.POST or None, extra=3)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid() & formset.is_valid():
            data = form.cleaned_data
            new_seats = [services.Seat(name=s.name, organisation=s.organisation, stakeholder=s.stakeholder,
                                       role=s.role, title=s.title, voting=s.voting, term_start=data["start"],
                                       term_end=data["end"] or terms.default_end(data["start"]))
                         for s in seats_of(formset)]
            try:
                term = terms.renew_term(actor=request.user, committee=committee, start=data["start"],
                                        end=data["end"], carry=form.carried(), new_seats=new_seats,
                                        reason=data["reason"])
            except ValidationFailed as exc:
                show_problems(form, exc)
                status = exc.status
            except DomainError as exc:
                if exc.code == "permission_denied":
                    raise
                form.add_error(None, exc.message)
                status = exc.status
            else:
                messages.success(request, _("已换届：第%(n)d届（%(start)s 至 %(end)s）。") % {
                    "n": term.number, "start": term.start.isoformat(), "end": term.end.isoformat()})
                return redirect(committee)
    return render(request, "committees/terms.html", {
        "committee": committee, "terms": committee.terms.order_by("-number"), "current": current, "form": form,
        "formset": formset, "members": members}, status=status)
