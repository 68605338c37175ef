"""双随机、一公开: a publicly verifiable random draw of the enterprises to inspect and of their inspectors.

This text is published beside every draw. Anyone holding the published files re-runs the draw with

    python -m biaozhun.rules.draw verify --population population.jsonl --inspectors inspectors.jsonl \\
        --seed HEX --commitment HEX --rate 0.05 [--inspectors-per-item 2] [--exclude FIELD=V1,V2] ...

and gets the same sample and assignment (``--help`` lists every parameter). Algorithm ``biaozhun-draw/1``:

1. Commitment. Before the draw the authority makes a secret seed of 32 random bytes and announces
   ``commitment = SHA-256(seed)`` (lowercase hex; the hash is over the seed's bytes, not over its hex text), with the
   digests of the population and of the inspector pool (2) and the parameters (rate or size, exclusions, inspectors
   per item, conflict rules). After the draw it reveals the seed, and anyone checks ``SHA-256(seed) == commitment``.
   The seed cannot change after the announcement, and nobody else can compute the sample before it is revealed.

2. Snapshots. The population and the inspector pool are sets of records: JSON objects whose values are all strings,
   each with a unique non-empty ``key`` (an enterprise's USCC, an inspector's number) and the fields that exclusions
   and conflict rules read (``organisation``; ``region``, a GB/T 2260 code). Canonical form: every record serialised
   as RFC 8785 (JCS) JSON — members sorted by name, no whitespace, non-ASCII characters written as themselves, only
   ``"``, ``\\`` and control characters escaped — one record per line, lines sorted by ``key`` in Unicode code-point
   order (which is the byte order of UTF-8), every line ending in ``\\n``, encoded as UTF-8. The digest is SHA-256 of
   these bytes, so ``sha256sum`` of the published canonical file shows it. The order and the spacing of a file given
   to the command do not matter: it is canonicalised first.

3. Exclusions. Population records matching any exclusion (a field equal to one of its values, or starting with one
   of its prefixes; an absent field is the empty string) are removed. The N records left are the eligible population.

4. Sample. Every eligible key ``k`` is ranked by ``HMAC-SHA256(key=seed, message=UTF-8("biaozhun-draw/1/sample\\n"
   + k))``, read as a 256-bit big-endian number; the n smallest ranks form the sample, listed by rank (equal ranks,
   which SHA-256 makes practically impossible, by key). ``n = ceil(rate × N)``, computed exactly in decimal: the rate
   is a minimum share, so 5 % of 472,001 eligible enterprises is 23,601. Or n is a given size, at most N. As the ranks
   behave as independent uniform numbers, every set of n keys is equally likely (each key is drawn with probability
   n/N), no key's chance depends on the others or on the input's order, and a larger sample contains a smaller one.

5. Inspectors. Each sampled item, in sample order, gets ``k`` distinct inspectors (default 2). An inspector is not
   eligible for an item when a conflict rule forbids it: the same ``organisation`` (both non-empty and equal), or the
   same ``region`` (the first d digits of both codes equal, both non-empty: d = 2 province, 4 city, 6 county). Every
   inspector carries the sort key ``(load, HMAC-SHA256(key=seed, message=UTF-8("biaozhun-draw/1/assign\\n" + load +
   "\\n" + inspector key)))``, where load is the number of items assigned to the inspector so far in this draw (in
   decimal). The item gets the k eligible inspectors with the smallest sort keys, in that order, and their loads grow
   by one. Load balance: an inspector gets another item only when no eligible inspector has fewer, so without
   conflicts the loads differ by at most one; within each load level the order is a fresh random permutation, so
   teams change from round to round. When an item has fewer than k eligible inspectors the draw stops with an error
   listing every such item: nothing is assigned and nothing partial is published.

Pure: no Django. Deterministic: the same seed, snapshots and parameters give the same output on any machine.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
import json
import secrets
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal, InvalidOperation
from itertools import chain
from typing import Any

from biaozhun.rules.gc_pause import paused_collector
from biaozhun.rules.hmac_many import hmac_sha256_many, key_states

ALGORITHM = "biaozhun-draw/1"
SAMPLE_DOMAIN = ALGORITHM + "/sample\n"
ASSIGN_DOMAIN = ALGORITHM + "/assign\n"
SEED_BYTES = 32
MIN_SEED_BYTES = 16  # a shorter seed could be guessed from its commitment
REGION_DIGITS = {"province": 2, "city": 4, "county": 6}

Record = Mapping[str, str]

_jcs = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


class DrawError(ValueError):
    """The inputs of a draw are not usable; the message says which and why."""


class SnapshotError(DrawError):
    pass


class NoEligibleInspectors(DrawError):
    """Some sampled items have fewer eligible inspectors than each item needs."""

    def __init__(self, shortages: Sequence[tuple[str, int]], needed: int) -> None:
        self.shortages = tuple(shortages)  # (item key, eligible inspectors) for every item short of inspectors
        self.needed = needed
        shown = ", ".join(f"{key} ({count})" for key, count in self.shortages[:10])
        more = f" and {len(self.shortages) - 10} more" if len(self.shortages) > 10 else ""
        super().__init__(f"{len(self.shortages)} sampled items have fewer than {needed} eligible inspectors "
                         f"(eligible count in brackets): {shown}{more}")


# 1. Commitment ---------------------------------------------------------------------------------------------------

def new_seed() -> bytes:
    return secrets.token_bytes(SEED_BYTES)


def seed_from_hex(text: str) -> bytes:
    try:
        seed = bytes.fromhex(text.strip())
    except ValueError:
        raise DrawError("the seed must be hexadecimal") from None
    if len(seed) < MIN_SEED_BYTES:
        raise DrawError(f"the seed must have at least {MIN_SEED_BYTES} bytes ({2 * MIN_SEED_BYTES} hex digits)")
    return seed


def commitment(seed: bytes) -> str:
    """SHA-256 of the seed's bytes, lowercase hex: what the authority announces before the draw."""
    return hashlib.sha256(seed).hexdigest()


