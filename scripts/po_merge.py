"""Merge the English translations of two branches after a git merge conflicted in a catalogue.

    git show MERGE_BASE:path/django.po > base.po; git show HEAD:... > ours.po; git show OTHER:... > theirs.po
    cp ours.po path/django.po && make messages         # the merged source's msgids (makemessages)
    python scripts/po_merge.py path/django.po base.po ours.po theirs.po && make messages

For each string the branch that changed its translation since the base wins (ours when both did); strings new on
either side keep their translation; gettext's fuzzy guesses are replaced. What is still missing is printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from po_fill import blocks, field, parse, translations
from po_fill import main as fill


def merged(base: dict[str, str], ours: dict[str, str], theirs: dict[str, str]) -> dict[str, str]:
    result = dict(theirs)
    for key, text in ours.items():
        if key not in theirs or text != base.get(key) or theirs[key] == base.get(key):
            result[key] = text
    return result


def main(catalogue: str, base: str, ours: str, theirs: str) -> int:
    table = merged(*(translations(Path(p)) for p in (base, ours, theirs)))
    path = Path(catalogue)
    # Clear every translation so that each comes from the merged table (or is listed as missing).
    merged_file = Path(catalogue + ".merged.tsv")
    merged_file.write_text("".join(
        ("\t".join(key.split("\x04")) if "\x04" in key else key) + "\t" + text.replace("\n", "\\n") + "\n"
        for key, text in table.items() if "\t" not in key and "\t" not in text), encoding="utf-8")
    try:
        out = []
        for lines in blocks(path.read_text(encoding="utf-8")):
            spans = parse(lines)
            key = "msgstr[0]" if "msgstr[0]" in spans else "msgstr"
            if "msgid" in spans and key in spans and "msgid_plural" not in spans and field(lines, spans, "msgid"):
                start, end = spans[key]
                lines = [*lines[:start], f'{key} ""', *lines[end:]]
            out.append("\n".join(lines))
        path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
        return fill(catalogue, str(merged_file))
    finally:
        merged_file.unlink()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
