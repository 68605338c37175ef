"""Fill English translations into a gettext catalogue, and list what is missing.

    python scripts/po_fill.py biaozhun/locale/en/LC_MESSAGES/django.po            # print untranslated msgids
    python scripts/po_fill.py biaozhun/locale/en/LC_MESSAGES/django.po FILE.tsv   # fill them from FILE.tsv
    python scripts/po_fill.py CATALOGUE.po OTHER.po ...    # ... or from other catalogues (e.g. both sides of a merge)

FILE.tsv holds one `msgid<TAB>msgstr` per line (or `msgctxt<TAB>msgid<TAB>msgstr` for a string with a context) (a literal \\n in either stands for a newline). Only empty and
fuzzy translations are filled (a fuzzy one is gettext's guess from a similar string, usually wrong; it is listed
with "FUZZY "); then run `manage.py compilemessages -l en --ignore=.venv`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def _unquote(lines: list[str]) -> str:
    text = "".join(re.fullmatch(r'"(.*)"', line.strip()).group(1) for line in lines)
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda match: escapes.get(match.group(1), match.group(0)), text)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def blocks(text: str) -> list[list[str]]:
    return [block.splitlines() for block in text.strip("\n").split("\n\n")]


def parse(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each field's line span (start, end) in the block."""
    spans, current = {}, None
    for index, line in enumerate(lines):
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+\"", line)
        if match:
            current = match.group(1)
            spans[current] = (index, index + 1)
        elif current and line.startswith('"'):
            spans[current] = (spans[current][0], index + 1)
        else:
            current = None
    return spans


def field(lines: list[str], spans, name: str) -> str:
    start, end = spans[name]
    first = lines[start].split(" ", 1)[1]
    return _unquote([first, *lines[start + 1:end]])


def _unfuzzy(line: str) -> str:
    if not line.startswith("#,"):
        return line
    flags = [flag.strip() for flag in line[2:].split(",") if flag.strip() and flag.strip() != "fuzzy"]
    return "#, " + ", ".join(flags) if flags else "#,"


def translations(path: Path) -> dict[str, str]:
    """msgid → msgstr from a TSV file, or the non-fuzzy translations of another catalogue."""
    wanted = {}
    if path.suffix == ".po":
        for lines in blocks(path.read_text(encoding="utf-8")):
            spans = parse(lines)
            key = "msgstr[0]" if "msgstr[0]" in spans else "msgstr"
            fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
            if "msgid" in spans and key in spans and not fuzzy and "msgid_plural" not in spans:
                msgid, msgstr = field(lines, spans, "msgid"), field(lines, spans, key)
                if msgid and msgstr:
                    wanted[_key(lines, spans, msgid)] = msgstr
        return wanted
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [part.replace("\\n", "\n") for part in line.split("\t")]
        if len(parts) == 2:
            wanted[parts[0]] = parts[1]
        elif len(parts) == 3:
            wanted[f"{parts[0]}\x04{parts[1]}"] = parts[2]
    return wanted


def _key(lines: list[str], spans, msgid: str) -> str:
    """gettext's key: the context and the msgid joined by EOT, or the msgid alone."""
    return f"{field(lines, spans, 'msgctxt')}\x04{msgid}" if "msgctxt" in spans else msgid


def main(path: str, *sources: str) -> int:
    catalogue = Path(path)
    text = catalogue.read_text(encoding="utf-8")
    wanted = {}
    for source in sources:
        wanted.update(translations(Path(source)))
    out, missing = [], []
    for lines in blocks(text):
        spans = parse(lines)
        if "msgid" in spans:
            msgid = field(lines, spans, "msgid")
            key = "msgstr[0]" if "msgstr[0]" in spans else "msgstr"
            fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
            lookup = _key(lines, spans, msgid) if msgid else ""
            if msgid and key in spans and (fuzzy or not field(lines, spans, key)):
                if lookup in wanted:
                    start, end = spans[key]
                    lines = [*lines[:start], f"{key} {_quote(wanted[lookup])}", *lines[end:]]
                    lines = [line for line in lines if not line.startswith("#|")]
                    lines = [_unfuzzy(line) for line in lines]
                    lines = [line for line in lines if line != "#,"]
                else:
                    missing.append(("FUZZY " if fuzzy else "") + lookup.replace("\x04", " | "))
        out.append("\n".join(lines))
    catalogue.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    for msgid in missing:
        print(msgid.replace("\n", "\\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
