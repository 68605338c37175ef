"""Word lists for titles: document types per subject kind, part topics, analytes and methods.

Subject kinds: p product or equipment, m material, f food, s service or management, i information technology,
e engineering construction, t basic or test method, a crop, h livestock or fishery, v disease,
z pollution source, zm environmental medium (monitoring methods).
A document type written "~X" is appended without a space ("水泥工业" + "大气污染物排放标准"); "" is the bare
subject (a product standard named after the product); "@" is a determination method ("X含量的测定 Y法").
English document types containing {s} wrap the lower-cased subject.
"""

from . import subjects_1, subjects_2

DOC_TYPES = {
    "p": [
        ("通用技术条件", "General specification", "术语和定义、分类、技术要求、试验方法、检验规则以及标志、包装、运输和贮存", 5),
        ("技术条件", "Specification", "技术要求、试验方法、检验规则及标志、包装、运输和贮存", 3),
        ("安全要求", "Safety requirements", "安全要求及相应的试验方法", 3),
        ("试验方法", "Test methods", "试验条件、试验设备和试验方法", 3),
        ("技术要求", "Technical requirements", "技术要求和试验方法", 2),
        ("检验规则", "Inspection rules", "检验分类、组批、抽样和判定规则", 1),
        ("术语", "Terminology", "术语和定义", 1),
        ("分类与型号", "Classification and designation", "分类、型号编制方法和基本参数", 1),
        ("能效限定值及能效等级", "Minimum allowable values of energy efficiency and energy efficiency grades",
         "能效等级、能效限定值和试验方法", 1),
        ("可靠性要求与试验方法", "Reliability requirements and test methods", "可靠性指标、试验条件和试验程序", 1),
        ("安装与验收规范", "Code for installation and acceptance", "安装、调试和验收要求", 1),
        ("使用与维护规程", "Specification for operation and maintenance", "使用、维护和保养要求", 1),
        ("电磁兼容 要求和试验方法", "Electromagnetic compatibility—Requirements and test methods", "电磁兼容限值和试验方法", 1),
    ],
    "m": [
        ("", "", "要求、试验方法、检验规则以及标志、包装、运输和贮存", 5),
        ("@", "", "", 5),
        ("取样方法", "Sampling methods", "取样的一般规定、取样工具和取样程序", 1),
        ("包装、标志、运输和贮存", "Packing, marking, transportation and storage", "包装、标志、运输和贮存要求", 1),
        ("试验方法", "Test methods", "试验方法", 1),
        ("~单位产品能源消耗限额", "The norm of energy consumption per unit product of {s}",
         "单位产品能源消耗限额的技术要求、统计范围和计算方法", 1),
    ],
    "f": [
        ("", "", "产品分类、技术要求、检验方法、检验规则以及标签、包装、运输和贮存", 5),
        ("@", "", "", 4),
        ("质量等级", "Quality grades", "质量等级划分和各等级的指标要求", 1),
        ("~生产技术规范", "Code of practice for production of {s}", "原料、加工、包装、贮存和运输等环节的技术要求", 1),
        ("感官评价方法", "Methods for sensory evaluation", "感官评价的条件、程序和结果表示", 1),
        ("~贮藏技术规范", "Technical specification for storage of {s}", "贮藏条件和管理要求", 1),
    ],
    "s": [
        ("服务规范", "Service specification", "服务内容、服务要求、服务流程和服务评价与改进", 3),
        ("要求", "Requirements", "要求", 2),
        ("指南", "Guidelines", "指导性建议", 2),
        ("管理规范", "Management specification", "管理要求", 2),
        ("服务质量评价", "Evaluation of service quality", "服务质量评价的原则、指标和方法", 1),
        ("术语", "Vocabulary", "术语和定义", 1),
        ("分类与代码", "Classification and codes", "分类原则、分类方法和代码", 1),
        ("实施指南", "Guidelines for implementation", "实施的原则、程序和方法", 1),
        ("评价方法", "Evaluation methods", "评价原则、评价指标和评价方法", 1),
        ("基本要求", "Basic requirements", "基本要求", 1),
        ("数据元", "Data elements", "数据元的定义和表示", 1),
    ],
    "i": [
        ("技术要求", "Technical requirements", "技术要求", 3),
        ("测试方法", "Test methods", "测试方法", 2),
        ("安全技术要求", "Security technical requirements", "安全功能要求和安全保障要求", 2),
        ("通用要求", "General requirements", "通用要求", 2),
        ("参考架构", "Reference architecture", "参考架构及其组成", 1),
        ("数据格式", "Data format", "数据格式", 1),
        ("接口规范", "Interface specification", "接口的功能、协议和数据要求", 1),
        ("术语", "Vocabulary", "术语和定义", 1),
        ("应用指南", "Application guide", "应用的原则、流程和方法", 1),
        ("评估方法", "Assessment methods", "评估的原则、内容和方法", 1),
    ],
    "e": [
        ("~技术规程", "Technical specification for {s}", "设计、施工、验收和维护的技术要求", 3),
        ("~设计标准", "Standard for design of {s}", "设计的基本规定和技术要求", 2),
        ("~设计规范", "Code for design of {s}", "设计的基本规定和技术要求", 2),
        ("~施工质量验收标准", "Standard for acceptance of construction quality of {s}", "施工质量验收的基本规定、内容和方法", 2),
        ("~施工规范", "Code for construction of {s}", "施工的技术要求", 1),
        ("~检测技术标准", "Technical standard for testing of {s}", "检测的基本规定、检测方法和结果评定", 1),
        ("~运行维护规程", "Specification for operation and maintenance of {s}", "运行、维护和安全管理要求", 1),
        ("~术语标准", "Standard for terminology of {s}", "术语和定义", 1),
    ],
    "t": [
        ("试验方法", "Test methods", "试验方法", 2),
        ("术语", "Vocabulary", "术语和定义", 2),
        ("通用规则", "General rules", "通用规则", 2),
        ("测量方法", "Measurement methods", "测量方法", 1),
        ("导则", "Guide", "指导原则", 1),
        ("符号", "Symbols", "符号及其表示方法", 1),
        ("技术规范", "Technical specification", "技术规范", 1),
        ("要求", "Requirements", "要求", 1),
    ],
    "a": [
        ("~栽培技术规程", "Technical regulation for cultivation of {s}", "产地环境、品种选择、栽培管理、病虫害防治和采收", 4),
        ("~生产技术规程", "Technical regulation for production of {s}", "生产技术要求", 3),
        ("~病虫害绿色防控技术规程", "Technical regulation for green control of diseases and pests of {s}",
         "病虫害绿色防控的原则、措施和方法", 2),
        ("~种子质量", "Seed quality of {s}", "种子质量要求和检验方法", 1),
        ("~良好农业规范", "Good agricultural practice for {s}", "良好农业规范要求", 1),
        ("~产地环境条件", "Environmental requirements for production areas of {s}", "产地的空气、灌溉水和土壤质量要求", 1),
    ],
    "h": [
        ("~饲养管理技术规范", "Technical specification for feeding and management of {s}", "饲养管理的技术要求", 3),
        ("~养殖技术规范", "Technical specification for farming of {s}", "养殖环境、苗种、饲养管理和疫病防控", 3),
        ("~标准化养殖场建设规范", "Specification for construction of standardized farms of {s}", "选址、布局、设施设备和管理要求", 1),
        ("~疫病防控技术规范", "Technical specification for disease prevention and control of {s}", "疫病防控的措施和要求", 1),
    ],
    "v": [
        ("~诊断技术", "Diagnostic techniques for {s}", "诊断方法和结果判定", 4),
        ("~防治技术规范", "Technical specification for prevention and control of {s}", "防治措施和技术要求", 2),
        ("~监测技术规范", "Technical specification for surveillance of {s}", "监测的内容、方法和要求", 1),
        ("~检疫技术规范", "Technical specification for quarantine of {s}", "检疫的程序、方法和判定", 1),
    ],
    "z": [
        ("~大气污染物排放标准", "Emission standard of air pollutants for {s}", "大气污染物排放控制要求、监测和监督管理要求", 3),
        ("~水污染物排放标准", "Discharge standard of water pollutants for {s}", "水污染物排放控制要求、监测和监督管理要求", 2),
        ("~污染防治可行技术指南", "Guideline on available techniques of pollution prevention and control for {s}",
         "污染防治可行技术", 1),
        ("~排污单位自行监测技术指南", "Self-monitoring technology guidelines for pollution sources of {s}",
         "自行监测的一般要求、监测方案和信息记录", 1),
    ],
    "zm": [("@", "", "", 1)],
}

