"""Reads of standard systems and programme tags that the pages, the API and the export share (all public).

`system_view` is the page: each node in tree order with what it lists — the edition in force of each series
assigned (its 标龄 and whether it is outdated), the projects, the planned entries (and whether each is still
missing), the ISO/IEC editions of its ICS fields no Chinese standard adopts — and its gaps, its own and rolled up
the tree (biaozhun/rules/systems.py does the arithmetic; the ISO/IEC candidates are the adoption rate's,
international/adoption/selectors.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from biaozhun.catalog.models import Standard, Status
from biaozhun.core import clock
from biaozhun.development.models import Project
from biaozhun.international.adoption import rows as adoption_rows
from biaozhun.international.adoption import selectors as adoption
from biaozhun.international.adoption.params import Query as AdoptionQuery
from biaozhun.rules import systems as rules

from .models import NodeProject, NodeStandard, PlannedEntry, ProgrammeTag, StandardSystem, SystemNode

NOT_ADOPTED_SHOWN = 20
NOT_ADOPTED_TTL = 3600  # seconds; a catalogue change makes new keys at once
IN_FORCE_ORDER = {Status.CURRENT: 0, Status.UPCOMING: 1, Status.REPLACED: 2, Status.ABOLISHED: 3}


# --- Tags ----------------------------------------------------------------------------------------------------
def tags(*, active_only: bool = True) -> QuerySet[ProgrammeTag]:
    found = ProgrammeTag.objects.all()
    return found.filter(active=True) if active_only else found


def tag_by_code(code: str) -> ProgrammeTag | None:
    return ProgrammeTag.objects.filter(code=code).first() if code else None


def tags_of_standard(standard: Standard) -> list[ProgrammeTag]:
    return list(ProgrammeTag.objects.filter(standard_links__standard=standard).order_by("position", "code"))


def tags_of_project(project: Project) -> list[ProgrammeTag]:
    return list(ProgrammeTag.objects.filter(project_links__project=project).order_by("position", "code"))


# --- Systems -------------------------------------------------------------------------------------------------
def systems(*, tag: str = "") -> QuerySet[StandardSystem]:
    """Every system; with a tag, those listing a standard or project that has it."""
    found = StandardSystem.objects.select_related("owner_committee", "owner_department")
    if tag:
        found = found.filter(Q(nodes__standard_links__standard__programme_tag_links__tag__code=tag)
                             | Q(nodes__project_links__project__programme_tag_links__tag__code=tag)).distinct()
    return found.order_by("code")


def system_for_page(system_id: int) -> StandardSystem:
    return get_object_or_404(StandardSystem.objects.select_related("owner_committee", "owner_department"),
                             pk=system_id)


def node_for_page(system: StandardSystem, node_id: int) -> SystemNode:
    return get_object_or_404(SystemNode.objects.select_related("parent", "system"), system=system, pk=node_id)


def events_of(system: StandardSystem):
    return system.events.select_related("actor").order_by("-at", "-id")


@dataclass
class StandardEntry:
    link: NodeStandard
    edition: Standard  # the edition in force of the series (else the newest edition)
    age: int | None
    outdated: bool


@dataclass
class PlannedView:
    entry: PlannedEntry
    missing: bool


@dataclass
class NodeView:
    node: SystemNode
    depth: int
    standards: list[StandardEntry] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    project_links: list[NodeProject] = field(default_factory=list)
    planned: list[PlannedView] = field(default_factory=list)
    ics_codes: list[str] = field(default_factory=list)
    not_adopted: list[Standard] = field(default_factory=list)
    own: rules.Gaps = field(default_factory=rules.Gaps)
    rolled: rules.Gaps = field(default_factory=rules.Gaps)

    @property
    def indent(self) -> int:
        """Bootstrap's padding step (0–5) for the node's depth."""
        return min(self.depth, 5)


@dataclass
class SystemView:
    system: StandardSystem
    nodes: list[NodeView]
    total: rules.Gaps
    today: date
    threshold: int = rules.OUTDATED_AFTER_YEARS
    tag: ProgrammeTag | None = None


def _editions_in_force(undated: set[str]) -> dict[str, Standard]:
    best: dict[str, Standard] = {}
    for standard in Standard.objects.filter(undated__in=undated).order_by("-year", "-id"):
        current = best.get(standard.undated)
        if current is None or IN_FORCE_ORDER.get(standard.status, 9) < IN_FORCE_ORDER.get(current.status, 9):
            best[standard.undated] = standard
    return best


def _filled_numbers(entries: list[PlannedEntry]) -> set[str]:
    """The planned numbers the catalogue or a project already has."""
    from django.contrib.auth.models import AnonymousUser

    from biaozhun.catalog import selectors as catalog_selectors
    from biaozhun.identifiers import IdentifierError

    filled = set()
    numbers = {entry.number for entry in entries if entry.number}
    plans = set(Project.objects.filter(plan_number__in=numbers).values_list("plan_number", flat=True))
    for number in numbers:
        if number in plans:
            filled.add(number)
            continue
        try:
            if catalog_selectors.edition_for_number(viewer=AnonymousUser(), text=number) is not None:
                filled.add(number)
        except IdentifierError:
            pass
    return filled


def _not_adopted(codes: set[str], *, today: date) -> dict[str, list[tuple[date, int]]]:
    """For each ICS code, the ISO/IEC editions in force in it that no Chinese standard adopts, as (published on,
    id), newest first. Cached per code under the catalogue's version (as the adoption pages are): reading the
    catalogue's ISO/IEC records and adoptions costs about a second at national scale, once per change."""
    if not codes:
        return {}
    version = adoption.catalogue_version()
    keys = {code: f"systems:not-adopted:{version}:{today.isoformat()}:{code}" for code in codes}
    cached = cache.get_many(list(keys.values()))
    found = {code: cached[key] for code, key in keys.items() if key in cached}
    missing = [code for code in codes if code not in found]
    if missing:
        data = adoption_rows.catalogue()
        query = AdoptionQuery()
        computed = {code: [(record.published_on or date.min, record.id)
                           for record in adoption.candidate_records(query, code, data=data)] for code in missing}
        cache.set_many({keys[code]: value for code, value in computed.items()}, NOT_ADOPTED_TTL)
        found.update(computed)
    return found


