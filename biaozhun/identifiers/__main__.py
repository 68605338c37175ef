"""Command line: identifiers on stdin, one per line; one JSON object per line on stdout.

    python -m biaozhun.identifiers < numbers.txt

Blank lines are skipped. Success: {"input", "ok": true, "canonical", "tier", ...}; failure:
{"input", "ok": false, "error", "code", "position", "expected"} (``code``: model.ERROR_CODES). Never stops on
bad input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from .api import parse
from .model import IdentifierError
from .tables import CodeTables


def result(line: str, tables: CodeTables | None = None) -> dict[str, Any]:
    """The JSON object for one input line."""
    try:
        ident = parse(line, tables)
    except IdentifierError as exc:
        return {"input": line, "ok": False, "error": str(exc), "code": exc.code, "position": exc.position,
                "expected": exc.expected}
    except Exception as exc:  # a bug must not stop a batch; report it on the line
        return {"input": line, "ok": False, "error": f"internal error: {exc!r}", "code": "internal", "position": None,
                "expected": None}
    return {"input": line, "ok": True, **ident.as_dict()}


def run(lines: Iterable[str], tables: CodeTables | None = None) -> Iterator[str]:
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.strip():
            yield dumps(result(line, tables))


def main(stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if hasattr(stdin, "reconfigure"):
        stdin.reconfigure(encoding="utf-8", errors="replace")
    if hasattr(stdout, "reconfigure"):
        stdout.reconfigure(encoding="utf-8", errors="replace")
    write = stdout.write
    for text in run(stdin):
        write(text + "\n")
    stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