# Document types for mandatory national standards, per kind (others fall back to DOC_TYPES).
MANDATORY_DOC_TYPES = {
    "p": [DOC_TYPES["p"][2], DOC_TYPES["p"][8], DOC_TYPES["p"][4]],
    "m": [DOC_TYPES["m"][0], DOC_TYPES["m"][5]],
    "f": [DOC_TYPES["f"][0], DOC_TYPES["f"][1], ("~生产卫生规范", "Hygienic specifications for production of {s}",
                                              "原料采购、加工、包装、贮存和运输等环节的场所、设施、人员的基本要求和管理准则", 1)],
    "s": [("安全规范", "Safety specification", "安全要求", 1)],
    "i": [DOC_TYPES["i"][2]],
    "t": [DOC_TYPES["t"][7]],
}

PART_TOPICS = {
    "p": [("通用要求", "General requirements"), ("安全要求", "Safety requirements"), ("性能要求", "Performance requirements"),
          ("试验方法", "Test methods"), ("检验规则", "Inspection rules"), ("安装要求", "Installation requirements"),
          ("运行与维护", "Operation and maintenance"), ("标志、包装、运输和贮存", "Marking, packing, transportation and storage")],
    "s": [("总则", "General principles"), ("术语", "Vocabulary"), ("服务提供", "Service provision"),
          ("服务评价", "Service evaluation"), ("管理要求", "Management requirements"), ("人员要求", "Personnel requirements"),
          ("设施设备", "Facilities and equipment"), ("信息化建设", "Informatization")],
    "i": [("概述和词汇", "Overview and vocabulary"), ("参考架构", "Reference architecture"),
          ("技术要求", "Technical requirements"), ("测试方法", "Test methods"), ("数据格式", "Data format"),
          ("接口", "Interfaces"), ("安全", "Security"), ("应用指南", "Application guide")],
    "e": [("总则", "General"), ("设计", "Design"), ("施工", "Construction"), ("验收", "Acceptance"),
          ("运行维护", "Operation and maintenance")],
    "t": [("总则", "General"), ("术语", "Terms and definitions"), ("试验方法", "Test methods"),
          ("测量不确定度评定", "Evaluation of measurement uncertainty"), ("结果表示", "Expression of results"),
          ("实验室要求", "Laboratory requirements")],
}
# Kinds never split into parts: crop, livestock, disease and pollution-source standards.
SINGLE_PART_KINDS = frozenset("ahvz")

