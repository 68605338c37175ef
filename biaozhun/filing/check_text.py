"""The checks' stored results (filing/checks: code, outcome, params, evidence) in the reader's language.

Stored results carry codes and parameters, never sentences, so a reviewer reading in English and a ministry reading
in Chinese see the same result in their own words. `sentence` says what one check found; `describe` prepares a
filing's results for a page (labels, the sentence, the evidence with its codes named). An unknown code or outcome
(a check added later) is shown plainly rather than hidden.

Evidence is data, never markup: a coordination candidate stores its title and the words it shares with the filing,
and `marked_title` escapes the title and marks those words when a page shows it.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from biaozhun.catalog.models import Nature, Status, Tier
from biaozhun.text.highlight import merge, substring_spans

from .checks import CHECK_CODES, Outcome
from .models import WordingRuleKind

LABELS: dict[str, Promise] = {
    "number": gettext_lazy("标准号格式"),
    "ownership": gettext_lazy("代号归属"),
    "catalogue": gettext_lazy("标准目录查重"),
    "year": gettext_lazy("年代号与发布日期"),
    "deadline": gettext_lazy("备案期限"),
    "replacement": gettext_lazy("被代替标准"),
    "coordination": gettext_lazy("协调性"),
    "wording": gettext_lazy("排除、限制竞争的用语"),
}
assert set(LABELS) == set(CHECK_CODES), "every check needs its name"

OUTCOMES: dict[str, Promise] = {
    Outcome.OK: gettext_lazy("未发现问题"),
    Outcome.NOTE: gettext_lazy("提示"),
    Outcome.FLAG: gettext_lazy("请审查"),
}
# Bootstrap colours of the outcomes' badges.
OUTCOME_STYLES = {Outcome.OK: "success", Outcome.NOTE: "info", Outcome.FLAG: "warning"}

COORDINATION_FLAGS: dict[str, Promise] = {
    "mandatory_conflict": gettext_lazy("可能与强制性国家标准冲突"),
    "national_exists": gettext_lazy("该主题已有现行国家标准，宜复审或废止"),
}
WHERE: dict[str, Promise] = {
    "title": gettext_lazy("标题"),
    "scope": gettext_lazy("范围"),
    "remarks": gettext_lazy("备注"),
    "text": gettext_lazy("标准文本"),
}


def label(code: str) -> str:
    """The check's name (a general reason, code "", is 其他)."""
    if not code:
        return _("其他")
    return str(LABELS.get(code, code))


