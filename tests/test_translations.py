"""Every interface string has its English translation (Chinese is the source language)."""

import re
from pathlib import Path

import pytest

CATALOGUES = sorted(Path(__file__).resolve().parents[1].glob("biaozhun/**/locale/en/LC_MESSAGES/django.po"))


def _unquote(lines: list[str]) -> str:
    return "".join(re.fullmatch(r'"(.*)"', line.strip()).group(1) for line in lines)


def entries(text: str) -> list[dict]:
    """The catalogue's entries as {"msgid", "msgstr", "fuzzy"}: wrapped (multi-line) strings joined, plurals
    read from msgstr[0]."""
    found = []
    for block in text.strip().split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        fields: dict[str, list[str]] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                if line.startswith("#,") and "fuzzy" in line:
                    fields["fuzzy"] = []
                continue
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?|msgstr\[\d+\])\s+(\".*\")$", line)
            if match:
                current = match.group(1).replace("[0]", "")
                fields[current] = [match.group(2)]
            elif current:
                fields[current].append(line)
        if "msgid" in fields:
            found.append({"msgid": _unquote(fields["msgid"]), "msgstr": _unquote(fields.get("msgstr", ['""'])),
                          "fuzzy": "fuzzy" in fields})
    return found


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent.name))
def test_every_string_has_an_english_translation(path):
    rows = [row for row in entries(path.read_text(encoding="utf-8")) if row["msgid"]]
    untranslated = [row["msgid"] for row in rows if not row["msgstr"]]
    fuzzy = [row["msgid"] for row in rows if row["fuzzy"]]
    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"


def test_the_reader_sees_wrapped_and_empty_translations():
    text = 'msgid "一"\nmsgstr "One"\n\nmsgid ""\n"很长的"\n"句子"\nmsgstr ""\n\n#, fuzzy\nmsgid "三"\nmsgstr "x"\n'
    assert entries(text) == [{"msgid": "一", "msgstr": "One", "fuzzy": False},
                             {"msgid": "很长的句子", "msgstr": "", "fuzzy": False},
                             {"msgid": "三", "msgstr": "x", "fuzzy": True}]


def test_catalogues_found():
    assert len(CATALOGUES) >= 2
