"""Reads for the portal's pages: what a person follows, shown as people read it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from biaozhun.accounts import policy
from biaozhun.catalog.models import Standard, Status, Tier
from biaozhun.reference.models import CcsCode

from .models import Watch


@dataclass(frozen=True)
class FollowState:
    """A person's watches on one edition's page: of this edition, and of every edition of its number."""

    edition: Watch | None = None
    series: Watch | None = None


def follow_state(*, user, standard: Standard) -> FollowState:
    if not user.is_authenticated:
        return FollowState()
    watches = Watch.objects.filter(
        Q(kind=Watch.Kind.EDITION, standard=standard) | Q(kind=Watch.Kind.SERIES, undated=standard.undated),
        user=user,
    )
    by_kind = {watch.kind: watch for watch in watches}
    return FollowState(edition=by_kind.get(Watch.Kind.EDITION), series=by_kind.get(Watch.Kind.SERIES))


@dataclass(frozen=True)
class WatchRow:
    """One line of the watch list: the watch, the edition it names (for every edition of a number: the newest
    one the person may see) and, for a saved search, its conditions as labels ("国家标准", "现行", ...)."""

    watch: Watch
    standard: Standard | None = None
    conditions: tuple[str, ...] = ()
    custom_label: str = ""

    @property
    def name(self) -> str:
        """What the watch is called in a sentence: the number, or the search's label or conditions."""
        if self.watch.kind == Watch.Kind.EDITION:
            return self.standard.identifier if self.standard else self.watch.label
        if self.watch.kind == Watch.Kind.SERIES:
            return self.watch.undated
        return self.custom_label or " · ".join(self.conditions)


def _search_conditions(query: dict) -> tuple[str, ...]:
    tiers, statuses = dict(Tier.choices), dict(Status.choices)
    conditions = []
    if query.get("q"):
        conditions.append(f"“{query['q']}”")
    if query.get("tier"):
        conditions.append(str(tiers.get(query["tier"], query["tier"])))
    if query.get("status"):
        conditions.append(str(statuses.get(query["status"], query["status"])))
    if query.get("ccs"):
        name = CcsCode.objects.filter(code=query["ccs"]).values_list("name_zh", flat=True).first()
        conditions.append(f"{query['ccs']} {name}" if name else query["ccs"])
    return tuple(conditions)


def _automatic_label(watch: Watch) -> bool:
    """Whether the label is the one the service made from the raw values (none was given). PostgreSQL's jsonb
    does not keep the order of keys, so the values are compared in any order."""
    if not watch.label:
        return True
    values = [str(value) for value in watch.query.values()]
    return watch.label in (" · ".join(values), " · ".join(values)[:200]) or sorted(watch.label.split(" · ")) == sorted(values)


def watch_rows(*, user) -> list[WatchRow]:
    """The person's watches, editions and numbers first, each with the title to show."""
    order = {Watch.Kind.EDITION: 0, Watch.Kind.SERIES: 1, Watch.Kind.SEARCH: 2}
    watches = sorted(user.watches.select_related("standard").order_by("-created_at"), key=lambda w: order[w.kind])
    undated = [w.undated for w in watches if w.kind == Watch.Kind.SERIES]
    newest: dict[str, Standard] = {}
    if undated:
        editions = policy.visible("catalog.standards", user).filter(undated__in=undated)
        for edition in editions.order_by("undated", "-year", "-published_on", "-id"):
            newest.setdefault(edition.undated, edition)
    rows = []
    for watch in watches:
        if watch.kind == Watch.Kind.EDITION:
            rows.append(WatchRow(watch=watch, standard=watch.standard))
        elif watch.kind == Watch.Kind.SERIES:
            rows.append(WatchRow(watch=watch, standard=newest.get(watch.undated)))
        else:
            rows.append(WatchRow(watch=watch, conditions=_search_conditions(watch.query),
                                 custom_label="" if _automatic_label(watch) else watch.label))
    return rows
