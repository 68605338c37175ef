"""Every interface string has its English translation (Chinese is the source language)."""

import re
from pathlib import Path

import pytest

CATALOGUES = sorted(Path(__file__).resolve().parents[1].glob("biaozhun/**/locale/en/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent.name))
def test_every_string_has_an_english_translation(path):
    text = path.read_text(encoding="utf-8")
    untranslated = re.findall(r'^msgid "(.+)"\nmsgstr ""\n(?!")', text, flags=re.M)
    fuzzy = re.findall(r"^#, fuzzy\n(?:#.*\n)*msgid \"(.+)\"", text, flags=re.M)
    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"


def test_catalogues_found():
    assert len(CATALOGUES) >= 2
