"""The secretariat's and the reviewers' controls on the project page, the proposal form, the committee page."""

from datetime import date

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertInHTML

from biaozhun.development.models import Project, ProjectEvent
from biaozhun.development.services import move_project, propose_project
from biaozhun.rules.stages import Stage
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def move(project, to, actor, **kwargs):
    return move_project(actor=actor, project=project, to=to, expected_version=project.version, **kwargs)


def page_of(client, user, project) -> str:
    client.force_login(user)
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def manage_section(page: str) -> str:
    """The manage section's HTML, whole (for assertInHTML)."""
    start = page.rindex("<section", 0, page.index('id="manage-heading"'))
    end = page.index("</section>", start) + len("</section>")
    return page[start:end]


def post_move(client, project, to, version=None, **fields):
    return client.post(f"/projects/{project.pk}/move/",
                       {"to": to, "expected_version": version or project.version, **fields})


# --- Moves ----------------------------------------------------------------------------------------
def test_each_move_form_lists_what_is_still_missing(client, tc28_project, secretariat_user, walk):
    project = walk(tc28_project, Stage.DRAFTING)
    page = manage_section(page_of(client, secretariat_user, project))
    assertInHTML('<input type="hidden" name="to" value="comment">', page)
    assertInHTML('<ul class="small text-danger mb-2"><li>请先上传征求意见稿（标准草案）。</li></ul>', page)
    assertInHTML('<label class="form-label small" for="move-comment-days">征求意见期（日）</label>', page)
    assertInHTML('<input class="form-control form-control-sm" id="move-comment-days" name="period_days" type="number"'
                 ' min="60" value="60">', page)  # the comment period's default
    assert page.count('name="reason"') == 2  # suspend and terminate need a reason


def test_the_plan_form_shows_the_notice_period_still_running(client, tc28_project, secretariat_user, reviewer_user):
    with time_machine.travel(date(2026, 1, 5), tick=False):
        project = move(tc28_project, Stage.NOTICE, secretariat_user)
        assert 'name="plan_number"' not in page_of(client, secretariat_user, project)  # not the committee's decision
        page = page_of(client, reviewer_user, project)
    assert 'name="plan_number"' in page
    assertInHTML('<ul class="small text-danger mb-2"><li>立项公示期至 2026-02-04 截止，期满后方可进入下一阶段。</li></ul>', page)


def test_the_section_is_for_the_secretariat_and_reviewers_only(client, tc28_project, registered_user, reviewer_user,
                                                               secretariat_user):
    assert "项目管理" not in page_of(client, registered_user, tc28_project)
    assert "项目管理" not in client.get(tc28_project.get_absolute_url()).content.decode()
    with time_machine.travel(date(2026, 1, 5), tick=False):
        project = move(tc28_project, Stage.NOTICE, secretariat_user)
    with time_machine.travel(date(2026, 2, 5), tick=False):
        page = page_of(client, reviewer_user, project)
    assert 'value="planned"' in page and 'name="plan_number"' in page
    assert 'value="terminated"' not in page  # the committee's secretariat terminates its projects


def test_a_move_redirects_to_the_project_with_its_event(client, tc28_project, secretariat_user):
    client.force_login(secretariat_user)
    with time_machine.travel(date(2026, 1, 5), tick=False):
        response = post_move(client, tc28_project, "notice", period_days="45")
    assert response.status_code == 302 and response["Location"] == tc28_project.get_absolute_url()
    tc28_project.refresh_from_db()
    # 45 days end on 2026-02-19, in the Spring Festival holiday: the period ends on the first working day after.
    assert (tc28_project.stage, tc28_project.period_ends_on) == ("notice", date(2026, 2, 24))
    assert tc28_project.events.latest("id").actor == secretariat_user
    assertContains(client.get(response["Location"]), "项目已转入「立项公示」。")


def test_a_refused_move_shows_the_allowed_steps(client, tc28_project, secretariat_user):
    client.force_login(secretariat_user)
    response = post_move(client, tc28_project, "review")
    page = response.content.decode()
    assert response.status_code == 409
    assert "不能从「提案」转入「审查」。可转入：立项公示、暂缓、终止" in page
    assertInHTML('<p class="mb-1">当前可转入：立项公示 · 暂缓 · 终止</p>', page)
    assert tc28_project.events.count() == 1


