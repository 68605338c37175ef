"""The indicator catalogue as first seeded: one row per registered function (stats/indicators/), in Chinese, the
default language; administrators edit the text afterwards (services.update_indicator)."""

from django.db import migrations

F = ["tier", "nature", "ccs", "ics", "region", "committee"]
CATALOGUE = "标准目录（标准的发布、实施、废止日期和代替关系）"
SEED = [
    ("standards_in_force", "现行标准数", "统计日现行有效的标准数量（国家、行业、地方、团体、企业标准）。",
     "发布日期和实施日期不晚于统计日，且在统计日前未废止、未被代替的标准计数。", "项", ["total", *F, "year"],
     CATALOGUE, True),
    ("standards_by_status", "标准状态分布", "统计日已发布标准按即将实施、现行、被代替、废止的分布。",
     "按统计日的日期和代替关系推算每项标准当日的状态后计数。", "项", ["total", "status"], CATALOGUE, True),
    ("standards_new", "新制定标准数", "统计年度内发布、不代替其他标准的新标准数量。",
     "发布日期在统计年度内且无代替关系的标准计数。", "项", ["total", *F], CATALOGUE, True),
    ("standards_revised", "修订标准数", "统计年度内发布、代替原有标准的修订标准数量。",
     "发布日期在统计年度内且代替其他标准的标准计数。", "项", ["total", *F], CATALOGUE, True),
    ("standard_age", "标龄分布", "统计日现行标准自发布之日起的年数（标龄）分布。",
     "按统计日减发布日期的整年数分为 0–5、6–10、11–15、16–20、21 年以上五档计数。", "项", ["age"], CATALOGUE, True),
    ("standard_age_average", "平均标龄", "统计日现行标准的平均标龄。", "现行标准标龄之和 ÷ 现行标准数。", "年",
     ["total", *F], CATALOGUE, True),
    ("reviews_on_time", "复审及时率", "发布满 5 年的现行国家、行业、地方标准中，近 5 年内完成复审（或确认）的比例。",
     "近 5 年内有复审结论或复审确认的标准数 ÷ 发布满 5 年的现行标准数 × 100%。", "%",
     ["total", "tier", "committee"], "标准目录、标准复审记录", True),
    ("development_cycle", "平均制定周期", "统计年度内发布的标准从计划下达到发布的平均月数。",
     "（发布日期 − 计划下达日期）的平均值，按月计。", "月", ["total", "nature", "committee"], "标准制修订项目", True),
    ("adoption_rate", "国际标准转化率", "现行国际标准中已被等同或修改采用为现行国家标准的比例。",
     "以 IDT、MOD 方式转化为现行国家标准的现行 ISO/IEC 标准数 ÷ 范围内现行 ISO/IEC 标准数 × 100%（与国际标准转化率页面同一算法）。",
     "%", ["total", "ics"], "国际标准目录及采用关系", True),
    ("feedback_answer_days", "反馈平均答复用时", "统计年度内答复的标准实施信息反馈从受理到答复的平均工作日数。",
     "已答复反馈的答复用时（工作日）之和 ÷ 已答复反馈数。", "工作日", ["total", "committee"], "标准实施信息反馈", False),
    ("filings", "备案标准数", "统计年度内完成备案的行业标准和地方标准数量。", "备案日期在统计年度内的已备案标准计数。",
     "项", ["total", "tier", "region"], "行业、地方标准备案", True),
    ("declarations", "自我声明公开数", "统计日处于公开状态的企业标准自我声明数量。",
     "首次公开不晚于统计日、且在统计日前未撤回的声明计数。", "项", ["total", "tier", "region"],
     "企业标准信息公共服务（自我声明公开）", True),
    ("committee_grades", "技术委员会考核等级", "统计年度考核已定稿的技术委员会按等级的分布。",
     "年度考核已定稿（取最新版本）的委员会按优秀、良好、合格、不合格计数。", "个", ["total", "grade"],
     "技术委员会年度考核", False),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("stats", "Indicator")
    for position, (code, name, definition, formula, unit, dimensions, source, public) in enumerate(SEED, start=1):
        Indicator.objects.update_or_create(code=code, defaults={
            "name": name, "definition": definition, "formula": formula, "unit": unit, "dimensions": dimensions,
            "source": source, "public": public, "position": position})


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
