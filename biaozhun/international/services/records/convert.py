"""ISO's and IEC's records as catalogue interchange records, with what needs the whole file: links by ISO id, the
inverse of `replacedBy`, and whether a withdrawn edition was replaced or abolished.

A first pass over the file builds a `FileContext` (light: keys and links, no titles or scopes), looking up in the
database what the file does not say (ISO ids imported from earlier files, relations and abolition dates already in
the catalogue). It is cached per file (path, size, modification time) in this process, so the catalogue import's
passes, and the reader process it forks, convert every line the same way without touching the database.

The rules (docs/decisions/0034-iso-iec-records.md):
- a project (stage before 60.60, or abandoned) is not an edition: its line is left out and counted;
- Y replaces X when Y lists X in `replaces`, or X lists Y in `replacedBy`, both published editions; an ISO id is
  resolved in the file first, then through the ISO ids already imported; an IEC reference waits in the catalogue
  for its edition like any cited number;
- a withdrawn edition (95.99) that an edition replaces is "replaced" (its status follows the relation); one that
  nothing replaces is abolished on IEC's withdrawal date, or on the date it was first imported as withdrawn (ISO
  does not publish the date: the first import's date stays, so that importing again changes nothing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from biaozhun.catalog.importing.readers import Layout, RowError, parse_jsonl_line, register_layout
from biaozhun.catalog.models import RelationKind, Standard, StandardRelation
from biaozhun.core import clock
from biaozhun.core.bulk import select_in

from .layouts import IEC_NAMES, ISO_NAMES, Problem, Source, iso_csv_objects, jsonl_objects, read_iec, read_iso
from .stages import Phase, phase

ISO_JSONL, ISO_CSV, IEC_JSONL = "iso-jsonl", "iso-csv", "iec-jsonl"
LAYOUT_NAMES = (ISO_JSONL, ISO_CSV, IEC_JSONL)
_PUBLISHERS = {"IWA": "ISO", "CISPR": "IEC"}


@dataclass(slots=True)
class FileContext:
    today: date
    replaces: dict[str, list[str]] = field(default_factory=dict)  # edition key → keys it replaces
    replaced: set[str] = field(default_factory=set)  # withdrawn keys that some edition replaces
    abolished: dict[str, date | None] = field(default_factory=dict)  # withdrawn key → abolished_on in the catalogue
    projects: int = 0  # lines left out: projects, not editions
    sources: dict[str, Source] = field(default_factory=dict)  # edition key → its first line's record (no scope)
    unresolved: int = 0  # ISO ids named in replaces/replacedBy found neither in the file nor in the catalogue


_CONTEXTS: dict[tuple[str, str], tuple[tuple[int, int], FileContext]] = {}


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def sources(path: Path, fmt: str, tables=None) -> Iterator[tuple[int, Source | RowError]]:
    """Every record of the file as a Source, or what is wrong with its line."""
    # tables=None: the shipped tables (ISO/IEC numbers need none of the Chinese code tables), parses cached
    objects = iso_csv_objects(path) if fmt == ISO_CSV else jsonl_objects(path)
    read = read_iec if fmt == IEC_JSONL else read_iso
    for line, raw in objects:
        if isinstance(raw, RowError):
            yield line, raw
            continue
        try:
            yield line, read(raw, tables)
        except Problem as problem:
            yield line, RowError(problem.field, problem.message)


def prepare(path: Path, fmt: str, *, today: date | None = None, fresh: bool = False) -> FileContext:
    """Build (or reuse) the file's context. Reads the database: call it in the importing process. `fresh`: build
    it again (an import starts so: what the catalogue knows may have changed since the last import of the file)."""
    path = Path(path)
    key, stamp = (str(path.resolve()), fmt), _stamp(path)
    cached = _CONTEXTS.get(key)
    if not fresh and cached and cached[0] == stamp and (today is None or cached[1].today == today):
        return cached[1]
    context = _build(path, fmt, today or clock.today())
    _CONTEXTS.clear()  # one file at a time is enough; never let contexts pile up
    _CONTEXTS[key] = (stamp, context)
    return context


def _build(path: Path, fmt: str, today: date) -> FileContext:
    context = FileContext(today=today)
    by_id: dict[int, str | None] = {}  # ISO id → key (None: a project)
    editions: list[tuple[str, Source]] = []
    withdrawn: set[str] = set()
    for _line, source in sources(path, fmt):
        if isinstance(source, RowError):
            continue
        stage_phase = phase(source.stage)
        if source.source_id is not None and source.organisation == "ISO":
            by_id[source.source_id] = None if stage_phase == Phase.DEVELOPMENT else source.key
        if stage_phase == Phase.DEVELOPMENT:
            context.projects += 1
            continue
        if stage_phase == Phase.WITHDRAWN:
            withdrawn.add(source.key)
        if source.key not in context.sources:
            source.scope = source.title_en = ""  # not needed after the import: kept small
            context.sources[source.key] = source
        editions.append((source.key, source))
    in_file = {key for key, _source in editions}
    missing = {ref for _key, s in editions if s.organisation == "ISO" for ref in (*s.replaces, *s.replaced_by)
               if ref not in by_id}
    if missing:
        by_id.update(_imported_iso_ids(missing))

    def resolve(ref: Any) -> str | None:
        if isinstance(ref, str):
            return ref  # an IEC reference, already the dated key
        if ref not in by_id:
            context.unresolved += 1
        return by_id.get(ref)

    replaces: dict[str, set[str]] = defaultdict(set)
    for key, source in editions:
        for ref in source.replaces:
            target = resolve(ref)
            if target and target != key:
                replaces[key].add(target)
        for ref in source.replaced_by:
            newer = resolve(ref)
            if newer in in_file and newer != key:
                replaces[newer].add(key)
    context.replaces = {key: sorted(targets) for key, targets in replaces.items()}
    context.replaced = {target for targets in replaces.values() for target in targets} & withdrawn
    pending = withdrawn - context.replaced
    if pending:
        context.replaced |= _replaced_in_catalogue(pending, in_file)
        context.abolished = dict(select_in(Standard, "edition", withdrawn - context.replaced, ["edition", "abolished_on"]))
    return context


def _imported_iso_ids(ids: set) -> dict[int, str]:
    from biaozhun.international.models import InternationalRecord, Organisation

    rows = select_in(InternationalRecord, "source_id", [i for i in ids if isinstance(i, int)],
                     ["source_id", "organisation", "standard_id"])
    standard_ids = {standard_id: source_id for source_id, organisation, standard_id in rows
                    if organisation == Organisation.ISO}
    editions = select_in(Standard, "id", standard_ids, ["id", "edition"])
    return {standard_ids[pk]: edition for pk, edition in editions}


def _replaced_in_catalogue(keys: set[str], in_file: set[str]) -> set[str]:
    """Withdrawn editions that an edition outside this file already replaces in the catalogue."""
    rows = select_in(StandardRelation, "target_key", keys, ["target_key", "kind", "source_id"])
    sources_ = {source_id for _key, kind, source_id in rows if kind == RelationKind.REPLACES}
    outside = {pk for pk, edition in select_in(Standard, "id", sources_, ["id", "edition"]) if edition not in in_file}
    return {key for key, kind, source_id in rows if kind == RelationKind.REPLACES and source_id in outside}


def interchange(source: Source, context: FileContext) -> dict[str, Any]:
    """The catalogue's interchange record (docs/catalog-jsonl.md) of one published or withdrawn edition."""
    key = source.key
    ident = source.ident
    publishers = list(ident.co_publishers) or [_PUBLISHERS.get(p, p) for p in ident.prefix.replace("/", " ").split()[:1]]
    raw: dict[str, Any] = {"identifier": key, "title_en": source.title_en or key, "issued_by": publishers}
    for name, value in (("scope", source.scope), ("ics", source.ics), ("tc_code", source.committee),
                        ("published_on", source.published_on), ("replaces", context.replaces.get(key))):
        if value not in (None, "", []):
            raw[name] = value
    if phase(source.stage) == Phase.WITHDRAWN and key not in context.replaced:
        raw["abolished_on"] = source.withdrawn_on or context.abolished.get(key) or context.today
    return raw


