"""Demo participation in ISO/IEC: the ISO/IEC committees the demo committees mirror (their
``international_counterpart``) in the register with China's membership, the mirror links, posts China holds (one
expiring soon), work items led from China with their stage history, and ballots for the demo secretary's committee:
open ones with deadlines in 5 and 20 days, one already voted, one missed. Through the services; idempotent (does
nothing once the register has committees)."""

from __future__ import annotations

from datetime import timedelta

from biaozhun.accounts.models import OrganisationKind, User
from biaozhun.committees.models import Committee
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.rules.committees import parse_international_committees
from biaozhun.rules.participation import parent_of

from ..models import InternationalBallot, InternationalCommittee, MirrorLink
from ..services import participation as services

# English titles of the ISO/IEC committees the demo committees mirror (others get a placeholder to complete).
TITLES = {
    "ISO/TC 176": "Quality management and quality assurance", "ISO/TC 176/SC 2": "Quality systems",
    "ISO/TC 37": "Language and terminology", "ISO/TC 122": "Packaging", "IEC/TC 79": "Alarm and electronic security systems",
    "ISO/TC 211": "Geographic information/Geomatics", "ISO/IEC JTC 1": "Information technology",
    "ISO/IEC JTC 1/SC 27": "Information security, cybersecurity and privacy protection",
    "ISO/IEC JTC 1/SC 7": "Software and systems engineering", "ISO/IEC JTC 1/SC 41": "Internet of things and digital twin",
    "ISO/IEC JTC 1/SC 42": "Artificial intelligence", "IEC/TC 65": "Industrial-process measurement, control and automation",
    "ISO/TC 298": "Rare earth", "IEC/TC 82": "Solar photovoltaic energy systems", "IEC/TC 120": "Grid Integrated Large Capacity Electrical Energy Storage (EES) Systems",
    "ISO/TC 207": "Environmental management", "ISO/TC 22": "Road vehicles", "ISO/TC 34": "Food products",
    "IEC/TC 61": "Safety of household and similar electrical appliances", "ISO/TC 17": "Steel",
}
SECRETARIATS = {"ISO/TC 176": "加拿大 (SCC)", "ISO/TC 176/SC 2": "英国 (BSI)", "ISO/IEC JTC 1": "美国 (ANSI)",
                "ISO/IEC JTC 1/SC 27": "德国 (DIN)", "ISO/IEC JTC 1/SC 41": "韩国 (KATS)", "ISO/TC 298": "中国 (SAC)",
                "IEC/TC 65": "法国 (AFNOR)", "ISO/TC 207": "加拿大 (SCC)", "IEC/TC 120": "日本 (JISC)"}
POSTS = [  # (committee, body, kind, holder, organisation, years ago it started, days until it ends or None)
    ("ISO/TC 298", "", "secretariat", "", "中国钢研科技集团有限公司", 8, None),
    ("ISO/TC 298", "", "chair", "李明", "包头稀土研究院", 5, 120),
    ("ISO/IEC JTC 1/SC 41", "WG 6", "convenor", "王伟", "中国电子技术标准化研究院", 3, 400),
    ("ISO/TC 176/SC 2", "", "vice_chair", "张静", "中国标准化研究院", 2, 800),
    ("IEC/TC 65", "WG 23", "convenor", "刘洋", "机械工业仪器仪表综合技术经济研究所", 6, -30),
]
WORK_ITEMS = [  # (reference, committee, title, title_zh, leader, organisation, moves: (stage, days ago))
    ("ISO/IEC 30149", "ISO/IEC JTC 1/SC 41", "Internet of things (IoT) — Trustworthiness principles",
     "物联网 可信性原则", "王伟", "中国电子技术标准化研究院", [("00.00", 1500), ("10.99", 1400), ("30.60", 900),
                                                   ("40.99", 500), ("60.60", 300)]),
    ("ISO/AWI 24568", "ISO/TC 298", "Rare earth — Determination of trace elements — ICP-MS method",
     "稀土 痕量元素测定 电感耦合等离子体质谱法", "李明", "包头稀土研究院", [("00.00", 400), ("10.20", 350), ("10.99", 260),
                                                           ("20.20", 200)]),
    ("ISO/NP 9001-3", "ISO/TC 176/SC 2", "Quality management systems — Guidance for digital services",
     "质量管理体系 数字化服务指南", "张静", "中国标准化研究院", [("00.00", 60), ("10.20", 20)]),
]


def _title(code: str, committee: Committee) -> str:
    """ISO's title where the demo knows it; otherwise the code alone (the page then shows the code once)."""
    return TITLES.get(code) or committee.name_en or code


