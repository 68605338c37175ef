"""The command line of the verifiable draw (biaozhun/rules/draw.py, whose docstring is the published algorithm):

    python -m biaozhun.rules.draw verify --population population.jsonl --inspectors inspectors.jsonl --seed HEX ...

re-runs a published draw from its files and says whether it matches. Pure: no Django."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .draw import (
    ConflictRules,
    DrawError,
    Exclusion,
    NoEligibleInspectors,
    SnapshotError,
    _digest,
    canonical_lines,
    commitment,
    draw,
    new_seed,
    seed_from_hex,
    verify_commitment,
)


def read_jsonl(path: str) -> list[dict[str, Any]]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SnapshotError(f"{path}, line {number}: not JSON ({exc.msg})") from None
                if not isinstance(records[-1], dict):
                    raise SnapshotError(f"{path}, line {number}: not a JSON object")
    return records


def _exclusion(text: str, *, prefix: bool) -> Exclusion:
    name, sep, values = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected FIELD=VALUE[,VALUE...], got {text!r}")
    parts = tuple(v for v in values.split(",") if v) if prefix else tuple(values.split(","))
    return Exclusion(name, prefixes=parts) if prefix else Exclusion(name, values=parts)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m biaozhun.rules.draw", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("commit", help="make a new seed and print it with its commitment (keep the seed secret)")
    snap = commands.add_parser("snapshot", help="print a JSON Lines file's canonical snapshot; its SHA-256 to stderr")
    snap.add_argument("file")
    verify = commands.add_parser("verify", help="re-run a published draw and print its sample and assignment")
    verify.add_argument("--population", required=True, metavar="FILE.jsonl")
    verify.add_argument("--inspectors", metavar="FILE.jsonl")
    verify.add_argument("--seed", required=True, metavar="HEX")
    verify.add_argument("--commitment", required=True, metavar="HEX")
    size = verify.add_mutually_exclusive_group(required=True)
    size.add_argument("--rate", help="share of the eligible population to draw, e.g. 0.05 (rounded up)")
    size.add_argument("--size", type=int, help="number of items to draw")
    verify.add_argument("--exclude", action="append", default=[], metavar="FIELD=V1,V2",
                        type=lambda t: _exclusion(t, prefix=False), help="exclude records whose field is one of")
    verify.add_argument("--exclude-prefix", action="append", default=[], metavar="FIELD=P1,P2",
                        type=lambda t: _exclusion(t, prefix=True), help="exclude records whose field starts with")
    verify.add_argument("--inspectors-per-item", type=int, default=2)
    verify.add_argument("--allow-same-organisation", action="store_true")
    verify.add_argument("--allow-same-region", action="store_true")
    verify.add_argument("--region-digits", type=int, default=6, help="2 province, 4 city, 6 county (default)")
    verify.add_argument("--population-sha256", metavar="HEX", help="the published digest, checked")
    verify.add_argument("--inspectors-sha256", metavar="HEX", help="the published digest, checked")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Exit status: 0 done; 1 unusable input; 2 the seed does not match the commitment; 3 a snapshot does not match
    its published digest; 4 some item has too few eligible inspectors."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.command == "commit":
            seed = new_seed()
            stdout.write(json.dumps({"seed": seed.hex(), "commitment": commitment(seed)}) + "\n")
            return 0
        if args.command == "snapshot":
            lines = canonical_lines(read_jsonl(args.file))
            stdout.write("".join(line + "\n" for _, line in lines))
            stderr.write(_digest(lines) + "\n")
            return 0
        seed = seed_from_hex(args.seed)
        if not verify_commitment(seed, args.commitment):
            stderr.write("the seed does not match the commitment: SHA-256(seed) = " + commitment(seed) + "\n")
            return 2
        result = draw(seed, read_jsonl(args.population), rate=args.rate, size=args.size,
                      exclusions=[*args.exclude, *args.exclude_prefix],
                      inspectors=None if args.inspectors is None else read_jsonl(args.inspectors),
                      per_item=args.inspectors_per_item,
                      rules=ConflictRules(not args.allow_same_organisation, not args.allow_same_region,
                                          args.region_digits))
        for name, published, computed in (("population", args.population_sha256, result.population_sha256),
                                          ("inspectors", args.inspectors_sha256, result.inspectors_sha256)):
            if published and published.strip().lower() != computed:
                stderr.write(f"the {name} snapshot's SHA-256 is {computed}, not the published {published}\n")
                return 3
    except NoEligibleInspectors as exc:
        stderr.write(f"{exc}\n")
        return 4
    except (DrawError, OSError) as exc:
        stderr.write(f"{exc}\n")
        return 1
    stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=1) + "\n")
    return 0
