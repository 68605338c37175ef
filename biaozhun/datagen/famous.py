"""A few real, widely cited standards (with their editions) so the demo catalogue shows familiar numbers.

Their sequence numbers, and those of commonly cited standards, are reserved so generated standards never take them.
"""

_SAC = ["中华人民共和国国家质量监督检验检疫总局", "中国国家标准化管理委员会"]
_SAMR = ["国家市场监督管理总局", "国家标准化管理委员会"]
_TC151 = {"responsible_unit": "全国质量管理和质量保证标准化技术委员会", "tc_code": "SAC/TC 151",
          "competent_department": "国家标准化管理委员会"}
_TC207 = {"responsible_unit": "全国环境管理标准化技术委员会", "tc_code": "SAC/TC 207", "competent_department": "国家标准化管理委员会"}
_TC46 = {"responsible_unit": "全国家用电器标准化技术委员会", "tc_code": "SAC/TC 46", "competent_department": "中国轻工业联合会"}
_TC10 = {"responsible_unit": "全国医用电器标准化技术委员会", "tc_code": "SAC/TC 10", "competent_department": "国家药品监督管理局"}
_TC260 = {"responsible_unit": "全国信息安全标准化技术委员会", "tc_code": "SAC/TC 260", "competent_department": "国家标准化管理委员会"}
_TC114 = {"responsible_unit": "全国汽车标准化技术委员会", "tc_code": "SAC/TC 114", "competent_department": "工业和信息化部"}
_FOOD = {"competent_department": "国家卫生健康委员会", "responsible_unit": "国家食品安全风险评估中心"}
_BUILD = {"competent_department": "住房和城乡建设部", "responsible_unit": "住房和城乡建设部"}


def _r(identifier, zh, en, ccs, ics, pub, impl, issued, extra, **more):
    rec = {"identifier": identifier, "title_zh": zh, "title_en": en, "ccs": ccs, "ics": ics, "issued_by": issued}
    rec.update(extra)
    rec["published_on"], rec["implemented_on"] = pub, impl
    rec.update(more)
    return rec


QMS = "质量管理体系 要求", "Quality management systems—Requirements"
EMS = "环境管理体系 要求及使用指南", "Environmental management systems—Requirements with guidance for use"
FOOD_ADD = "食品安全国家标准 食品添加剂使用标准", "National food safety standard—Standard for uses of food additives"
LABEL = "食品安全国家标准 预包装食品标签通则", "National food safety standard—General standard for the labeling of prepackaged foods"
HH = "家用和类似用途电器的安全 第1部分：通用要求", "Household and similar electrical appliances—Safety—Part 1: General requirements"
MEE = ("医用电气设备 第1部分：基本安全和基本性能的通用要求",
       "Medical electrical equipment—Part 1: General requirements for basic safety and essential performance")