def _choice(choices: type, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "—"


def status_label(value: str) -> str:
    return _choice(Status, value)


def _number(outcome: str, p: dict) -> str:
    if outcome == Outcome.NOTE:
        return _("标准号写作“%(written)s”，规范写法为 %(canonical)s，将按规范写法备案。") % p
    return _("标准号 %(canonical)s 格式正确。") % p


def _ownership(outcome: str, p: dict) -> str:
    if outcome == Outcome.OK:
        return _("代号 %(code)s 由%(authority)s主管，可以由其备案。") % p
    if p.get("owner"):
        return _("代号 %(code)s 的主管部门登记为%(owner)s，不是%(authority)s。") % p
    return _("%(authority)s不主管代号 %(code)s 的标准。") % p


def _catalogue(outcome: str, p: dict) -> str:
    if outcome == Outcome.FLAG:
        return _("标准目录中已有 %(identifier)s，同一标准不能再次备案。") % p
    if outcome == Outcome.NOTE:
        return _("标准目录中已有 %(series)s 的其他版本；如本标准是修订，请填写被代替标准。") % p
    return _("标准目录中没有这一标准。")


def _year(outcome: str, p: dict) -> str:
    if "year" not in p:
        return _("缺少年代号或发布日期，未核对。")
    if outcome == Outcome.FLAG:
        return _("年代号 %(year)s 与发布日期 %(published_on)s 的年份不符。") % p
    return _("年代号 %(year)s 与发布日期 %(published_on)s 相符。") % p


def _deadline(outcome: str, p: dict) -> str:
    if "deadline" not in p:
        return _("没有发布日期，无法计算备案期限。")
    if outcome == Outcome.NOTE:
        return _("在备案期限（%(deadline)s）之后提交，逾期 %(late_days)s 日；逾期备案照常受理，并标注逾期。") % p
    return _("在备案期限（%(deadline)s）内提交。") % p


def _replacement(outcome: str, p: dict) -> str:
    if "replaces" not in p:
        return _("不代替其他标准。")
    problem = p.get("problem")
    if problem == "missing":
        return _("被代替标准 %(replaces)s 不在标准目录中，请核对标准号。") % p
    if problem == "other_authority":
        return _("被代替标准 %(replaces)s 属于代号 %(code)s，与本标准的代号不同。") % p
    if problem == "already_replaced":
        if p.get("by"):
            return _("被代替标准 %(replaces)s 已被 %(by)s 代替。") % p
        return _("被代替标准 %(replaces)s 的状态已是“%(status)s”。") % {
            "replaces": p["replaces"], "status": status_label(str(p.get("status") or ""))}
    if outcome == Outcome.FLAG:
        return _("被代替标准 %(replaces)s 需要核对。") % p
    return _("被代替标准 %(replaces)s 在标准目录中，代号相同，尚未被代替。") % p


def _coordination(outcome: str, p: dict) -> str:
    count = p.get("candidates", 0)
    if not count:
        return _("没有发现标题或范围相近的同级或上级标准。")
    flags = [str(COORDINATION_FLAGS.get(flag, flag)) for flag in p.get("flags", ())]
    if flags:
        return _("发现 %(count)s 项标题或范围相近的同级或上级标准，请核对是否重复或矛盾。其中：%(flags)s。") % {
            "count": count, "flags": _("；").join(flags)}
    return _("发现 %(count)s 项标题或范围相近的同级或上级标准，请核对是否重复或矛盾。") % {"count": count}


def _wording(outcome: str, p: dict) -> str:
    if outcome == Outcome.FLAG:
        return _("发现 %(count)s 处可能排除、限制竞争或设置市场壁垒的用语，请核实。") % {"count": p.get("matches", 0)}
    return _("没有发现可能排除、限制竞争的用语。")


SENTENCES = {
    "number": _number, "ownership": _ownership, "catalogue": _catalogue, "year": _year, "deadline": _deadline,
    "replacement": _replacement, "coordination": _coordination, "wording": _wording,
}


def sentence(result: dict[str, Any]) -> str:
    """What one stored check result found, as a sentence in the active language."""
    code, outcome = str(result.get("code", "")), str(result.get("outcome", ""))
    writer = SENTENCES.get(code)
    try:
        if writer is not None:
            return writer(outcome, dict(result.get("params") or {}))
    except (KeyError, TypeError, ValueError):  # parameters of an older shape: say the outcome plainly
        pass
    return _("%(check)s：%(outcome)s") % {"check": label(code), "outcome": outcome_label(outcome)}


def outcome_label(outcome: str) -> str:
    return str(OUTCOMES.get(outcome, outcome))


def mark_words(text: str, words: list[str]) -> SafeString:
    """`text` HTML-escaped, each occurrence of `words` (spaces and punctuation ignored, as the check compares them)
    inside <mark>; built from escaped parts only."""
    pieces, position = [], 0
    for start, end in merge(substring_spans(text, words)):
        pieces.append((text[position:start], text[start:end]))
        position = end
    return format_html("{}{}", format_html_join("", "{}<mark>{}</mark>", pieces), text[position:])


_MARKED = re.compile(r"<mark>(.*?)</mark>", re.S)


def marked_title(candidate: dict) -> SafeString:
    """A coordination candidate's title for a page, escaped, with the words it shares with the filing marked.
    Evidence stored before the check kept only the highlighted HTML (key "highlight", no title) is read back as
    its plain text and the words it marked, and escaped again like any other title."""
    title, shared = candidate.get("title_zh"), candidate.get("shared")
    if not isinstance(title, str) or not title:
        old = candidate.get("highlight")
        if not isinstance(old, str):
            return SafeString("")
        title, shared = unescape(strip_tags(old)), [unescape(strip_tags(m)) for m in _MARKED.findall(old)]
    return mark_words(title, [w for w in shared or () if isinstance(w, str)])


def stored_evidence(evidence: dict) -> dict:
    """One piece of a check's stored evidence as data (the HTML of older coordination results left out)."""
    return {key: value for key, value in evidence.items() if key != "highlight"}


def _candidate(c: dict) -> dict:
    return {**stored_evidence(c), "title_marked": marked_title(c), "tier_label": _choice(Tier, c.get("tier", "")), "status_label": status_label(c.get("status", "")),
            "nature_label": _choice(Nature, c.get("nature", "")) if c.get("nature") else "",
            "flag_label": str(COORDINATION_FLAGS.get(c.get("flag", ""), c.get("flag", ""))) if c.get("flag") else "",
            "percent": round(100 * float(c.get("score") or 0))}


def _match(m: dict) -> dict:
    return {**m, "kind_label": _choice(WordingRuleKind, m.get("kind", "")),
            "where_label": str(WHERE.get(m.get("where", ""), m.get("where", "")))}


def _standard(s: dict) -> dict:
    return {**s, "status_label": status_label(s.get("status", ""))}


def describe(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The results for a page: each with its label, outcome (and its label and colour), sentence and evidence
    (coordination: `candidates`; wording: `matches`; catalogue and replacement: `standards`)."""
    shown = []
    for result in results:
        code, outcome = str(result.get("code", "")), str(result.get("outcome", ""))
        evidence = [e for e in result.get("evidence") or () if isinstance(e, dict)]
        shown.append({
            "code": code, "label": label(code), "outcome": outcome, "outcome_label": outcome_label(outcome),
            "style": OUTCOME_STYLES.get(outcome, "secondary"), "sentence": sentence(result),
            "candidates": [_candidate(e) for e in evidence] if code == "coordination" else [],
            "matches": [_match(e) for e in evidence] if code == "wording" else [],
            "standards": [_standard(e) for e in evidence] if code in ("catalogue", "replacement") else [],
        })
    return shown


def flagged(results: list[dict[str, Any]]) -> list[str]:
    """The codes of the checks that flagged something for the reviewer."""
    return [str(r.get("code")) for r in results if r.get("outcome") == Outcome.FLAG]
