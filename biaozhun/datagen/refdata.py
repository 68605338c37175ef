"""Reference tables read straight from biaozhun/reference/data (CSV, no Django)."""

import csv
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "reference" / "data"

# Full administrative names of the provinces (GB/T 2260) used in local-standard numbers and issuer names.
_FULL_SUFFIX = {
    "11": "市", "12": "市", "31": "市", "50": "市", "15": "自治区", "45": "壮族自治区", "54": "自治区",
    "64": "回族自治区", "65": "维吾尔自治区",
}

# Used when region_codes.csv is absent: well-known prefecture-level cities (4-digit GB/T 2260 codes).
FALLBACK_CITIES = {
    "1301": "石家庄", "1302": "唐山", "2101": "沈阳", "2102": "大连", "2301": "哈尔滨", "3201": "南京",
    "3202": "无锡", "3204": "常州", "3205": "苏州", "3206": "南通", "3301": "杭州", "3302": "宁波",
    "3303": "温州", "3304": "嘉兴", "3306": "绍兴", "3307": "金华", "3310": "台州", "3401": "合肥",
    "3501": "福州", "3502": "厦门", "3505": "泉州", "3601": "南昌", "3701": "济南", "3702": "青岛",
    "3706": "烟台", "3707": "潍坊", "4101": "郑州", "4103": "洛阳", "4201": "武汉", "4205": "宜昌",
    "4301": "长沙", "4401": "广州", "4403": "深圳", "4404": "珠海", "4406": "佛山", "4419": "东莞",
    "4420": "中山", "4501": "南宁", "5101": "成都", "5107": "绵阳", "5201": "贵阳", "5301": "昆明",
    "6101": "西安", "6201": "兰州",
}


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        yield from (row for row in reader if row and row[0].strip())


@cache
def ccs_codes():
    """{code: name} of the 1,607 level-3 CCS codes."""
    return {row[0].strip(): row[1].strip() for row in _rows(DATA_DIR / "ccs" / "cat-level3.csv")}


@cache
def ics_codes():
    """{code: English description} of the ICS edition 7 codes."""
    return {row[0].strip(): row[1].strip() for row in _rows(DATA_DIR / "ics_ed7.csv")}


@cache
def industry_codes():
    """{code: industry name} of the industry-standard prefixes (the 'verify' additions left out)."""
    return {
        row[0].strip(): row[1].strip()
        for row in _rows(DATA_DIR / "industry_codes.csv")
        if "verify" not in (row[2] if len(row) > 2 else "")
    }


@cache
def provinces():
    """{2-digit code: (short name, full name)} for the provinces that issue local standards."""
    out = {}
    for row in _rows(DATA_DIR / "province_codes.csv"):
        code, short = row[0].strip(), row[1].strip()
        if code in ("71", "81", "82"):
            continue
        out[code] = (short, short + _FULL_SUFFIX.get(code, "省"))
    return out


def _city_entry(code, name):
    code = code.strip()
    name = name.strip()
    if len(code) == 6:
        if code[4:] != "00" or code[2:4] in ("00", "90"):
            return None
        code = code[:4]
    if len(code) != 4 or not code.isdigit() or code[2:] == "00" or not name or "辖" in name:
        return None
    if code[:2] in ("11", "12", "31", "50"):
        return None
    full = name if name.endswith(("市", "州", "盟", "地区")) else name + "市"
    short = name[:-1] if name.endswith("市") and len(name) > 2 else name
    return code, short, full


@cache
def cities():
    """{4-digit code: (short name, full name)}: region_codes.csv when present, else the built-in list."""
    path = DATA_DIR / "region_codes.csv"
    out = {}
    if path.exists():
        provs = provinces()
        for row in _rows(path):
            if len(row) < 2 or (len(row) > 4 and row[4] == "abolished"):
                continue
            entry = _city_entry(row[0], row[1])
            if entry and entry[0][:2] in provs:
                out[entry[0]] = (entry[1], entry[2])
    if not out:
        out = {code: (name, name + "市") for code, name in FALLBACK_CITIES.items()}
    return dict(sorted(out.items()))