# (nature, record); records of one number are listed oldest first.
NATIONAL = (
    ("recommended", _r("GB/T 19001-2008/ISO 9001:2008", *QMS, "A00", ["03.120.10"], "2008-10-29", "2009-03-01", _SAC,
                       _TC151, adopts=[{"identifier": "ISO 9001:2008", "degree": "IDT"}])),
    ("recommended", _r("GB/T 19001-2016/ISO 9001:2015", *QMS, "A00", ["03.120.10"], "2016-12-30", "2017-07-01", _SAC,
                       _TC151, replaces=["GB/T 19001-2008"], adopts=[{"identifier": "ISO 9001:2015", "degree": "IDT"}],
                       references=["GB/T 19000-2016"], language_versions=["en"])),
    ("recommended", _r("GB/T 24001-2004/ISO 14001:2004", "环境管理体系 要求及使用指南", "Environmental management systems—"
                       "Requirements with guidance for use", "Z00", ["13.020.10"], "2004-12-02", "2005-05-15", _SAC,
                       _TC207, adopts=[{"identifier": "ISO 14001:2004", "degree": "IDT"}])),
    ("recommended", _r("GB/T 24001-2016/ISO 14001:2015", *EMS, "Z00", ["13.020.10"], "2016-10-13", "2017-05-01", _SAC,
                       _TC207, replaces=["GB/T 24001-2004"], adopts=[{"identifier": "ISO 14001:2015", "degree": "IDT"}])),
    ("recommended", _r("GB/T 1.1-2009", "标准化工作导则 第1部分：标准的结构和编写", "Directives for standardization—Part 1: "
                       "Structure and drafting of standards", "A00", ["01.120"], "2009-06-17", "2010-01-01", _SAC,
                       {"responsible_unit": "全国标准化原理与方法标准化技术委员会", "tc_code": "SAC/TC 286",
                        "competent_department": "国家标准化管理委员会"})),
    ("recommended", _r("GB/T 1.1-2020", "标准化工作导则 第1部分：标准化文件的结构和起草规则", "Directives for "
                       "standardization—Part 1: Rules for the structure and drafting of standardizing documents", "A00",
                       ["01.120"], "2020-03-31", "2020-10-01", _SAMR,
                       {"responsible_unit": "全国标准化原理与方法标准化技术委员会", "tc_code": "SAC/TC 286",
                        "competent_department": "国家标准化管理委员会"},
                       replaces=["GB/T 1.1-2009"])),
    ("recommended", _r("GB/T 2828.1-2012/ISO 2859-1:1999", "计数抽样检验程序 第1部分：按接收质量限（AQL）检索的逐批检验抽样计划",
                       "Sampling procedures for inspection by attributes—Part 1: Sampling schemes indexed by acceptance "
                       "quality limit (AQL) for lot-by-lot inspection", "A41", ["03.120.30"], "2012-11-05", "2013-02-15",
                       _SAC, {"responsible_unit": "全国统计方法应用标准化技术委员会", "tc_code": "SAC/TC 21"},
                       adopts=[{"identifier": "ISO 2859-1:1999", "degree": "IDT"}])),
    ("recommended", _r("GB/T 191-2008", "包装储运图示标志", "Packaging—Pictorial marking for handling of goods", "A80",
                       ["55.020"], "2008-04-01", "2008-10-01", _SAC, {"responsible_unit": "全国包装标准化技术委员会",
                                                                   "tc_code": "SAC/TC 49"},
                       adopts=[{"identifier": "ISO 780:1997", "degree": "MOD"}])),
    ("recommended", _r("GB/T 6682-2008", "分析实验室用水规格和试验方法", "Water for analytical laboratory use—Specification "
                       "and test methods", "G60", ["71.040.30"], "2008-05-15", "2008-11-01", _SAC,
                       {"responsible_unit": "全国化学标准化技术委员会", "tc_code": "SAC/TC 63"},
                       adopts=[{"identifier": "ISO 3696:1987", "degree": "MOD"}])),
    ("mandatory", _r("GB 4208-2008", "外壳防护等级（IP代码）", "Degrees of protection provided by enclosure (IP code)", "K09",
                     ["29.020"], "2008-09-24", "2009-08-01", _SAC, {"responsible_unit": "全国电器设备安全标准化技术委员会", "competent_department": "中国电器工业协会"})),
    ("recommended", _r("GB/T 4208-2017/IEC 60529:2013", "外壳防护等级（IP代码）", "Degrees of protection provided by enclosure (IP code)",
                       "K09", ["29.020"], "2017-07-12", "2018-02-01", _SAC,
                       {"responsible_unit": "全国电器设备安全标准化技术委员会", "competent_department": "中国电器工业协会"}, replaces=["GB 4208-2008"],
                       adopts=[{"identifier": "IEC 60529:2013", "degree": "IDT"}])),
    ("mandatory", _r("GB 2760-2011", *FOOD_ADD, "X40", ["67.220.20"], "2011-04-20", "2011-07-20", ["中华人民共和国卫生部"], _FOOD)),
    ("mandatory", _r("GB 2760-2014", *FOOD_ADD, "X40", ["67.220.20"], "2014-12-24", "2015-05-24",
                     ["中华人民共和国国家卫生和计划生育委员会"], _FOOD, replaces=["GB 2760-2011"])),
    ("mandatory", _r("GB 2760-2024", *FOOD_ADD, "X40", ["67.220.20"], "2024-02-08", "2025-02-08",
                     ["中华人民共和国国家卫生健康委员会", "国家市场监督管理总局"], _FOOD, replaces=["GB 2760-2014"])),
    ("mandatory", _r("GB 7718-2011", *LABEL, "X09", ["67.040"], "2011-04-20", "2012-04-20", ["中华人民共和国卫生部"], _FOOD)),
    ("mandatory", _r("GB 7718-2025", *LABEL, "X09", ["67.040"], "2025-03-16", "2027-03-16",
                     ["中华人民共和国国家卫生健康委员会", "国家市场监督管理总局"], _FOOD, replaces=["GB 7718-2011"])),
    ("mandatory", _r("GB 5749-2006", "生活饮用水卫生标准", "Standards for drinking water quality", "C51", ["13.060.20"],
                     "2006-12-29", "2007-07-01", _SAC, {"competent_department": "国家卫生健康委员会", "responsible_unit": "国家卫生健康委员会"})),
    ("mandatory", _r("GB 5749-2022", "生活饮用水卫生标准", "Standards for drinking water quality", "C51", ["13.060.20"],
                     "2022-03-15", "2023-04-01", _SAMR, {"competent_department": "国家卫生健康委员会", "responsible_unit": "国家卫生健康委员会"},
                     replaces=["GB 5749-2006"])),
    ("mandatory", _r("GB 7258-2012", "机动车运行安全技术条件", "Technical specifications for safety of power-driven vehicles "
                     "operating on roads", "T40", ["43.020"], "2012-05-11", "2012-09-01", _SAC, _TC114)),
    ("mandatory", _r("GB 7258-2017", "机动车运行安全技术条件", "Technical specifications for safety of power-driven vehicles "
                     "operating on roads", "T40", ["43.020"], "2017-09-29", "2018-01-01", _SAC, _TC114,
                     replaces=["GB 7258-2012"], amendments=[{"number": 1, "published_on": "2019-08-28",
                                                             "implemented_on": "2020-01-01",
                                                             "summary": "修改了第12章和第14章中的部分条款"}])),
    ("mandatory", _r("GB 50045-1995", "高层民用建筑设计防火规范", "Code for fire protection design of tall buildings", "P16",
                     ["13.220.01"], "1995-05-03", "1995-11-01", ["中华人民共和国建设部", "国家技术监督局"], _BUILD)),
    ("mandatory", _r("GB 50016-2006", "建筑设计防火规范", "Code of design on building fire protection and prevention", "P16",
                     ["13.220.01"], "2006-07-12", "2006-12-01", ["中华人民共和国建设部", "中华人民共和国国家质量监督检验检疫总局"],
                     _BUILD)),
    ("mandatory", _r("GB 50016-2014", "建筑设计防火规范", "Code for fire protection design of buildings", "P16", ["13.220.01"],
                     "2014-08-27", "2015-05-01", ["中华人民共和国住房和城乡建设部", "中华人民共和国国家质量监督检验检疫总局"],
                     _BUILD, replaces=["GB 50016-2006", "GB 50045-1995"])),
    ("recommended", _r("GB/T 22239-2008", "信息安全技术 信息系统安全等级保护基本要求", "Information security technology—"
                       "Baseline for classified protection of information system security", "L80", ["35.040"],
                       "2008-06-19", "2008-11-01", _SAC, _TC260)),
    ("recommended", _r("GB/T 22239-2019", "信息安全技术 网络安全等级保护基本要求", "Information security technology—"
                       "Baseline for classified protection of cybersecurity", "L80", ["35.030"], "2019-05-10",
                       "2019-12-01", _SAMR, _TC260, replaces=["GB/T 22239-2008"])),
    ("mandatory", _r("GB 4706.1-1998/IEC 60335-1:1991", *HH, "Y60", ["13.120", "97.030"], "1998-12-11", "1999-07-01", ["国家质量技术监督局"],
                     _TC46, adopts=[{"identifier": "IEC 60335-1:1991", "degree": "IDT"}])),
    ("mandatory", _r("GB 4706.1-2005/IEC 60335-1:2004", *HH, "Y60", ["13.120", "97.030"], "2005-08-26", "2006-08-01", _SAC, _TC46,
                     replaces=["GB 4706.1-1998"], adopts=[{"identifier": "IEC 60335-1:2004", "degree": "IDT"}])),
    ("mandatory", _r("GB 9706.1-2007/IEC 60601-1:1988", *MEE, "C39", ["11.040"], "2007-07-02", "2008-07-01", _SAC, _TC10,
                     adopts=[{"identifier": "IEC 60601-1:1988", "degree": "IDT"}])),
    ("mandatory", _r("GB 9706.1-2020", *MEE, "C39", ["11.040"], "2020-04-09", "2023-05-01", _SAMR, _TC10,
                     replaces=["GB 9706.1-2007"], adopts=[{"identifier": "IEC 60601-1:2012", "degree": "MOD"}])),
)