def verify_commitment(seed: bytes | str, announced: str) -> bool:
    """Whether the revealed seed (bytes, or hex text) is the one committed to."""
    try:
        raw = seed_from_hex(seed) if isinstance(seed, str) else seed
    except DrawError:
        return False
    return hmac.compare_digest(commitment(raw), announced.strip().lower())


# 2. Snapshots ----------------------------------------------------------------------------------------------------

@paused_collector()
def canonical_lines(records: Iterable[Record]) -> list[tuple[str, str]]:
    """(key, canonical JSON line without its newline) of every record, sorted by key; refuses what would make the
    snapshot ambiguous: a missing or empty key, a repeated key, a value that is not a string."""
    lines = []
    for number, record in enumerate(records, 1):
        key = record.get("key")
        if not isinstance(key, str) or not key:
            raise SnapshotError(f"record {number} has no key (a non-empty string)")
        for name, value in record.items():
            if not isinstance(value, str):
                raise SnapshotError(f"record {key!r}: the value of {name!r} is not a string")
        lines.append((key, _jcs(record)))
    lines.sort()
    for (key, _), (following, _) in zip(lines, lines[1:], strict=False):
        if key == following:
            raise SnapshotError(f"the key {key!r} appears more than once")
    return lines


def canonical_snapshot(records: Iterable[Record]) -> bytes:
    """The snapshot to publish: canonical JSON Lines, UTF-8."""
    return "".join(line + "\n" for _, line in canonical_lines(records)).encode()


def _digest(lines: list[tuple[str, str]]) -> str:
    sha = hashlib.sha256()
    for _, line in lines:
        sha.update(line.encode() + b"\n")
    return sha.hexdigest()


def snapshot_digest(records: Iterable[Record]) -> str:
    """SHA-256 (hex) of the canonical snapshot."""
    return _digest(canonical_lines(records))


@dataclass(frozen=True)
class Snapshot:
    """A snapshot read from bytes already in canonical form: its records (sorted by key), their keys, its SHA-256."""

    records: list[dict[str, str]]
    keys: list[str]
    sha256: str