# Umbrella subjects whose parts 2.. are "particular requirements" for one product each (IEC 60335-2-x style).
PARTICULAR = {
    "家用和类似用途电器": [
        ("房间空气调节器", "room air conditioners"), ("家用电冰箱", "household refrigerators"), ("电动洗衣机", "washing machines"),
        ("储水式热水器", "storage water heaters"), ("吸油烟机", "range hoods"), ("电饭锅", "electric rice cookers"),
        ("电磁灶", "induction hobs"), ("真空吸尘器", "vacuum cleaners"), ("微波炉", "microwave ovens"),
        ("电热毯", "electric blankets"), ("空气净化器", "air-cleaning appliances"), ("电动剃须刀", "shavers")],
    "医用电气设备": [
        ("医用超声诊断和监护设备", "ultrasonic medical diagnostic and monitoring equipment"), ("婴儿培养箱", "infant incubators"),
        ("呼吸机", "ventilators"), ("血液透析设备", "haemodialysis equipment"), ("心电图机", "electrocardiographs"),
        ("多参数患者监护设备", "multifunction patient monitoring equipment"), ("高频手术设备", "high frequency surgical equipment"),
        ("输液泵和输液控制器", "infusion pumps and controllers")],
    "灯具": [
        ("固定式通用灯具", "fixed general purpose luminaires"), ("可移式通用灯具", "portable general purpose luminaires"),
        ("嵌入式灯具", "recessed luminaires"), ("道路与街路照明灯具", "luminaires for road and street lighting"),
        ("应急照明灯具", "luminaires for emergency lighting"), ("手提灯", "handlamps")],
    "手持式电动工具": [
        ("电钻和冲击电钻", "drills and impact drills"), ("螺丝刀和冲击扳手", "screwdrivers and impact wrenches"),
        ("砂轮机", "grinders"), ("电锤", "hammers"), ("电刨", "planers"), ("圆锯", "circular saws")],
    "低压开关设备和控制设备": [
        ("断路器", "circuit-breakers"), ("开关、隔离器、隔离开关及熔断器组合电器", "switches, disconnectors and fuse-combination units"),
        ("机电式接触器和电动机起动器", "electromechanical contactors and motor-starters"),
        ("控制电路电器和开关元件", "control circuit devices and switching elements")],
}