# ISO/IEC records for the adopted editions above: (identifier, title, ics, published, issuer, committee, replaces).
INTERNATIONAL = (
    ("ISO 9001:2008", "Quality management systems—Requirements", "03.120.10", "2008-11-14", "ISO", "ISO/TC 176", None),
    ("ISO 9001:2015", "Quality management systems—Requirements", "03.120.10", "2015-09-15", "ISO", "ISO/TC 176",
     "ISO 9001:2008"),
    ("ISO 14001:2004", "Environmental management systems—Requirements with guidance for use", "13.020.10", "2004-11-15",
     "ISO", "ISO/TC 207", None),
    ("ISO 14001:2015", "Environmental management systems—Requirements with guidance for use", "13.020.10", "2015-09-15",
     "ISO", "ISO/TC 207", "ISO 14001:2004"),
    ("ISO 2859-1:1999", "Sampling procedures for inspection by attributes—Part 1: Sampling schemes indexed by acceptance "
     "quality limit (AQL) for lot-by-lot inspection", "03.120.30", "1999-11-04", "ISO", "ISO/TC 69", None),
    ("ISO 780:1997", "Packaging—Pictorial marking for handling of goods", "55.200", "1997-12-18", "ISO", "ISO/TC 122", None),
    ("ISO 3696:1987", "Water for analytical laboratory use—Specification and test methods", "71.040.30", "1987-04-01",
     "ISO", "ISO/TC 47", None),
    ("IEC 60529:2013", "Degrees of protection provided by enclosures (IP Code)", "29.020", "2013-08-29", "IEC",
     "IEC/TC 70", None),
    ("IEC 60335-1:2004", "Household and similar electrical appliances—Safety—Part 1: General requirements", "13.120",
     "2004-06-21", "IEC", "IEC/TC 61", None),
    ("IEC 60601-1:2012", "Medical electrical equipment—Part 1: General requirements for basic safety and essential "
     "performance", "11.040", "2012-08-20", "IEC", "IEC/SC 62A", None),
)

