"""The wording rules seeded at installation (administrators edit them in the admin afterwards): phrases that
typically restrict competition in a standard's text, after the fair competition review rules (公平竞争审查制度
实施细则) and the 2019 work plan's call to keep local standards from setting market barriers. Each is a
regular expression over Chinese text; they are cues for the reviewer, not verdicts."""

DEFAULT_RULES: tuple[tuple[str, str, str], ...] = (
    ("brand", r"(?:指定|限定|应当?(?:选用|采用|使用))[^。；\n]{0,12}(?:品牌|牌号|商标|厂家|生产企业)",
     "指定品牌、商标或生产企业，可能排除其他经营者"),
    ("brand", r"[\u4e00-\u9fff]{2,8}(?:牌|®|™)(?:产品|设备|材料)?", "出现品牌名称，请核实是否指定特定品牌"),
    ("brand", r"(?:有限公司|股份公司|集团)(?:生产|提供|制造)的", "点名特定企业的产品"),
    ("local_testing", r"(?:本省|本市|本地区?|省内|市内)[^。；\n]{0,10}(?:检测|检验|认证)机构",
     "限定本地检验检测或认证机构，可能排斥外地机构"),
    ("local_testing", r"(?:经|由)[^。；\n]{0,12}(?:省|市)[^。；\n]{0,10}(?:检测|检验)(?:中心|院|所|站)(?:检测|检验|出具)",
     "指定某一检验检测机构出具报告"),
    ("local_registration", r"(?:在本(?:省|市|地)|本地)[^。；\n]{0,10}(?:注册|登记|备案|设立)",
     "要求在本地注册、登记或设立机构，可能设置市场准入壁垒"),
    ("local_registration", r"(?:本省|本市|本地)(?:企业|生产|产品)(?:优先|为限)", "本地企业或产品优先"),
    ("other", r"(?:外地|外省|省外|市外)(?:企业|产品|商品)[^。；\n]{0,10}(?:不得|禁止|限制)", "限制外地企业或商品"),
)
