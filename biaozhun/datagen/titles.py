"""Chinese and English titles (and a one-sentence scope) from a subject and a document type."""

import itertools

from .vocab import ANALYTES, DOC_TYPES, MANDATORY_DOC_TYPES, METHODS, PART_TOPICS, PARTICULAR, SINGLE_PART_KINDS, USAGE

FOOD_PREFIX = ("食品安全国家标准 ", "National food safety standard—")


def lower_first(text):
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text):
    return text[:1].upper() + text[1:]


def _cum(items):
    return list(itertools.accumulate(item[-1] for item in items))


_CUM = {kind: _cum(docs) for kind, docs in DOC_TYPES.items()}
_MCUM = {kind: _cum(docs) for kind, docs in MANDATORY_DOC_TYPES.items()}


def pick_doc(rng, kind, mandatory=False):
    if mandatory and kind in MANDATORY_DOC_TYPES:
        docs, cum = MANDATORY_DOC_TYPES[kind], _MCUM[kind]
    else:
        docs, cum = DOC_TYPES[kind], _CUM[kind]
    return rng.choices(docs, cum_weights=cum)[0]


def join(subject_zh, subject_en, doc):
    """(zh, en) of a subject and a document type."""
    doc_zh, doc_en = doc[0], doc[1]
    if not doc_zh:
        return subject_zh, subject_en
    zh = subject_zh + doc_zh[1:] if doc_zh.startswith("~") else f"{subject_zh} {doc_zh}"
    if "{s}" in doc_en:
        en = upper_first(doc_en.format(s=lower_first(subject_en)))
    else:
        en = f"{upper_first(subject_en)}—{doc_en}"
    return zh, en


def analytes(subject):
    """What a determination standard on the subject measures."""
    kind = subject[4]
    if kind in ("f", "zm"):
        return ANALYTES[kind]
    return ANALYTES["m"] if subject[5] in "HDV" else ANALYTES["mc"]


def determination(subject, analyte, method, food_safety=False):
    """(zh, en, scope phrase) of a determination-method standard."""
    zh_s, en_s, kind = subject[0], subject[1], subject[4]
    a_zh, a_en = analyte
    m_zh, m_en = method
    if kind == "f":
        base_zh, base_en = ("食品", "foods") if food_safety else (zh_s, lower_first(en_s))
        zh, en = f"{base_zh}中{a_zh}的测定", f"Determination of {a_en} in {base_en}"
        if food_safety:
            zh, en = FOOD_PREFIX[0] + zh, FOOD_PREFIX[1] + en
        return zh, en, f"规定了{base_zh}中{a_zh}的测定方法|{base_zh}中{a_zh}的测定"
    content_zh, content_en = ("", "") if kind == "zm" else ("含量", " content")
    zh = f"{zh_s} {a_zh}{content_zh}的测定 {m_zh}"
    en = f"{upper_first(en_s)}—Determination of {a_en}{content_en}—{upper_first(m_en)}"
    return zh, en, f"规定了用{m_zh}测定{zh_s}中{a_zh}{content_zh}的方法|{zh_s}中{a_zh}{content_zh}的测定"


def title(rng, subject, mandatory=False):
    """(zh, en, scope phrase) of a single-part standard on a subject."""
    kind = subject[4]
    food_safety = mandatory and kind == "f"
    doc = pick_doc(rng, kind, mandatory)
    if doc[0] == "@":
        return determination(subject, rng.choice(analytes(subject)), rng.choice(METHODS), food_safety)
    zh, en = join(subject[0], subject[1], doc)
    phrase = f"规定了{subject[0]}的{doc[2]}"
    if food_safety:
        zh, en = FOOD_PREFIX[0] + zh, FOOD_PREFIX[1] + en
    return zh, en, phrase


def part_titles(rng, subject, count, mandatory=False):
    """Titles of a multi-part series: 第1部分：通用要求, 第2部分：…; at most `count` of them."""
    kind = subject[4]
    zh_s, en_s = subject[0], upper_first(subject[1])
    if kind in SINGLE_PART_KINDS:
        return [title(rng, subject, mandatory)]
    if kind in ("m", "f", "zm"):
        pool = analytes(subject)
        chosen = rng.sample(pool, min(count, len(pool)))
        return [determination(subject, a, rng.choice(METHODS), mandatory and kind == "f") for a in chosen]
    topics = PART_TOPICS[kind]
    siblings = PARTICULAR.get(zh_s)
    if siblings and rng.random() < 0.7:
        others = rng.sample(siblings, min(count - 1, len(siblings)))
        rest = [(f"{o[0]}的特殊要求", f"Particular requirements for {lower_first(o[1])}", f"规定了{o[0]}的特殊要求")
                for o in others]
    else:
        rest = [(t_zh, t_en, f"规定了{zh_s}的{t_zh}") for t_zh, t_en in
                rng.sample(topics[1:], min(count - 1, len(topics) - 1))]
    first = (topics[0][0], topics[0][1], f"规定了{zh_s}的{topics[0][0]}")
    return [(f"{zh_s} 第{k}部分：{t_zh}", f"{en_s}—Part {k}: {t_en}", phrase)
            for k, (t_zh, t_en, phrase) in enumerate([first, *rest], start=1)]


def scope(phrase, subject, year):
    """本文件规定了…。本文件适用于…。 ("本标准" before the 2020 drafting rules); phrase may carry "|applies to"."""
    word = "本文件" if year >= 2020 else "本标准"
    phrase, _, applies = phrase.partition("|")
    return f"{word}{phrase}。{word}适用于{applies or subject[0] + '的' + USAGE[subject[4]]}。"