# Sequence numbers never handed to generated national standards: the ones above and commonly cited ones.
RESERVED_NATIONAL = frozenset({
    1, 191, 601, 602, 603, 2423, 2760, 2762, 2763, 2828, 2900, 3095, 3838, 4208, 4706, 4789, 4943, 5009, 5271, 5465,
    5749, 6379, 6388, 6678, 6679, 6682, 7258, 7718, 8170, 9254, 9706, 9969, 13306, 14881, 15618, 16157, 17625, 17626,
    19000, 19001, 20000, 22239, 24001, 25069, 28001, 28050, 35273, 45001, 50009, 50010, 50011, 50016, 50045, 50300,
    55001, 5084, 8321, 8978,
})
RESERVED_INTERNATIONAL = frozenset({9001, 14001, 2859, 780, 3696, 60529, 60335, 60601, 27001, 45001})
RESERVED_INDUSTRY = {"HJ": (75, 76, 91, 168, 194, 819), "NY": (391, 393)}

# Commonly cited standards per subject kind (normative references).
COMMON_REFERENCES = {
    "p": ("GB/T 191-2008", "GB/T 2828.1-2012", "GB/T 2423.1", "GB/T 2423.2", "GB/T 4208-2017", "GB/T 9969", "GB/T 13306",
          "GB 4706.1", "GB/T 17626.2", "GB 4943.1"),
    "m": ("GB/T 601", "GB/T 602", "GB/T 603", "GB/T 6682-2008", "GB/T 8170-2008", "GB/T 191-2008", "GB/T 6678",
          "GB/T 6679"),
    "f": ("GB 2760", "GB 2762", "GB 2763", "GB 7718", "GB 28050", "GB 14881", "GB 5009.3", "GB 4789.2", "GB/T 6682-2008"),
    "s": ("GB/T 19001-2016", "GB/T 24001-2016", "GB/T 19000", "GB/T 20000.1"),
    "i": ("GB/T 5271.1", "GB/T 25069", "GB/T 22239-2019", "GB/T 35273"),
    "e": ("GB 50016", "GB 50300", "GB 50010", "GB 55001", "GB 50009", "GB 50011"),
    "t": ("GB/T 8170-2008", "GB/T 6379.1", "GB/T 2828.1-2012"),
    "a": ("GB 5084", "GB 15618", "GB/T 8321", "NY/T 391", "NY/T 393"),
    "z": ("GB 3095", "GB 3838", "GB/T 16157", "HJ 75", "HJ 76", "HJ 819", "GB 8978"),
    "zm": ("HJ 91.1", "HJ 168", "GB/T 6682-2008", "HJ 194"),
}
for _kind in ("h", "v"):
    COMMON_REFERENCES[_kind] = COMMON_REFERENCES["a"]