def converted(path: Path, fmt: str) -> Iterator[tuple[int, RowError | tuple[Source, dict[str, Any]]]]:
    """(line, problem) or (line, (source, interchange record)) for every line that is not a project."""
    context = prepare(path, fmt) if (str(Path(path).resolve()), fmt) not in _CONTEXTS else _cached(path, fmt)
    for line, source in sources(path, fmt):
        if isinstance(source, RowError):
            yield line, source
        elif phase(source.stage) != Phase.DEVELOPMENT:
            yield line, (source, interchange(source, context))


def _cached(path: Path, fmt: str) -> FileContext:
    stamp, context = _CONTEXTS[(str(Path(path).resolve()), fmt)]
    return context if stamp == _stamp(Path(path)) else prepare(path, fmt)


def _line_parser(fmt: str):
    read = read_iec if fmt == IEC_JSONL else read_iso

    def parser(path: Path) -> Callable[[str], dict[str, Any] | RowError | None]:
        context = _cached(path, fmt) if (str(Path(path).resolve()), fmt) in _CONTEXTS else prepare(path, fmt)

        def parse_line(text: str) -> dict[str, Any] | RowError | None:
            """As `converted` for one line: the interchange record, what is wrong, or None (blank; a project)."""
            raw = parse_jsonl_line(text)
            if raw is None or isinstance(raw, RowError):
                return raw
            try:
                source = read(raw, None)
            except Problem as problem:
                return RowError(problem.field, problem.message)
            return None if phase(source.stage) == Phase.DEVELOPMENT else interchange(source, context)
        return parse_line
    return parser


def _read(fmt: str):
    def read(path: Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
        for line, item in converted(path, fmt):
            yield line, item if isinstance(item, RowError) else item[1]
    return read


for _name, _base, _names in ((ISO_JSONL, "jsonl", ISO_NAMES), (ISO_CSV, "csv", ISO_NAMES),
                             (IEC_JSONL, "jsonl", IEC_NAMES)):
    register_layout(Layout(_name, _base, _read(_name), _names, _line_parser(_name) if _base == "jsonl" else None))
