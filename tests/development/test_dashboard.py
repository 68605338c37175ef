"""The secretariat's dashboard and the reviewers' queue: what each shows, to whom, in a bounded number of queries."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertInHTML

from biaozhun.accounts.models import MembershipRole
from biaozhun.committees.services import create_committee
from biaozhun.core.actors import SYSTEM
from biaozhun.development.models import Comment, ExtensionRequest, Project
from biaozhun.development.selectors import QUEUE_ROWS
from biaozhun.development.services import move_project, propose_project
from biaozhun.development.services.ballots import cast_vote
from biaozhun.rules.stages import Stage
from tests.development.helpers import add_document
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.committees import CommitteeFactory, MemberFactory
from tests.factories.development import ProjectFactory
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db

TODAY = date(2027, 8, 28)  # the projects below were planned on 2026-02-05: recommended ones are due 2027-08-05


def new_project(actor, committee, title, **fields):
    return propose_project(actor=actor, committee=committee, title_zh=title, kind=fields.pop("kind", "new"),
                           nature=fields.pop("nature", "recommended"), **fields)


def comment_on(project, author, number, disposition=""):
    return Comment.objects.create(project=project, number=number, period="comment", text="第5章表述不清",
                                  author=author, author_name=author.real_name, disposition=disposition)


@pytest.fixture
def board(tc28_committee, tc28_ballot, registered_user, secretariat_user, walk):
    """SAC/TC 28 with a project in each of drafting (overdue), disposition (two comments to process, one done),
    approval; a pending extension; an open ballot (on tc28_project); a standard due for review."""
    overdue = walk(new_project(secretariat_user, tc28_committee, "信息技术 数据治理"), Stage.DRAFTING)
    disposition = walk(new_project(secretariat_user, tc28_committee, "信息技术 大数据 术语"), Stage.DISPOSITION)
    for number, done in ((1, ""), (2, ""), (3, "accepted")):
        comment_on(disposition, registered_user, number, done)
    approval = walk(new_project(secretariat_user, tc28_committee, "信息技术 云服务 质量"), Stage.APPROVAL)
    ExtensionRequest.objects.create(project=overdue, months=6, reason="试验验证需要延长", deadline_before=overdue.deadline)
    make_standard("GB/T 20001-2020", title_zh="到期复审的标准", tc_code="SAC/TC 28", published_on="2022-06-01",
                  implemented_on="2022-12-01")
    return {"overdue": overdue, "disposition": disposition, "approval": approval, "ballot": tc28_ballot}


def test_the_dashboard_shows_the_secretariats_work(client, board, secretariat_user):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(secretariat_user)
        response = client.get("/projects/dashboard/")
    page = response.content.decode()
    assert response.status_code == 200
    assertContains(response, '<h2 class="h4" id="board-1"><a href="/committees/SAC/TC%2028/">SAC/TC 28</a> '
                             '全国信息技术标准化技术委员会</h2>', html=True)
    # projects grouped by stage in workflow order, with plan numbers, deadlines and their state
    captions = re.findall(r'<caption[^>]*>(\S+) <span class="badge[^"]*">(\d+)</span>', page)
    assert captions == [("提案", "1"), ("起草", "1"), ("意见处理", "1"), ("报批", "1")]
    overdue = board["overdue"]
    assertInHTML(f"""<tr><td class="text-nowrap" data-label="计划号">{overdue.plan_number}</td>
        <td data-label="项目名称"><a href="{overdue.get_absolute_url()}">信息技术 数据治理</a></td>
        <td class="text-nowrap" data-label="报批期限">2027-08-05</td>
        <td class="text-nowrap" data-label="期限状态"><span class="badge text-bg-danger">已超期 23 日</span></td></tr>""",
                 page)
    # comments to process, with a link to the disposition page
    assertInHTML(f'<li><a href="/projects/{board["disposition"].pk}/comments/">信息技术 大数据 术语</a> · 2 条待处理</li>',
                 page)
    # the open ballot: closing date, votes cast of the roll, a link
    ballot = board["ballot"]
    assertInHTML(f'<li><a href="/projects/ballots/{ballot.pk}/">信息技术 云计算 参考架构</a> · 函审 · '
                 f'{ballot.closes_on:%Y-%m-%d} 截止，已投 0/1</li>', page)
    assert "延期 6 个月" in page
    assertInHTML('<p class="small">到期待复审 1 项，其中逾期 0 项。 '
                 '<a href="/projects/reviews/?committee=SAC/TC%2028">复审清单</a></p>', page)


def test_the_deadline_badge_warns_before_the_deadline(client, tc28_committee, secretariat_user, walk):
    project = walk(new_project(secretariat_user, tc28_committee, "信息技术 数据治理"), Stage.DRAFTING)
    with time_machine.travel(date(2027, 7, 31), tick=False):
        client.force_login(secretariat_user)
        assert "还剩 5 日" in client.get("/projects/dashboard/").content.decode()
    with time_machine.travel(project.deadline, tick=False):
        client.force_login(secretariat_user)
        assert "今日到期" in client.get("/projects/dashboard/").content.decode()


def test_a_suspended_project_shows_where_its_deadline_stands(client, tc28_committee, secretariat_user, walk):
    """Suspension keeps the deadline (Project.deadline_shown): the board shows it, though no reminder is sent."""
    project = walk(new_project(secretariat_user, tc28_committee, "信息技术 数据治理"), Stage.DRAFTING)
    with time_machine.travel(date(2027, 7, 1), tick=False):
        move_project(actor=secretariat_user, project=project, to=Stage.SUSPENDED, expected_version=project.version,
                     reason="等待基础标准")
    with time_machine.travel(TODAY, tick=False):
        client.force_login(secretariat_user)
        page = client.get("/projects/dashboard/").content.decode()
    assertInHTML(f"""<tr><td class="text-nowrap" data-label="计划号">{project.plan_number}</td>
        <td data-label="项目名称"><a href="{project.get_absolute_url()}">信息技术 数据治理</a></td>
        <td class="text-nowrap" data-label="报批期限">2027-08-05</td>
        <td class="text-nowrap" data-label="期限状态"><span class="badge text-bg-danger">已超期 23 日</span></td></tr>""",
                 page)
    project.refresh_from_db()
    assert not project.frozen


def test_the_dashboard_is_for_secretariats_and_administrators(client, board, registered_user, secretariat_user,
                                                              admin_user):
    nobody = UserFactory()
    client.force_login(nobody)
    denied = client.get("/projects/dashboard/")
    assert denied.status_code == 403 and "工作台供技术委员会秘书处和委员使用" in denied.content.decode()
    assert 'href="/projects/dashboard/"' not in client.get("/").content.decode()  # no 工作台 in the navigation
    client.force_login(registered_user)  # a voting member of SAC/TC 28: their own ballots, not the committee's work
    page = client.get("/projects/dashboard/").content.decode()
    assert "待我表决" in page and board["approval"].title_zh not in page
    create_committee(actor=SYSTEM, code="SAC/TC 151", name_zh="全国质量管理和质量保证标准化技术委员会")
    other = UserFactory(member_of=OrganisationFactory(tc_secretariat=True, tc_code="SAC/TC 151", name="质量秘书处"),
                        member_of__role=MembershipRole.SECRETARY)
    client.force_login(other)
    assert "全国质量管理和质量保证标准化技术委员会" in client.get("/projects/dashboard/").content.decode()
    assert client.get("/projects/dashboard/", {"committee": "SAC/TC 28"}).status_code == 403
    client.force_login(admin_user)
    page = client.get("/projects/dashboard/").content.decode()
    assert 'name="committee"' in page and board["approval"].title_zh not in page  # administrators pick one
    page = client.get("/projects/dashboard/", {"committee": "sac/tc28"}).content.decode()
    assert board["approval"].title_zh in page


def test_the_dashboard_queries_do_not_grow_with_projects(client, board, tc28_committee, secretariat_user,
                                                         django_assert_max_num_queries):
    for n in range(5):
        project = new_project(secretariat_user, tc28_committee, f"项目{n}")
        comment_on(project, secretariat_user, 1)
    client.force_login(secretariat_user)
    with django_assert_max_num_queries(14):
        assert client.get("/projects/dashboard/").status_code == 200


# --- The reviewer queue ---------------------------------------------------------------------------
@pytest.fixture
def queue(tc28_committee, secretariat_user, walk):
    def new(title, **fields):
        return new_project(secretariat_user, tc28_committee, title, **fields)

    with time_machine.travel(date(2026, 1, 5), tick=False):
        notice = move_project(actor=secretariat_user, project=new("公示期满的项目"), to=Stage.NOTICE,
                              expected_version=1)
        move_project(actor=secretariat_user, project=new("仍在公示的项目"), to=Stage.NOTICE, expected_version=1,
                     period_days=400)
    complete = walk(new("材料齐全的项目"), Stage.APPROVAL)
    trade = walk(new("电动自行车安全技术规范", nature="mandatory", trade_relevant=True), Stage.APPROVAL)
    adoption = walk(new("采用国际标准的项目", kind="adoption", adopts="ISO/IEC 27001:2022", degree="IDT"), Stage.APPROVAL)
    adoption.documents.filter(kind="international_text").delete()  # as if the package had lost the original text
    frozen = walk(new("信息技术 数据中心 能效"), Stage.DRAFTING)
    Project.objects.filter(pk=frozen.pk).update(frozen=True)
    ExtensionRequest.objects.create(project=frozen, months=3, reason="原因", deadline_before=frozen.deadline)
    return {"notice": notice, "complete": complete, "trade": trade, "adoption": adoption, "frozen": frozen}


def test_the_queue_shows_what_awaits_the_national_administration(client, queue, reviewer_user):
    client.force_login(reviewer_user)
    with time_machine.travel(date(2026, 6, 1), tick=False):
        response = client.get("/projects/queue/")
    page = response.content.decode()
    assert response.status_code == 200
    plan = page[page.index("待下达计划"):page.index("待批准发布")]
    assert "公示期满的项目" in plan and "仍在公示的项目" not in plan
    approval = page[page.index("待批准发布"):page.index("待审核的延期申请")]
    complete_row = approval[approval.index("材料齐全的项目"):approval.index("电动自行车安全技术规范")]
    assert "齐全" in complete_row and "不需通报" in complete_row
    trade_row = approval[approval.index("电动自行车安全技术规范"):approval.index("采用国际标准的项目")]
    assert "尚未通报" in trade_row
    assert "不全" in approval and "国际标准原文" in approval
    extensions, frozen = page[page.index("待审核的延期申请"):].split("超期冻结的项目")
    assert f'href="{queue["frozen"].get_absolute_url()}"' in extensions and "延期 3 个月" in extensions
    assert f'href="{queue["frozen"].get_absolute_url()}"' in frozen


def test_the_queue_shows_when_a_notified_project_may_be_approved(client, queue, reviewer_user):
    Project.objects.filter(pk=queue["trade"].pk).update(tbt_notification="G/TBT/N/CHN/1234",
                                                        tbt_notified_on=date(2026, 5, 1))
    client.force_login(reviewer_user)
    with time_machine.travel(date(2026, 6, 1), tick=False):
        assert "2026-06-30 起可批准" in client.get("/projects/queue/").content.decode()
    with time_machine.travel(date(2026, 6, 30), tick=False):
        assert "可批准" in client.get("/projects/queue/").content.decode()


def test_the_queue_is_for_reviewers(client, queue, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get("/projects/queue/")
    assert response.status_code == 403
    assert "公示期满的项目" not in response.content.decode()


def test_the_queue_queries_do_not_grow_with_projects(client, queue, tc28_committee, reviewer_user, secretariat_user,
                                                     walk, django_assert_max_num_queries):
    for n in range(3):
        project = walk(new_project(secretariat_user, tc28_committee, f"报批项目{n}"), Stage.APPROVAL)
        add_document(project)
    client.force_login(reviewer_user)
    with django_assert_max_num_queries(10):
        assert client.get("/projects/queue/").status_code == 200


def test_a_long_queue_shows_its_oldest_rows_and_the_total(client, reviewer_user, tc28_committee):
    for i in range(QUEUE_ROWS + 2):
        ProjectFactory(committee=tc28_committee, title_zh=f"超期项目{i:03d}", stage=Stage.DRAFTING, frozen=True,
                       deadline=date(2026, 1, 1) + timedelta(days=i))
    client.force_login(reviewer_user)
    page = client.get("/projects/queue/").content.decode()
    assert f"共 {QUEUE_ROWS + 2} 项" in page
    assert "超期项目000" in page and f"超期项目{QUEUE_ROWS - 1:03d}" in page
    assert f"超期项目{QUEUE_ROWS:03d}" not in page


def test_a_member_finds_the_ballots_awaiting_their_vote_on_their_work_page(client, tc28_ballot, registered_user):
    """Members get a 待我表决 list: the open ballots on whose roll they are, with what they have voted."""
    client.force_login(registered_user)
    assert 'href="/projects/dashboard/"' in client.get("/").content.decode()
    page = client.get("/projects/dashboard/").content.decode()
    assertInHTML(f'<a class="btn btn-sm btn-primary" href="/projects/ballots/{tc28_ballot.pk}/">去表决</a>', page)
    cast_vote(actor=registered_user, ballot=tc28_ballot, choice="approve")
    page = client.get("/projects/dashboard/").content.decode()
    assertInHTML('<span class="badge text-bg-success">赞成</span>', page)
    other = UserFactory()
    MemberFactory(committee=CommitteeFactory(code="SAC/TC 999"), user=other)
    client.force_login(other)
    page = client.get("/projects/dashboard/").content.decode()
    assert "目前没有需要您表决的审查投票" in page and tc28_ballot.project.title_zh not in page
