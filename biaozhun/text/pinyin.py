"""Pinyin and pinyin initials of titles (pypinyin), and splitting a typed pinyin string into syllables.

Titles are indexed as pairs of syllables ("li_zi zi_dian dian_chi") and pairs of initials ("lz zd dc"), with
the filler rule of tokens.bigram_stream, so "lizidianchi" and "lzdc" are phrase queries with substring semantics
over the readings. Runs that only spaces and punctuation separate read as one ("电池 安全" is found by
"dianchianquan"); each run keeps its own reading.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from .tokens import bigram_stream, cjk_runs, is_skipped, joined_runs

_SYLLABLE_TEXT = """a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen
ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong
    cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui
    dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua
    guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji
    jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua
    kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou
    lu luan lue lun luo lv ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan
    nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nue nuo nv o ou pa pai pan pang
    pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que
    qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan
    shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun
    suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng
    wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you
    yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong
    zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo"""
SYLLABLES = frozenset(_SYLLABLE_TEXT.split())
_LONGEST = max(map(len, SYLLABLES))


@lru_cache(maxsize=262_144)
def run_syllables(run: str) -> tuple[str, ...]:
    """One syllable per character of a CJK run, toneless, ü as v; phrases decide heteronyms (行业 -> hang ye)."""
    return tuple(lazy_pinyin(run, style=Style.NORMAL, v_to_u=False, errors=lambda chars: ["?"] * len(chars)))


def title_syllables(text: str) -> list[tuple[str, ...]]:
    return [tuple(s for run in group for s in run_syllables(run)) for group in joined_runs(text)]


def syllable_pairs(text: str) -> list[str]:
    return bigram_stream(title_syllables(text), join="_")


def initial_pairs(text: str) -> list[str]:
    return bigram_stream([s[0] for s in run] for run in title_syllables(text))


def split_syllables(text: str) -> list[str] | None:
    """"lizidianchi" -> ["li", "zi", "dian", "chi"]; None when it is not a sequence of syllables.

    Apostrophes and spaces separate syllables ("xi'an"). Of the possible splits the one with the fewest
    syllables wins ("xian" -> ["xian"], "fangan" -> ["fang", "an"]), ties going to the longer first syllable.
    """
    parts = [p for p in text.lower().replace("'", " ").split() if p]
    result: list[str] = []
    for part in parts:
        split = _split_part(part)
        if split is None:
            return None
        result.extend(split)
    return result or None


def _split_part(part: str) -> list[str] | None:
    n = len(part)
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for start in range(n - 1, -1, -1):
        for end in range(min(n, start + _LONGEST), start, -1):
            rest = best[end]
            if rest is not None and part[start:end] in SYLLABLES:
                candidate = [part[start:end], *rest]
                current = best[start]
                if current is None or len(candidate) < len(current):
                    best[start] = candidate
    return best[0]


def char_syllables(text: str) -> list[str | None]:
    """The syllable of each character of `text` (None outside CJK runs, "" for spaces and punctuation, which a
    reading skips), for highlighting pinyin matches."""
    out: list[str | None] = ["" if is_skipped(c) else None for c in text]
    position = 0
    for run in cjk_runs(text):
        start = text.index(run, position)
        for offset, syllable in enumerate(run_syllables(run)):
            out[start + offset] = syllable
        position = start + len(run)
    return out
