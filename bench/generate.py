"""Write a synthetic Chinese standards catalogue as JSONL (docs/catalog-jsonl.md).

    .venv/bin/python bench/generate.py --scale demo --out var/demo.jsonl
    .venv/bin/python bench/generate.py --scale national --seed 7 > national.jsonl

Streams: memory stays flat whatever the scale. Progress goes to stderr.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from biaozhun.datagen import SCALES, generate  # noqa: E402

CHUNK = 5_000


def _progress(count, total, started, final=False):
    elapsed = time.monotonic() - started
    rate = count / elapsed if elapsed else 0
    text = f"{count:,}/{total:,} records, {elapsed:.1f} s, {rate:,.0f}/s"
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{text}" + ("\n" if final else ""))
    else:
        sys.stderr.write(text + "\n")
    sys.stderr.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="demo", help="tier counts (default: demo)")
    parser.add_argument("--seed", type=int, default=2019, help="random seed (default: 2019)")
    parser.add_argument("--out", help="output file (default: stdout)")
    args = parser.parse_args(argv)

    total = sum(SCALES[args.scale].values())
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    if args.out:
        out = open(args.out, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")
        out = sys.stdout
    started = time.monotonic()
    last_report = started
    count = 0
    lines = []
    try:
        for record in generate(args.scale, args.seed):
            lines.append(encode(record))
            if len(lines) >= CHUNK:
                lines.append("")
                out.write("\n".join(lines))
                count += len(lines) - 1
                lines.clear()
                now = time.monotonic()
                if now - last_report >= (0.5 if sys.stderr.isatty() else 10):
                    _progress(count, total, started)
                    last_report = now
        if lines:
            lines.append("")
            out.write("\n".join(lines))
            count += len(lines) - 1
    finally:
        if args.out:
            out.close()
        else:
            out.flush()
    _progress(count, total, started, final=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