@paused_collector()
def read_canonical(data: bytes, *, known_sha256: str | None = None) -> Snapshot:
    """The records of a snapshot given as canonical bytes (step 2), which are checked, not re-made: the digest is
    SHA-256 of the bytes. Raises SnapshotError when the bytes are not exactly the canonical form of their records
    (then canonicalise them first: `canonical_snapshot`, or the `snapshot` command). `known_sha256`: the digest of
    bytes made by `canonical_snapshot` (the one announced at commitment); bytes with that digest are those bytes,
    so their serialisation and their values' types are not checked again (the lines, keys and order still are).

    The whole file is parsed in one call as an array of one-element arrays, one per line (every newline becomes
    ``\n],[``): a newline inside a string stays a raw control character, which strict JSON refuses, and a line
    holding anything but one JSON value gives an inner array of another length. Then the records serialised again
    in one call must give the text with each newline read as a comma; as every line is one complete object, that
    makes each line the canonical serialisation of its record."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SnapshotError(f"the snapshot is not UTF-8 (byte {exc.start})") from None
    if not text:
        return Snapshot([], [], hashlib.sha256(data).hexdigest())
    if not text.endswith("\n"):
        raise SnapshotError("the snapshot's last line does not end in a newline")
    body = text[:-1]
    digest = hashlib.sha256(data).hexdigest()
    vouched = digest == known_sha256
    # Bytes made by canonical_snapshot hold one object a line: they are parsed as one flat array (no inner arrays).
    rows = "[" + body.replace("\n", ",") + "]" if vouched else "[[" + body.replace("\n", "\n],[") + "]]"
    try:
        parsed = json.loads(rows)
        records = parsed if vouched else [record for (record,) in parsed]
    except json.JSONDecodeError as exc:
        # The flat array keeps every character's place (one newline became one comma); the other adds 3 a line.
        line = body.count("\n", 0, exc.pos - 1) + 1 if vouched else rows.count("\n", 0, exc.pos) + 1
        raise SnapshotError(f"line {line} of the snapshot is not one JSON object ({exc.msg})") from None
    except (TypeError, ValueError):
        raise SnapshotError("some line of the snapshot holds no JSON value or more than one") from None
    if len(records) != body.count("\n") + 1:
        raise SnapshotError("some line of the snapshot holds no JSON value or more than one")
    try:
        keys = [record["key"] for record in records]
    except (KeyError, TypeError):
        raise SnapshotError("some record is not a JSON object with a key") from None
    if not vouched and not set(map(type, chain.from_iterable(map(dict.values, records)))) <= {str}:
        raise SnapshotError("some record has a value that is not a string")
    if keys[0] == "" or not all(map(str.__lt__, keys, keys[1:])):
        raise SnapshotError("the records are not sorted by key, or a key is empty or repeated: not canonical")
    if not vouched and _jcs(records) != "[" + body.replace("\n", ",") + "]":
        raise SnapshotError("the snapshot is not in canonical form (RFC 8785 JSON, one record a line)")
    return Snapshot(records, keys, digest)


# 3. Exclusions ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Exclusion:
    """Removes the records whose `field` equals one of `values` or starts with one of `prefixes`."""

    field: str
    values: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if "" in self.prefixes:
            raise DrawError("an empty prefix would exclude everything")

    def matches(self, record: Record) -> bool:
        value = record.get(self.field, "")
        return value in self.values or (bool(self.prefixes) and value.startswith(self.prefixes))

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "values": sorted(self.values), "prefixes": sorted(self.prefixes)}


# 4. Sample -------------------------------------------------------------------------------------------------------

def sample_size(eligible: int, *, rate: Decimal | str | None = None, size: int | None = None) -> int:
    """ceil(rate × eligible), exactly; or `size`, at most `eligible`. Exactly one of them."""
    if (rate is None) == (size is None):
        raise DrawError("give either a rate or a size")
    if size is not None:
        if size < 0:
            raise DrawError("the size cannot be negative")
        return min(size, eligible)
    try:
        share = Decimal(str(rate))
    except InvalidOperation:
        raise DrawError(f"the rate {rate!r} is not a number") from None
    if not 0 < share <= 1:
        raise DrawError("the rate must be more than 0 and at most 1")
    return int((share * eligible).to_integral_value(rounding=ROUND_CEILING))


@paused_collector()
def sample(seed: bytes, keys: Iterable[str], n: int) -> list[str]:
    """The n keys of smallest rank (step 4), in rank order: the n smallest (rank, key) pairs, sorted. The n-th
    smallest rank is found first among the ranks alone; then only the pairs up to it are made and sorted."""
    prefix = SAMPLE_DOMAIN.encode()
    keys = list(keys)
    if n <= 0 or not keys:
        return []
    ranks = hmac_sha256_many(seed, [prefix + key.encode() for key in keys])
    if n >= len(ranks):
        cutoff = max(ranks)
    elif n < len(ranks) // 2:
        cutoff = heapq.nsmallest(n, ranks)[-1]
    else:
        cutoff = sorted(ranks)[n - 1]
    chosen = sorted([(rank, key) for rank, key in zip(ranks, keys, strict=True) if rank <= cutoff])
    return [key for _, key in chosen[:n]]


# 5. Inspectors ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ConflictRules:
    """Which inspectors may not inspect an enterprise: the same organisation, the same region (first
    `region_digits` digits of the GB/T 2260 code: 2 province, 4 city, 6 county)."""

    same_organisation: bool = True
    same_region: bool = True
    region_digits: int = 6

    def __post_init__(self) -> None:
        if self.region_digits < 1:
            raise DrawError("region_digits must be at least 1")

    def as_dict(self) -> dict[str, Any]:
        return {"exclude_same_organisation": self.same_organisation, "exclude_same_region": self.same_region,
                "region_digits": self.region_digits}


def _assign_ranker(seed: bytes) -> Callable[[int, str], bytes]:
    """The second part of an inspector's sort key (step 5): HMAC-SHA256(seed, "biaozhun-draw/1/assign\\n" + load +
    "\\n" + key), from the padded seed's hash states computed once."""
    inner_copy, outer_copy = key_states(seed)
    domain = ASSIGN_DOMAIN

    def rank(load: int, key: str) -> bytes:
        inner = inner_copy()
        inner.update(f"{domain}{load}\n{key}".encode())
        outer = outer_copy()
        outer.update(inner.digest())
        return outer.digest()

    return rank