ANALYTES = {
    "m": [("铁", "iron"), ("锰", "manganese"), ("硅", "silicon"), ("磷", "phosphorus"), ("硫", "sulfur"), ("碳", "carbon"),
          ("铜", "copper"), ("铝", "aluminium"), ("镍", "nickel"), ("铬", "chromium"), ("钛", "titanium"), ("钼", "molybdenum"),
          ("钒", "vanadium"), ("锌", "zinc")],
    "mc": [("水分", "moisture"), ("灰分", "ash"), ("氯离子", "chloride ion"), ("游离甲醛", "free formaldehyde"),
           ("重金属", "heavy metals"), ("铅", "lead"), ("钙", "calcium"), ("氧化镁", "magnesium oxide"), ("硫", "sulfur"),
           ("铁", "iron"), ("pH值", "pH value"), ("不溶物", "insoluble matter"), ("有效成分", "active ingredient"),
           ("挥发分", "volatile matter")],
    "f": [("铅", "lead"), ("镉", "cadmium"), ("总砷及无机砷", "total arsenic and inorganic arsenic"),
          ("总汞及有机汞", "total mercury and organic mercury"), ("蛋白质", "protein"), ("脂肪", "fat"), ("水分", "moisture"),
          ("灰分", "ash"), ("苯甲酸、山梨酸和糖精钠", "benzoic acid, sorbic acid and sodium saccharin"),
          ("黄曲霉毒素B族和G族", "aflatoxins B and G"), ("亚硝酸盐与硝酸盐", "nitrite and nitrate"),
          ("维生素A、D、E", "vitamins A, D and E"), ("钙", "calcium"), ("苯并(a)芘", "benzo(a)pyrene"),
          ("二氧化硫", "sulfur dioxide"), ("膳食纤维", "dietary fibre"), ("酸价", "acid value"), ("过氧化值", "peroxide value")],
    "zm": [("二氧化硫", "sulfur dioxide"), ("氮氧化物", "nitrogen oxides"), ("颗粒物", "particulate matter"),
           ("挥发性有机物", "volatile organic compounds"), ("化学需氧量", "chemical oxygen demand"), ("氨氮", "ammonia nitrogen"),
           ("总磷", "total phosphorus"), ("石油类", "petroleum"), ("汞", "mercury"), ("六价铬", "hexavalent chromium"),
           ("多环芳烃", "polycyclic aromatic hydrocarbons"), ("氟化物", "fluoride"), ("苯系物", "benzene series"),
           ("二噁英类", "dioxins")],
}

METHODS = [
    ("原子吸收光谱法", "atomic absorption spectrometry"),
    ("电感耦合等离子体原子发射光谱法", "inductively coupled plasma atomic emission spectrometry"),
    ("电感耦合等离子体质谱法", "inductively coupled plasma mass spectrometry"), ("气相色谱法", "gas chromatography"),
    ("高效液相色谱法", "high performance liquid chromatography"), ("气相色谱-质谱法", "gas chromatography-mass spectrometry"),
    ("滴定法", "titration method"), ("重量法", "gravimetric method"), ("分光光度法", "spectrophotometric method"),
    ("红外吸收法", "infrared absorption method"), ("X射线荧光光谱法", "X-ray fluorescence spectrometry"),
    ("离子色谱法", "ion chromatography"), ("原子荧光光谱法", "atomic fluorescence spectrometry"),
    ("电位滴定法", "potentiometric titration method"),
]

USAGE = {
    "p": "设计、生产和检验", "m": "生产、检验和验收", "f": "生产、检验和销售", "s": "管理和服务提供",
    "i": "设计、开发、测试和应用", "e": "设计、施工和验收", "t": "试验和检测", "a": "生产和管理",
    "h": "养殖生产和管理", "v": "诊断、监测和防控", "z": "污染物排放管理、环境影响评价和排污许可管理", "zm": "监测",
}

# Products named in local geographical-indication standards (地理标志产品).
GI_PRODUCTS = ("茶", "大米", "柑橘", "杨梅", "黄酒", "蜂蜜", "枸杞", "猕猴桃", "板鸭", "米粉", "红茶", "香醋", "花椒", "山药",
               "小米", "白茶", "脐橙", "荔枝", "火腿", "腐乳")

# Qualifiers seen in group and enterprise product titles.
QUALIFIERS = ("智能", "节能型", "高效", "家用", "商用", "工业用", "便携式", "大功率", "低噪声", "高精度", "环保型", "一体化",
              "数字化", "无线", "模块化", "轻量化")

GROUP_DOC_TYPES = (
    ("绿色设计产品评价技术规范 ", "Technical specification for green-design product assessment—{S}"),
    ("", "{S}"), ("", "{S}"), ("评价规范", "Evaluation specification for {s}"), ("技术规范", "Technical specification for {s}"),
)


def _parse(text):
    out, cls = {}, None
    for line in text.strip().splitlines():
        line = line.strip()
        if line.startswith("["):
            cls = line[1:-1]
            out[cls] = []
            continue
        zh, en, ccs, ics, kind = line.split("|")
        out[cls].append((zh, en, ccs, tuple(ics.split(",")), kind, cls))
    return out


# SUBJECTS[class letter] = [(zh, en, ccs, (ics, ...), kind, class), ...]
SUBJECTS = {**_parse(subjects_1.DATA), **_parse(subjects_2.DATA)}
CLASSES = tuple(sorted(SUBJECTS))