def test_a_move_with_missing_requirements_lists_them(client, tc28_project, secretariat_user, walk):
    project = walk(tc28_project, Stage.DRAFTING)
    client.force_login(secretariat_user)
    response = post_move(client, project, "comment")
    assert response.status_code == 409
    assert "转入「征求意见」的条件尚未满足" in response.content.decode()
    assert Project.objects.get(pk=project.pk).stage == "drafting"


def test_a_move_without_its_reason_is_refused_on_the_field(client, tc28_project, secretariat_user):
    client.force_login(secretariat_user)
    response = post_move(client, tc28_project, "terminated", reason=" ")
    page = response.content.decode()
    assert response.status_code == 422
    assert "转入「终止」须说明理由" in page and "is-invalid" in page


def test_a_stale_form_asks_to_reload(client, tc28_project, secretariat_user):
    client.force_login(secretariat_user)
    version = tc28_project.version
    with time_machine.travel(date(2026, 1, 5), tick=False):
        move(tc28_project, Stage.NOTICE, secretariat_user)
    response = post_move(client, tc28_project, "terminated", version=version, reason="重复立项")
    page = response.content.decode()
    assert response.status_code == 409
    assert "请刷新后重试" in page and "重新载入项目页" in page
    assert Project.objects.get(pk=tc28_project.pk).stage == "notice"


def test_someone_else_cannot_move_the_project(client, tc28_project, registered_user):
    client.force_login(registered_user)
    response = post_move(client, tc28_project, "notice")
    page = response.content.decode()
    assert response.status_code == 403
    assert "只有本项目所属技术委员会的秘书处可以办理" in page  # who may act, and what to do
    assert "development.move" not in page  # never the rule's internal code


# --- TBT and publication --------------------------------------------------------------------------
@pytest.fixture
def trade_project(tc28_committee, secretariat_user, walk):
    project = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="电动自行车安全技术规范",
                              kind="new", nature="mandatory", trade_relevant=True)
    return walk(project, Stage.APPROVAL)


def test_reviewers_get_the_tbt_and_publication_forms_in_approval(client, trade_project, reviewer_user,
                                                                  secretariat_user):
    with time_machine.travel(date(2026, 5, 6), tick=False):
        page = page_of(client, reviewer_user, trade_project)
        assert "须向WTO通报，通报满 60 日后方可批准发布" in page
        form = f'action="/projects/{trade_project.pk}/publish/"'
        assert form in page and form not in page_of(client, secretariat_user, trade_project)
        client.force_login(reviewer_user)
        response = client.post(f"/projects/{trade_project.pk}/tbt/",
                               {"number": "G/TBT/N/CHN/1234", "notified_on": "2026-04-01"})
        assert response.status_code == 302
        assert "最早可于 2026-05-31 批准发布" in page_of(client, reviewer_user, trade_project)


def test_publishing_too_early_cites_the_rule_and_the_date(client, trade_project, reviewer_user):
    trade_project.tbt_notification, trade_project.tbt_notified_on = "G/TBT/N/CHN/1234", date(2026, 4, 1)
    trade_project.save()
    client.force_login(reviewer_user)
    form = {"expected_version": trade_project.version, "identifier": "GB 45003-2026", "published_on": "2026-05-30",
            "implemented_on": "2027-01-01"}
    with time_machine.travel(date(2026, 5, 30), tick=False):
        response = client.post(f"/projects/{trade_project.pk}/publish/", form)
    assert response.status_code == 409
    assertInHTML('<p class="mb-1">WTO/TBT通报（G/TBT/N/CHN/1234，2026-04-01）后须满 60 日方可批准发布，最早 2026-05-31。</p>',
                 response.content.decode())
    assert "tbt_days" not in response.content.decode()
    with time_machine.travel(date(2026, 5, 31), tick=False):
        response = client.post(f"/projects/{trade_project.pk}/publish/", {**form, "published_on": "2026-05-31"})
    assert response.status_code == 302
    trade_project.refresh_from_db()
    assert (trade_project.stage, trade_project.standard.identifier) == ("published", "GB 45003-2026")