@paused_collector()
def assign(seed: bytes, items: Sequence[Record], inspectors: Sequence[Record], *, per_item: int = 2,
           rules: ConflictRules = ConflictRules()) -> dict[str, tuple[str, ...]]:
    """Item key → its inspectors' keys (step 5), for `items` in sample order. Raises NoEligibleInspectors, before
    assigning anything, when some item has fewer than `per_item` eligible inspectors."""
    if per_item < 1:
        raise DrawError("each item needs at least one inspector")
    digits = rules.region_digits
    check_org, check_region = rules.same_organisation, rules.same_region
    pool = [(i["key"], i.get("organisation", "") if check_org else "",
             i.get("region", "")[:digits] if check_region else "") for i in inspectors]
    by_org = Counter(org for _, org, _ in pool if org)
    by_region = Counter(region for _, _, region in pool if region)
    by_both = Counter((org, region) for _, org, region in pool if org and region)

    sides, shortages = [], []
    for item in items:
        org = item.get("organisation", "") if check_org else ""
        region = item.get("region", "")[:digits] if check_region else ""
        eligible = len(pool) - (by_org[org] if org else 0) - (by_region[region] if region else 0) + \
            (by_both[(org, region)] if org and region else 0)
        if eligible < per_item:
            shortages.append((item["key"], eligible))
        sides.append((org, region))
    if shortages:
        raise NoEligibleInspectors(shortages, per_item)

    rank = _assign_ranker(seed)
    heap = [(0, rank(0, key), index) for index, (key, _, _) in enumerate(pool)]
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    assignments: dict[str, tuple[str, ...]] = {}
    for item, (org, region) in zip(items, sides, strict=True):
        picked, skipped = [], []
        while len(picked) < per_item:
            entry = pop(heap)
            _, inspector_org, inspector_region = pool[entry[2]]
            if (org and org == inspector_org) or (region and region == inspector_region):
                skipped.append(entry)
            else:
                picked.append(entry)
        for entry in skipped:
            push(heap, entry)
        for load, _, index in picked:
            push(heap, (load + 1, rank(load + 1, pool[index][0]), index))
        assignments[item["key"]] = tuple(pool[index][0] for _, _, index in picked)
    return assignments


# The whole draw --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Draw:
    seed: bytes
    population_sha256: str
    population_records: int
    eligible: int
    sample: tuple[str, ...]
    parameters: dict[str, Any]
    inspectors_sha256: str | None = None
    inspector_records: int = 0
    assignments: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def commitment(self) -> str:
        return commitment(self.seed)

    def as_dict(self) -> dict[str, Any]:
        """What is published after the draw (JSON)."""
        return {
            "algorithm": ALGORITHM, "seed": self.seed.hex(), "commitment": self.commitment,
            "population": {"sha256": self.population_sha256, "records": self.population_records,
                           "excluded": self.population_records - self.eligible, "eligible": self.eligible},
            "inspectors": None if self.inspectors_sha256 is None else
            {"sha256": self.inspectors_sha256, "records": self.inspector_records},
            "parameters": self.parameters,
            "sample": [{"rank": rank, "key": key, **({"inspectors": list(self.assignments[key])}
                                                      if self.inspectors_sha256 is not None else {})}
                       for rank, key in enumerate(self.sample, 1)],
        }


