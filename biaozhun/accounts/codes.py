"""Normalising the codes that scope a role: region codes, industry codes, TC codes.

Pure functions, no database. The vocabularies themselves (which provinces, which industries) are reference
data; here we only read the shape of a code so that "32", "320000" and " 32 " mean the same province.
"""

import re

_TC_CODE = re.compile(r"^SAC\s*/\s*(TC|SWG|CG)\s*(\d+)(?:\s*/\s*SC\s*(\d+))?$")  # CG: 总体组
REGION_CODE = re.compile(r"^\d{2}(\d{2})?$")
INDUSTRY_CODE = re.compile(r"^[A-Z]{2}$")


def normalise_region_code(code: str) -> str:
    """Return a 2-digit province or 4-digit city code.

    Six-digit GB/T 2260 codes lose their trailing "00" pairs ("320000" → "32", "320100" → "3201");
    other input is returned stripped, for the caller's validation to judge.
    """
    code = (code or "").strip()
    if len(code) == 6 and code.isdigit():
        code = code[:4] if code[4:] == "00" else code
        code = code[:2] if code[2:] == "00" else code
    return code


def region_covers(bureau_code: str, code: str) -> bool:
    """A bureau covers its own code and every code below it: "32" covers "32" and "3201"; "3201" not "32"."""
    bureau_code = normalise_region_code(bureau_code)
    code = normalise_region_code(code)
    if not bureau_code or not code:
        return False
    return code.startswith(bureau_code)


def normalise_industry_code(code: str) -> str:
    """Industry standard codes (行业标准代号) are upper-case letters: "jb " → "JB"."""
    return (code or "").strip().upper()


def normalise_tc_code(code: str) -> str:
    """Return the canonical spelling "SAC/TC 28" or "SAC/TC 28/SC 1"; unknown shapes are only upper-cased."""
    text = " ".join((code or "").upper().replace("／", "/").split())
    match = _TC_CODE.match(text)
    if match is None:
        return text
    kind, number, sub = match.groups()
    canonical = f"SAC/{kind} {int(number)}"
    if sub is not None:
        canonical += f"/SC {int(sub)}"
    return canonical


def is_canonical_tc_code(code: str) -> bool:
    return _TC_CODE.match(code) is not None and normalise_tc_code(code) == code
