"""Demo foreign-language versions and indicator comparison, through the services (the system acts):

- a plan of this year with four projects: GB 19147-2016 into English published (a real PDF generated like the
  demo catalogue's, so the standard's page offers it to read online: a mandatory standard's version), GB/T
  19001-2016 into French being translated by the demo secretary's secretariat (who may hand it in for review),
  the same into Russian in review, GB 2762-2022 into English planned, and one cancelled;
- a published comparison of GB 19147-2016 (车用柴油) with EN 590:2022 with a row of each verdict: same, Chinese
  stricter, Chinese looser, different, not comparable (text; units).

The standards are created in the catalogue when the demo catalogue does not have them. Idempotent."""

from __future__ import annotations

from django.db import transaction

from biaozhun.accounts.models import OrganisationKind, User
from biaozhun.catalog.demo.pdf import render_standard_pdf
from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import create_standard
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.rules.translations import TranslationState as State

from ..models import Comparison, TranslationProject
from ..services.indicators import ComparisonInput, RowInput, create_comparison, publish_comparison, save_rows
from ..services.translations import ProjectInput, create_translation, move_translation, publish_translation

STANDARDS = {
    "GB 19147-2016": {"title_zh": "车用柴油", "title_en": "Automobile diesel fuels", "ccs": "E31",
                      "ics": ["75.160.20"], "published_on": "2016-12-23", "implemented_on": "2017-01-01"},
    "GB/T 19001-2016": {"title_zh": "质量管理体系 要求", "title_en": "Quality management systems—Requirements",
                        "ccs": "A00", "ics": ["03.120.10"], "published_on": "2016-12-30",
                        "implemented_on": "2017-07-01"},
    "GB 2762-2022": {"title_zh": "食品安全国家标准 食品中污染物限量",
                     "title_en": "National food safety standard—Maximum levels of contaminants in foods",
                     "ccs": "C53", "ics": ["67.040"], "published_on": "2022-06-30", "implemented_on": "2023-06-30"},
}
ROWS = [  # name, unit, Chinese (GB 19147-2016, 车用柴油(VI)), foreign (EN 590:2022), methods: one verdict each
    ("硫含量", "mg/kg", "≤ 10", "≤ 10.0", "SH/T 0689", "EN ISO 20846"),  # same
    ("多环芳烃含量", "%", "≤ 7", "≤ 8.0", "SH/T 0806", "EN 12916"),  # stricter
    ("闪点（闭口）", "°C", "≥ 60", "> 55", "GB/T 261", "EN ISO 2719"),  # stricter (≥ 60 lies within > 55)
    ("密度", "kg/m³", "810～845", "820～845", "GB/T 1884", "EN ISO 3675"),  # looser
    ("锰含量", "mg/L", "—", "≤ 2.0", "", "EN 16576"),  # looser: no Chinese requirement
    ("运动黏度（40 ℃）", "mm²/s", "3.0～8.0", "2.0～4.5", "GB/T 265", "EN ISO 3104"),  # different
    ("氧化安定性", "", "≤ 2.5 mg/100mL", "≤ 25 g/m³", "SH/T 0175", "EN ISO 12205"),  # not comparable: units
    ("外观", "", "清澈透明，无悬浮和沉降的水及机械杂质", "清澈透明", "目测", "目测"),  # not comparable: text
]


def _standard(identifier: str, tc_code: str = "") -> Standard:
    # the demo catalogue may hold it with its adopted number (GB/T 19001-2016/ISO 9001:2015): match the edition
    found = Standard.objects.filter(edition=identifier).first()
    if found is not None:
        return found
    return create_standard(actor=SYSTEM, data={"identifier": identifier, "tc_code": tc_code, **STANDARDS[identifier]})


def _secretariat():
    """The demo secretary's secretariat (load_demo_projects), if it is there."""
    secretary = User.objects.filter(username="secretary").first()
    memberships = secretary.memberships_of_kind(OrganisationKind.TC_SECRETARIAT) if secretary else []
    return memberships[0].organisation if memberships else None


def load(stdout) -> str:
    if TranslationProject.objects.filter(plan_number__startswith="DEMO-").exists():
        return "demo translations already loaded"
    year = clock.today().year
    secretariat = _secretariat()
    tc_code = secretariat.tc_code if secretariat else "SAC/TC 280"
    with transaction.atomic():
        diesel = _standard("GB 19147-2016", tc_code)
        quality = _standard("GB/T 19001-2016")
        contaminants = _standard("GB 2762-2022")

        def plan(number, standard, language, undertaker_name, undertaker=None):
            return create_translation(actor=SYSTEM, data=ProjectInput(
                standard=standard, language=language, plan_year=year, plan_number=f"DEMO-{year}-{number}",
                undertaker_name=undertaker_name, undertaker=undertaker, due_on=clock.today().replace(month=12,
                                                                                                    day=31)))

        english = plan("001", diesel, "en", "中国石油化工股份有限公司石油化工科学研究院")
        for to in (State.TRANSLATING, State.REVIEW, State.APPROVED):
            move_translation(actor=SYSTEM, project=english, to=to)
        if not diesel.full_texts.filter(language="en").exists():
            publish_translation(actor=SYSTEM, project=english,
                                content=render_standard_pdf(diesel, references=[], language="en"))
        french = plan("002", quality, "fr", secretariat.name if secretariat else "中国标准化研究院", secretariat)
        move_translation(actor=SYSTEM, project=french, to=State.TRANSLATING)
        russian = plan("003", quality, "ru", "中国标准化研究院")
        for to in (State.TRANSLATING, State.REVIEW):
            move_translation(actor=SYSTEM, project=russian, to=to)
        plan("004", contaminants, "en", "国家食品安全风险评估中心")
        cancelled = plan("005", contaminants, "ar", "中国标准化研究院")
        move_translation(actor=SYSTEM, project=cancelled, to=State.CANCELLED, reason="与其他语种项目合并")

        comparison = Comparison.objects.filter(standard=diesel, foreign_number="EN 590:2022").first()
        if comparison is None:
            comparison = create_comparison(actor=SYSTEM, data=ComparisonInput(
                standard=diesel, foreign_number="EN 590:2022",
                foreign_title="Automotive fuels — Diesel — Requirements and test methods",
                title="车用柴油主要技术指标与欧洲标准对比"))
            save_rows(actor=SYSTEM, comparison=comparison, rows=[
                RowInput(name=name, unit=unit, chinese_value=ours, foreign_value=theirs, chinese_method=our_method,
                         foreign_method=their_method) for name, unit, ours, theirs, our_method, their_method in ROWS])
            publish_comparison(actor=SYSTEM, comparison=comparison, published=True)
    return f"demo translations: 5 projects of {year}, 1 published (en); 1 comparison of {len(ROWS)} indicators"
