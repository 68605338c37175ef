"""Programme tags follow a standard into its new editions: an edition entered, or gaining a replacement relation
(written, or linked when the edition it names arrives), gets the active tags of the editions it replaces (wholly
or in part) and of the project that published it (rules/tags.py says which; a retired tag is not passed on), and so, on down
the chain, does each edition replacing one that gained.

The run reads the catalogue's history (StandardEvent) from where the last one stopped, as change propagation does
(propagation/services/detection.py): events commit in the order of their ids, so nothing is missed, and the cursor
moves in the transaction that writes the tags, so a run killed half-way leaves nothing half-made. Each edition that
gains tags gets a TagEvent (tags_carried, naming where they came from) and a catalogue `updated` event (source
"programme_tags") that the search index follows. While no standard or project has a tag, a run only moves the
cursor."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction

from biaozhun.accounts import policy
from biaozhun.catalog.models import (
    EventKind,
    RelationKind,
    Standard,
    StandardEvent,
    StandardRelation,
    UpdateSource,
)
from biaozhun.catalog.services import events as catalog_events
from biaozhun.core import clock
from biaozhun.core.actors import require_actor, user_or_none
from biaozhun.development.models import Project
from biaozhun.rules import tags as rules

from ..models import CarryCursor, ProgrammeTag, ProjectTag, StandardTag, TagEvent, TagEventKind

READ_KINDS = (EventKind.CREATED, EventKind.RELATION_ADDED, EventKind.RELATION_RESOLVED)
CHUNK = 2000  # events read per transaction


def carry_tags_forward(*, actor: Any) -> int:
    """Carry tags to the editions entered or linked since the last run; how many editions gained tags."""
    require_actor(actor)
    policy.require(actor, "systems.carry_tags")
    with transaction.atomic():
        CarryCursor.objects.get_or_create(pk=1)
    upto = StandardEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    gained = 0
    while True:
        with transaction.atomic():
            cursor = CarryCursor.objects.select_for_update().get(pk=1)
            if cursor.last_event_id >= upto:
                return gained
            if StandardTag.objects.exists() or ProjectTag.objects.exists():
                rows = list(StandardEvent.objects.filter(pk__gt=cursor.last_event_id, pk__lte=upto,
                                                         kind__in=READ_KINDS)
                            .order_by("pk").values_list("pk", "standard_id")[:CHUNK])
                gained += _carry([standard_id for _, standard_id in rows], actor)
                cursor.last_event_id = rows[-1][0] if len(rows) == CHUNK else upto
            else:
                cursor.last_event_id = upto  # nothing has a tag to pass on
            cursor.run_at = clock.now()
            cursor.save(update_fields=["last_event_id", "run_at"])


def _carry(standard_ids: list[int], actor: Any) -> int:
    """Carry to these editions (in the order their events were recorded), then on down to the editions replacing
    those that gained (linked before they gained: a history replayed out of order); how many gained tags."""
    gained: set[int] = set()
    ids = list(dict.fromkeys(standard_ids))
    while ids:
        gaining = _carry_once(ids, actor)
        gained.update(gaining)
        ids = list(StandardRelation.objects.filter(kind=RelationKind.REPLACES, target_id__in=gaining,
                                                   source__withdrawn_at__isnull=True)
                   .order_by("source_id").values_list("source_id", flat=True).distinct()) if gaining else []
    return len(gained)


def _carry_once(ids: list[int], actor: Any) -> list[int]:
    """Carry to these editions; those that gained tags."""
    sources: dict[int, list[tuple[str, int, str]]] = defaultdict(list)  # edition → (kind, id, label) it inherits
    for source_id, target_id, number in (StandardRelation.objects
                                         .filter(kind=RelationKind.REPLACES, source_id__in=ids, target__isnull=False,
                                                 source__withdrawn_at__isnull=True)
                                         .values_list("source_id", "target_id", "target__identifier")):
        sources[source_id].append(("standard", target_id, number))
    for standard_id, project_id, plan_number in (Project.objects.filter(standard_id__in=ids)
                                                 .values_list("standard_id", "pk", "plan_number")):
        sources[standard_id].append(("project", project_id, f"project {plan_number or project_id}"))
    if not sources:
        return []
    standard_ids_read = set(sources) | {pk for links in sources.values() for kind, pk, _ in links if kind == "standard"}
    tags: dict[tuple[str, int], set[str]] = defaultdict(set)
    for standard_id, code in StandardTag.objects.filter(standard_id__in=standard_ids_read).values_list(
            "standard_id", "tag__code"):
        tags["standard", standard_id].add(code)
    project_ids = [pk for links in sources.values() for kind, pk, _ in links if kind == "project"]
    for project_id, code in ProjectTag.objects.filter(project_id__in=project_ids).values_list("project_id",
                                                                                              "tag__code"):
        tags["project", project_id].add(code)
    if not tags:
        return []
    before = {pk: sorted(tags["standard", pk]) for pk in sources}
    retired = frozenset(ProgrammeTag.objects.filter(active=False).values_list("code", flat=True))
    removed = _removed_by_hand(sources)
    carried_from: dict[int, set[str]] = defaultdict(set)
    changed = True
    while changed:  # until a chain entered together (2005 ← 2010 ← 2020) has passed its tags all the way down
        changed = False
        for pk in (pk for pk in ids if pk in sources):
            for kind, source_pk, label in sources[pk]:
                add = rules.to_carry(own=tags["standard", pk], inherited=tags[kind, source_pk],
                                     removed=removed.get(pk, frozenset()) | retired)
                if add:
                    tags["standard", pk].update(add)
                    carried_from[pk].add(label)
                    changed = True
    gaining = [pk for pk in ids if pk in carried_from]
    if gaining:
        _write(gaining, before, tags, carried_from, actor)
    return gaining


def _removed_by_hand(sources: dict[int, list]) -> dict[int, frozenset[str]]:
    """Per edition, the tags a person once took off it (from its standard_tagged history)."""
    numbers = dict(Standard.all_objects.filter(pk__in=list(sources)).values_list("identifier", "pk"))
    history: dict[int, list[tuple[list[str], list[str]]]] = defaultdict(list)
    for data in TagEvent.objects.filter(kind=TagEventKind.STANDARD_TAGGED,
                                        data__standard__in=list(numbers)).values_list("data", flat=True):
        pk = numbers.get(data.get("standard"))
        if pk is not None:
            history[pk].append((data.get("before", []), data.get("after", [])))
    return {pk: rules.removed_by_hand(pairs) for pk, pairs in history.items()}


def _write(gaining: list[int], before: dict[int, list[str]], tags: dict, carried_from: dict[int, set[str]],
           actor: Any) -> None:
    codes = {code for pk in gaining for code in tags["standard", pk]}
    by_code = {tag.code: tag for tag in ProgrammeTag.objects.filter(code__in=codes)}
    numbers = dict(Standard.all_objects.filter(pk__in=gaining).values_list("pk", "identifier"))
    now, user = clock.now(), user_or_none(actor)
    StandardTag.objects.bulk_create([StandardTag(standard_id=pk, tag=by_code[code]) for pk in gaining
                                     for code in sorted(tags["standard", pk]) if code not in before[pk]],
                                    ignore_conflicts=True)
    TagEvent.objects.bulk_create([TagEvent(kind=TagEventKind.TAGS_CARRIED, actor=user, at=now, data={
        "standard": numbers[pk], "before": before[pk], "after": sorted(tags["standard", pk]),
        "from": sorted(carried_from[pk])}) for pk in gaining])
    catalog_events.record([catalog_events.updated(pk, actor=actor, before={"programme_tags": before[pk]},
                                                  source=UpdateSource.PROGRAMME_TAGS) for pk in gaining])
