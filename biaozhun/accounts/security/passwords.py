"""Refuse guessable passwords: the ones people choose in China as elsewhere, whatever digits they add.

A password is guessable when, read in lower case (and once more with look-alike characters read as letters:
``Passw0rd!`` → ``password``), its letters are made only of *weak pieces*: common words and leaked passwords
(``password``, ``admin``, ``iloveyou``), pinyin words (``woaini``, ``mima``, ``nihao``, ``zhongguo``), a pinyin name
(a common surname and one or two syllables: ``zhangsan``, ``wangxiaoming``), keyboard and alphabet runs
(``qwe``, ``asdf``, ``1qaz2wsx``, ``abc``) and repeated letters; and its other characters are either fewer than
eight or themselves guessable (number runs ``123456``, repeats, years and dates, phone numbers, ``520``/``1314``,
the symbol row ``!@#$``). Also refused: the exact passwords of the list ``common_passwords_cn.txt``.

Used with Django's own validators (length, similarity to the account's details, Django's common-password list,
all-digit passwords): settings.AUTH_PASSWORD_VALIDATORS.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LIST = Path(__file__).with_name("common_passwords_cn.txt")

WORDS = frozenset(["password", "passwd", "pass", "pwd", "admin", "administrator", "root", "user", "guest", "test", "tester", "login", "logon", "welcome", "hello", "love", "lover", "iloveyou", "letmein", "master", "monkey", "dragon", "super", "superman", "batman", "china", "shadow", "secret", "default", "system", "manager", "changeme", "temp", "qwerty", "football", "baseball", "sunshine", "princess", "computer", "internet", "server", "office", "account", "access", "woaini", "woai", "aini", "wode", "mima", "mimi", "nihao", "zhongguo", "zhonghua", "beijing", "shanghai", "guangzhou", "shenzhen", "tianjin", "chongqing", "baobei", "laopo", "laogong", "qinai", "qinaide", "kuaile", "xingfu", "tiantian", "aiqing", "yongyuan", "shengri", "wangluo", "diannao", "jiayou", "yonghu", "zhanghao", "denglu", "guanli", "guanliyuan", "xitong", "ceshi", "biaozhun", "bzw", "mimamima", "woshi", "haha", "hehe", "xixi", "lala", "wawa", "qq"])

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz")
COLUMNS = ("qaz", "wsx", "edc", "rfv", "tgb", "yhn", "ujm", "ik", "ol")
SURNAMES = frozenset(["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei", "su", "lv", "lu", "ding", "ren", "shen", "yao", "fan", "fang", "shi", "tan", "jin", "qian", "qin", "dai", "xia", "fu", "zou", "xiong", "meng", "qiu", "bai", "mao", "hao", "wan", "gu", "lai", "kong", "wen", "niu", "long", "duan", "lei", "hou", "shao"])
SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|"
    r"a|o|e|i|u|v)"
)
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"}
LEET_BANG = {**LEET, "!": "i", "|": "l"}  # a second reading: "Adm!n" (but "Passw0rd!" keeps its "!")
DIGIT_RUNS = ("01234567890", "09876543210", "!@#$%^&*()", ")(*&^%$#@!", "1qaz2wsx3edc4rfv", "zaq1xsw2cde3")
LUCKY = frozenset({"520", "521", "1314", "5201314", "168", "188", "666", "888", "999", "911", "110", "119", "007"})
PHONE = re.compile(r"1[3-9]\d{9}")
YEAR = re.compile(r"(?:19|20)\d\d")
MONTH_DAY = re.compile(r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


@cache
def _listed() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in LIST.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@cache
def _runs() -> frozenset[str]:
    runs = set(COLUMNS) | {c[::-1] for c in COLUMNS}
    for row in ROWS:
        for text in (row, row[::-1]):
            runs.update(text[i:j] for i in range(len(text)) for j in range(i + 3, len(text) + 1))
    return frozenset(runs)


def _letter_piece_ends(text: str, start: int) -> set[int]:
    """Where a weak piece of letters (a word, a run, a repeated letter) that starts at ``start`` may end."""
    ends = set()
    for end in range(start + 2, min(len(text), start + 14) + 1):
        piece = text[start:end]
        if piece in WORDS or piece in _runs() or len(set(piece)) == 1:
            ends.add(end)
    return ends


def _name_ends(text: str, start: int) -> set[int]:
    """Where a pinyin name (a common surname and one or two syllables) that starts at ``start`` may end."""
    ends = set()
    for surname in SURNAMES:
        if text.startswith(surname, start):
            position = start + len(surname)
            for _syllable in range(2):
                match = SYLLABLE.match(text, position)
                if not match:
                    break
                position = match.end()
                ends.add(position)
    return ends


def _weak_letters(text: str) -> bool:
    """Made of weak pieces and at most one name (many syllables are also surnames: a pinyin sentence such as
    "tianqihenhao" must not read as a string of names)."""
    reachable = {0: 0}  # position → fewest names used to get there
    for start in range(len(text)):
        names = reachable.get(start)
        if names is None:
            continue
        for end in _letter_piece_ends(text, start):
            reachable[end] = min(reachable.get(end, names), names)
        if names == 0:
            for end in _name_ends(text, start):
                reachable[end] = min(reachable.get(end, 1), 1)
    return len(text) in reachable


def _is_date(piece: str) -> bool:
    """19870512, 870512."""
    if not MONTH_DAY.fullmatch(piece[-4:]):
        return False
    return (len(piece) == 8 and bool(YEAR.fullmatch(piece[:4]))) or (len(piece) == 6 and piece[:2].isdigit())


def _other_piece_ends(text: str, start: int) -> set[int]:
    """Where a guessable piece of digits and symbols that starts at ``start`` may end."""
    ends = set()
    if not text[start].isdigit():
        ends.add(start + 1)  # a lone symbol
    for end in range(start + 2, min(len(text), start + 13) + 1):
        piece = text[start:end]
        if (len(set(piece)) == 1 or piece in LUCKY or any(piece in run for run in DIGIT_RUNS)
                or PHONE.fullmatch(piece) or YEAR.fullmatch(piece) or MONTH_DAY.fullmatch(piece)
                or _is_date(piece)):
            ends.add(end)
    return ends


def _made_of_pieces(text: str, piece_ends) -> bool:
    reachable = {0}
    for start in range(len(text)):
        if start in reachable:
            reachable |= piece_ends(text, start)
    return len(text) in reachable


def _read_leet(text: str, table: dict[str, str]) -> str:
    """Look-alike characters read as letters inside or at the edge of a word, not in a run of digits:
    "p@$$w0rd2024" → "password2024", "@dmin1234" → "admin1234"."""
    out: list[str] = []
    for i, char in enumerate(text):
        before = out[-1] if out else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        in_word = (before.isalpha() or not before) and (after.isalpha() or after in table or not after)
        out.append(table[char] if char in table and in_word and (before + after).strip() else char)
    return "".join(out)


def _guessable_reading(text: str) -> bool:
    letters = "".join(c for c in text if "a" <= c <= "z")
    others = "".join(c for c in text if not ("a" <= c <= "z"))
    if len(letters) > 2 and not _weak_letters(letters):
        return False
    return len(others) < 8 or _made_of_pieces(others, _other_piece_ends)


def is_guessable(password: str) -> bool:
    text = password.strip().lower()
    if text in _listed():
        return True
    return any(_guessable_reading(reading) for reading in (text, _read_leet(text, LEET), _read_leet(text, LEET_BANG)))


class GuessablePasswordValidator:
    """AUTH_PASSWORD_VALIDATORS entry: refuses common, pinyin, name and keyboard passwords (module docstring)."""

    def validate(self, password: str, user=None) -> None:
        if is_guessable(password):
            raise ValidationError(
                _("这个密码容易被猜到：它由常用词、拼音（如 woaini、mima）、姓名拼音、键盘顺序（如 123qwe、1qaz2wsx）"
                  "或常见写法（如 Passw0rd!）加上数字或符号组成。请换一个，例如由几个不相关的词组成的一句话。"),
                code="password_guessable",
            )

    def get_help_text(self) -> str:
        return _("不能使用常见密码、拼音词语或姓名拼音加数字、键盘顺序（如 123qwe）。")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a message in our catalogues (Django 5.2 changed its message, which its Chinese catalogue has
    not followed: Chinese readers got it in English)."""

    def get_error_message(self) -> str:
        return _("密码太短：至少需要 %(min_length)d 个字符。可以用几个词组成一句话，容易记，也不容易被猜到。") % {
            "min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("密码至少需要 %(min_length)d 个字符。") % {"min_length": self.min_length}