def _subject(committee: Committee | None) -> str:
    """The field of the mirror committee (全国铅酸蓄电池标准化技术委员会 → 铅酸蓄电池), as the demo's Chinese name."""
    if committee is None:
        return ""
    return committee.name_zh.removeprefix("全国").removesuffix("标准化技术委员会").split("标准化技术委员会")[-1]


def load(stdout) -> str:
    if InternationalCommittee.objects.exists():
        return "participation: the register has committees already; nothing loaded"
    today = clock.today()
    committees = list(Committee.objects.existing().exclude(international_counterpart="").order_by("code"))
    wanted: dict[str, Committee] = {}
    for committee in committees:
        for code in parse_international_committees(committee.international_counterpart)[0]:
            wanted.setdefault(code, committee)
    for code in ("ISO/TC 176/SC 2", "ISO/TC 298", "ISO/IEC JTC 1/SC 41", "IEC/TC 65"):
        wanted.setdefault(code, None)
    # Technical committees first, so that subcommittees find their parent.
    for n, code in enumerate(sorted(wanted, key=lambda c: (parent_of(c) is not None, c))):
        parent = parent_of(code)
        if parent and parent not in wanted and not InternationalCommittee.objects.filter(code=parent).exists():
            services.register_committee(actor=SYSTEM, code=parent, title=TITLES.get(parent, parent),
                                        china_membership="P")
        services.register_committee(
            actor=SYSTEM, code=code, title=_title(code, wanted[code]) if wanted[code] else TITLES.get(code, code),
            title_zh=_subject(wanted[code]),
            secretariat_country=SECRETARIATS.get(code, ""), china_membership="O" if n % 6 == 5 else "P")
    linked = services.link_counterparts(actor=SYSTEM)
    registered = {c.code: c for c in InternationalCommittee.objects.all()}
    for code, body, kind, holder, organisation, years, ends_in in POSTS:
        services.record_post(actor=SYSTEM, international=registered[code], body=body, kind=kind, holder=holder,
                             organisation=organisation, start=today - timedelta(days=365 * years),
                             end=today + timedelta(days=ends_in) if ends_in is not None else None)
    for reference, code, title, title_zh, leader, organisation, moves in WORK_ITEMS:
        mirror = MirrorLink.objects.filter(international=registered[code]).select_related("committee").first()
        (stage, days_ago), later = moves[0], moves[1:]
        item = services.record_work_item(
            actor=SYSTEM, international=registered[code], committee=mirror.committee if mirror else None,
            reference=reference, title=title, title_zh=title_zh, leader=leader, leader_organisation=organisation,
            proposed_on=today - timedelta(days=days_ago), stage=stage)
        for stage, days_ago in later:
            item = services.move_stage(actor=SYSTEM, item=item, stage=stage, on=today - timedelta(days=days_ago))
    ballots = _ballots(today)
    return (f"participation: {len(registered)} ISO/IEC committees, {len(linked.linked)} mirror links, {len(POSTS)} "
            f"posts, {len(WORK_ITEMS)} work items, {ballots} ballots")


def _ballots(today) -> int:
    """Ballots for the demo secretary's committee (or the first mirror committee): two open, one voted, one missed."""
    secretary = User.objects.filter(username="secretary").first()
    codes = [m.organisation.tc_code for m in secretary.memberships_of_kind(OrganisationKind.TC_SECRETARIAT)] \
        if secretary else []
    link = (MirrorLink.objects.filter(committee__code__in=codes).select_related("committee", "international").first()
            or MirrorLink.objects.select_related("committee", "international").first())
    if link is None:
        return 0
    code = link.international.code
    rows = [(f"{code} N 2041", "np", -10, 5, "New work item proposal: digital product passport"),
            (f"{code.split('/')[0]}/DIS 20415", "dis", -60, 20, "Draft International Standard on data quality"),
            (f"{code.split('/')[0]}/FDIS 20399", "fdis", -50, 6, "Final draft on terminology"),
            (f"{code} N 1977", "sr", -160, -20, "Systematic review of an International Standard")]
    for reference, kind, opened, closes, title in rows:
        ballot = services.open_ballot(actor=SYSTEM, international=link.international, committee=link.committee,
                                      reference=reference, kind=kind, opens_on=today + timedelta(days=opened),
                                      closes_on=today + timedelta(days=closes), title=title)
        if kind == "fdis":
            services.record_vote(actor=secretary or SYSTEM, ballot=ballot, vote="approve_with_comments",
                                 comments="第3.2条：术语“数据要素”的定义建议与 ISO/IEC 22989 保持一致。")
    services.sweep_ballots(actor=SYSTEM, today=today)
    return InternationalBallot.objects.count()