@paused_collector()
def draw(seed: bytes, population: Iterable[Record], *, rate: Decimal | str | None = None, size: int | None = None,
         exclusions: Sequence[Exclusion] = (), inspectors: Iterable[Record] | None = None, per_item: int = 2,
         rules: ConflictRules = ConflictRules()) -> Draw:
    """Steps 2–5: snapshot digests, exclusions, sample, and (with an inspector pool) the assignment."""
    _check_seed(seed)
    records = list(population)
    digest = _digest(canonical_lines(records))  # refuses a missing, empty or repeated key first
    records.sort(key=lambda r: r["key"])  # as in a snapshot; the sample does not depend on the order
    if inspectors is None:
        return _draw(seed, records, digest, None, None, rate=rate, size=size, exclusions=exclusions,
                     per_item=per_item, rules=rules)
    pool = list(inspectors)
    pool_digest = _digest(canonical_lines(pool))
    pool.sort(key=lambda r: r["key"])  # ties of sort keys (practically impossible) then go by key, not input order
    return _draw(seed, records, digest, pool, pool_digest, rate=rate, size=size, exclusions=exclusions,
                 per_item=per_item, rules=rules)


@paused_collector()
def draw_snapshots(seed: bytes, population: Snapshot, *, rate: Decimal | str | None = None, size: int | None = None,
                   exclusions: Sequence[Exclusion] = (), inspectors: Snapshot | None = None, per_item: int = 2,
                   rules: ConflictRules = ConflictRules()) -> Draw:
    """`draw` from snapshots read with `read_canonical` (the published files as they are): the same result as
    `draw` on their records, without serialising them again for the digests."""
    _check_seed(seed)
    return _draw(seed, population.records, population.sha256, None if inspectors is None else inspectors.records,
                 None if inspectors is None else inspectors.sha256, rate=rate, size=size, exclusions=exclusions,
                 per_item=per_item, rules=rules)


def _eligible(records: list[Record], exclusions: Sequence[Exclusion]) -> list[Record]:
    """The records no exclusion matches, in their order (`Exclusion.matches`, one exclusion at a time)."""
    eligible = records
    for exclusion in exclusions:
        name, values, prefixes = exclusion.field, exclusion.values, exclusion.prefixes
        if prefixes:
            eligible = [r for r in eligible if (v := r.get(name, "")) not in values and not v.startswith(prefixes)]
        else:
            eligible = [r for r in eligible if r.get(name, "") not in values]
    return eligible


def _check_seed(seed: bytes) -> None:
    if len(seed) < MIN_SEED_BYTES:
        raise DrawError(f"the seed must have at least {MIN_SEED_BYTES} bytes")


def _draw(seed: bytes, records: list[Record], digest: str, pool: list[Record] | None, pool_digest: str | None, *,
          rate: Decimal | str | None, size: int | None, exclusions: Sequence[Exclusion], per_item: int,
          rules: ConflictRules) -> Draw:
    """Steps 3–5 on records whose digests are known; `pool` sorted by key."""
    eligible = _eligible(records, exclusions)
    eligible_keys = [r["key"] for r in eligible]
    n = sample_size(len(eligible), rate=rate, size=size)
    keys = sample(seed, eligible_keys, n)
    parameters: dict[str, Any] = {"rate": None if rate is None else str(Decimal(str(rate))), "size": size,
                                  "sample_size": n, "exclusions": [e.as_dict() for e in exclusions]}
    if pool is None:
        return Draw(seed, digest, len(records), len(eligible), tuple(keys), parameters)
    # The records stay in key order through the exclusions (`draw` sorts them first when they were not).
    items = [eligible[bisect_left(eligible_keys, key)] for key in keys]
    assignments = assign(seed, items, pool, per_item=per_item, rules=rules)
    parameters.update({"inspectors_per_item": per_item, **rules.as_dict()})
    return Draw(seed, digest, len(records), len(eligible), tuple(keys), parameters, pool_digest, len(pool),
                assignments)


if __name__ == "__main__":  # python -m biaozhun.rules.draw verify ... (the command lives in draw_command.py)
    from biaozhun.rules.draw_command import main

    sys.exit(main())
