"""Wording that may restrict competition or set market barriers (naming brands, local-only testing bodies, local
registration requirements...), from the rule list administrators edit (filing.WordingRule). Each match is
evidence: the rule, where it was found (title, scope, text) and the words around it."""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import WordingRule
from .base import Outcome, Result, Subject

CONTEXT = 24  # characters either side of a match
MAX_MATCHES = 30


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


def matches(texts: dict[str, str]) -> list[dict]:
    rules = WordingRule.objects.filter(is_active=True).values("id", "kind", "pattern", "explanation")
    found: list[dict] = []
    for rule in rules:
        compiled = _compiled(rule["pattern"])
        if compiled is None:
            continue
        for where, text in texts.items():
            for match in compiled.finditer(text):
                start, end = match.span()
                if start == end:
                    continue
                found.append({"rule": rule["id"], "kind": rule["kind"], "explanation": rule["explanation"],
                              "where": where, "match": match.group(0),
                              "before": text[max(0, start - CONTEXT):start], "after": text[end:end + CONTEXT]})
                if len(found) >= MAX_MATCHES:
                    return found
    return found


def restrictive_wording(subject: Subject) -> Result:
    from ..models import Filing

    body = ""
    if subject.filing_id is not None:
        body = Filing.objects.filter(pk=subject.filing_id).values_list("body_text", flat=True).first() or ""
    found = matches({"title": subject.title_zh, "scope": subject.scope, "remarks": subject.remarks, "text": body})
    return Result("wording", Outcome.FLAG if found else Outcome.OK, {"matches": len(found)}, found)