def system_view(system: StandardSystem, *, tag: str = "", today: date | None = None) -> SystemView:
    """The system as its page shows it; with a tag, only the standards and projects that have it."""
    today = today or clock.today()
    nodes = list(SystemNode.objects.filter(system=system).select_related("parent"))
    tree, _problems = rules.build_tree([rules.NodeRow(n.code, n.parent.code if n.parent else "", n.name_zh)
                                        for n in sorted(nodes, key=lambda n: (n.position, n.id))])
    by_code = {n.code: n for n in nodes}
    links = list(NodeStandard.objects.filter(node__system=system).select_related("standard"))
    projects = list(NodeProject.objects.filter(node__system=system).select_related("project", "project__committee"))
    planned = list(PlannedEntry.objects.filter(node__system=system))
    in_force = _editions_in_force({link.undated for link in links})
    if tag:
        tagged_standards = set(Standard.objects.filter(programme_tag_links__tag__code=tag,
                                                       undated__in={link.undated for link in links})
                               .values_list("undated", flat=True))
        links = [link for link in links if link.undated in tagged_standards]
        tagged_projects = set(Project.objects.filter(programme_tag_links__tag__code=tag,
                                                     pk__in={p.project_id for p in projects})
                              .values_list("pk", flat=True))
        projects = [p for p in projects if p.project_id in tagged_projects]
    filled_numbers = _filled_numbers(planned)
    views = {code: NodeView(node=by_code[code], depth=tree.depth[code]) for code in tree.order}
    by_node = {n.pk: views[n.code] for n in nodes if n.code in views}
    for link in links:
        edition = in_force.get(link.undated, link.standard)
        start = rules.age_start(edition.implemented_on, edition.published_on, edition.confirmed_on)
        outdated = edition.status == Status.CURRENT and rules.is_outdated(start, today)
        by_node[link.node_id].standards.append(StandardEntry(link, edition, rules.age_in_years(start, today), outdated))
    for link in projects:
        by_node[link.node_id].projects.append(link.project)
        by_node[link.node_id].project_links.append(link)
    for entry in planned:
        view = by_node[entry.node_id]
        titles = [s.edition.title_zh for s in view.standards] + [p.title_zh for p in view.projects]
        view.planned.append(PlannedView(entry, rules.planned_is_missing(
            title=entry.title, number=entry.number, filled_titles=titles, filled_numbers=filled_numbers)))
    for view in views.values():
        codes = list(view.node.ics_codes)
        for entry in view.standards:
            codes += [c for c in (entry.edition.ics_codes or []) if c]
        view.ics_codes = list(dict.fromkeys(codes))
    candidates = _not_adopted({code for view in views.values() for code in view.ics_codes}, today=today)
    own = {}
    for code, view in views.items():
        records: dict[int, date] = {}
        for ics in view.ics_codes:
            for published_on, pk in candidates.get(ics, []):
                records[pk] = published_on
        view.own = own[code] = rules.Gaps(
            missing=frozenset(p.entry.pk for p in view.planned if p.missing),
            outdated=frozenset(s.edition.pk for s in view.standards if s.outdated),
            not_adopted=frozenset(records),
            standards=frozenset(s.edition.pk for s in view.standards),
            projects=frozenset(p.pk for p in view.projects),
            planned=frozenset(p.entry.pk for p in view.planned))
        ordered = sorted(records.items(), key=lambda item: (item[1], item[0]), reverse=True)
        view.not_adopted = adoption.standards_by_ids([pk for pk, _ in ordered[:NOT_ADOPTED_SHOWN]])
    rolled = rules.rollup(tree, own)
    for code, view in views.items():
        view.rolled = rolled[code]
    return SystemView(system, [views[code] for code in tree.order], rules.system_total(tree, rolled), today,
                      tag=tag_by_code(tag))


def standard_tag_codes(standard_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for standard_id, code in (ProgrammeTag.objects.filter(standard_links__standard_id__in=standard_ids)
                              .values_list("standard_links__standard_id", "code")):
        out.setdefault(standard_id, []).append(code)
    return out


def tag_counts() -> list[tuple[ProgrammeTag, int, int]]:
    """Each active tag with how many standards and projects have it."""
    from django.db.models import Count

    found = tags().annotate(standards=Count("standard_links", distinct=True),
                            projects=Count("project_links", distinct=True))
    return [(tag, tag.standards, tag.projects) for tag in found]