def test_a_wrong_number_is_shown_on_its_field(client, tc28_project, reviewer_user, walk):
    project = walk(tc28_project, Stage.APPROVAL)
    client.force_login(reviewer_user)
    with time_machine.travel(date(2026, 6, 1), tick=False):
        response = client.post(f"/projects/{project.pk}/publish/", {
            "expected_version": project.version, "identifier": "GB 45003-2026", "published_on": "2026-06-01",
            "implemented_on": "2027-01-01"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "推荐性国家标准的编号以 GB/T 开头" in page and 'value="GB 45003-2026"' in page


def test_the_secretariat_cannot_publish(client, trade_project, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(f"/projects/{trade_project.pk}/publish/", {
        "expected_version": trade_project.version, "identifier": "GB 45003-2026", "published_on": "2026-06-01",
        "implemented_on": "2027-01-01"})
    assert response.status_code == 403
    assert not trade_project.events.filter(kind=ProjectEvent.Kind.PUBLISHED).exists()


# --- Proposing ------------------------------------------------------------------------------------
def test_proposing_needs_a_sign_in(client):
    response = client.get("/projects/propose/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_proposal_form_reports_each_field_and_each_line(client, tc28_committee, registered_user):
    make_standard("GB/T 28000-2016")
    client.force_login(registered_user)
    page = client.get("/projects/propose/").content.decode()
    assert 'value="SAC/TC 28"' in page and '<label class="form-label" for="id_revises">' in page
    response = client.post("/projects/propose/", {
        "committee": "SAC/TC 28", "title_zh": "", "kind": "revision", "nature": "recommended",
        "revises": "GB/T 28000-2016\nGB/T 99999-2020\nnot a number\n", "adopts": "GB/T 1", "degree": "",
    })
    page = response.content.decode()
    assert response.status_code == 422
    assert "第 2 行：标准目录中没有 GB/T 99999-2020" in page
    assert "第 3 行：“not a number”不是有效的标准号" in page
    assert "“GB/T 1”不是国际标准编号" in page
    assert 'id="id_title_zh_error"' in page
    assert not Project.objects.exists()


def test_the_service_refusal_lands_on_its_field(client, tc28_committee, registered_user):
    client.force_login(registered_user)
    response = client.post("/projects/propose/", {
        "committee": "SAC/TC 28", "title_zh": "某标准", "kind": "new", "nature": "recommended",
        "trade_relevant": "on"})
    assert response.status_code == 422
    assert 'id="id_trade_relevant"' in response.content.decode()
    assert "只有强制性国家标准需要WTO/TBT通报" in response.content.decode()


def test_a_proposal_redirects_to_the_new_project(client, tc28_committee, registered_user):
    old = make_standard("GB/T 28000-2016")
    client.force_login(registered_user)
    response = client.post("/projects/propose/", {
        "committee": "SAC/TC 28", "title_zh": "信息技术 云计算 参考架构", "kind": "revision",
        "nature": "recommended", "revises": "gb/t 28000", "drafters": "某研究院"})
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert (project.proposer, list(project.revises.all()), project.stage) == (registered_user, [old], "proposal")


# --- The committee page ---------------------------------------------------------------------------
def test_the_committee_page_lists_its_open_projects_by_stage(client, tc28_project, tc28_committee, secretariat_user,
                                                             walk):
    drafting = walk(propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="信息技术 数据治理",
                                    kind="new", nature="recommended"), Stage.DRAFTING)
    move(propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="已终止的项目", kind="new",
                         nature="recommended"), Stage.TERMINATED, secretariat_user, reason="重复")
    page = client.get(tc28_committee.get_absolute_url()).content.decode()
    assert "在研制修订项目" in page
    assert f'href="{tc28_project.get_absolute_url()}"' in page and f'href="{drafting.get_absolute_url()}"' in page
    assert page.index("提案（1）") < page.index("起草（1）") and drafting.plan_number in page
    assert "已终止的项目" not in page
