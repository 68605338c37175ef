"""The work plan's pages: the plan with filters, progress by part and by unit on known data, overdue items, a task
with its history and forms (htmx report), the import page, and who sees what."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from biaozhun.core.actors import SYSTEM
from biaozhun.workplan import selectors
from biaozhun.workplan.models import WorkPlan
from biaozhun.workplan.services.tasks import assign_task, move_task, report_progress
from tests.fixtures.workplan import SEED

pytestmark = pytest.mark.django_db
TODAY = "2019-08-01 10:00:00+08:00"


@pytest.fixture
def known(plan_2019, ministry, bureau):
    """Part 1 (25 items): items 1–4 to the ministry (1 done, 2 in progress, 3 cancelled, 4 not started and
    overdue); items 5–6 to the bureau with the ministry co-responsible (5 delayed and overdue, 6 done)."""
    tasks = {t.key: t for t in plan_2019.tasks.all()}
    for key in "1234":
        assign_task(actor=SYSTEM, task=tasks[key], lead_unit=ministry, co_units=[], due_on=date(2019, 6, 30))
    for key in "56":
        assign_task(actor=SYSTEM, task=tasks[key], lead_unit=bureau, co_units=[ministry], due_on=date(2019, 6, 30))
    report_progress(actor=SYSTEM, task=tasks["1"], percent=100, text="完成", on=date(2019, 6, 1), to="done")
    report_progress(actor=SYSTEM, task=tasks["2"], percent=50, text="过半", on=date(2019, 6, 1))
    move_task(actor=SYSTEM, task=tasks["3"], to="cancelled", reason="合并")
    move_task(actor=SYSTEM, task=tasks["5"], to="delayed", reason="推迟")
    report_progress(actor=SYSTEM, task=tasks["6"], percent=100, text="完成", on=date(2019, 6, 1), to="done")
    return plan_2019


@time_machine.travel(TODAY, tick=False)
def test_progress_by_part_counts_states_overdue_and_share_done(known):
    parts, total = selectors.progress_by_part(known)
    first = parts[0]
    assert (first.total, first.done, first.count("cancelled"), first.count("delayed")) == (25, 2, 1, 1)
    assert first.overdue == 3  # items 2, 4 (open, due 30 June) and 5 (delayed)
    assert first.share_done == pytest.approx(2 / 24)
    assert (total.total, total.done, total.overdue) == (123, 2, 3)
    assert [p.total for p in parts] == [25, 38, 12, 21, 27]


@time_machine.travel(TODAY, tick=False)
def test_progress_by_unit_counts_a_task_for_each_of_its_units(known, ministry, bureau):
    rows = {row.key: row for row in selectors.progress_by_unit(known)}
    assert (rows[ministry.pk].total, rows[ministry.pk].done, rows[ministry.pk].overdue) == (6, 2, 3)
    assert rows[ministry.pk].percent_done == 40  # 2 of (6 − 1 cancelled)
    assert (rows[bureau.pk].total, rows[bureau.pk].done, rows[bureau.pk].overdue) == (2, 1, 1)
    assert rows[None].total == 117
    assert list(rows)[-1] is None


@time_machine.travel(TODAY, tick=False)
def test_the_plan_page_filters_by_part_unit_state_and_overdue(client, reviewer_user, known, ministry,
                                                               django_assert_max_num_queries):
    client.force_login(reviewer_user)
    url = reverse("workplan:plan", args=[2019])
    with django_assert_max_num_queries(15):  # not one query per task
        page = client.get(url)
    assert page.status_code == 200
    assert page.context["count"] == 123
    assert "大力推进国际标准化工作" in page.content.decode()
    assert client.get(url, {"part": 4}).context["count"] == 21
    assert client.get(url, {"unit": ministry.pk}).context["count"] == 6
    assert client.get(url, {"state": "done"}).context["count"] == 2
    overdue = client.get(url, {"overdue": "1"})
    assert [t.key for _s, tasks in overdue.context["grouped"] for t in tasks] == ["2", "4", "5"]
    assert client.get(url, {"q": "国家高端智库"}).context["count"] == 1


@time_machine.travel(TODAY, tick=False)
def test_the_progress_and_overdue_pages_show_the_figures(client, reviewer_user, known):
    client.force_login(reviewer_user)
    progress = client.get(reverse("workplan:progress", args=[2019]))
    assert progress.status_code == 200
    assert "<svg" in progress.content.decode()
    assert "共 123 项任务，已完成 2 项（2%），逾期 3 项。" in progress.content.decode()
    overdue = client.get(reverse("workplan:overdue", args=[2019]))
    assert [t.key for t in overdue.context["tasks"]] == ["2", "4", "5"]


@pytest.mark.parametrize("role, status", [("reviewer_user", 200), ("secretariat_user", 200), ("admin_user", 200),
                                          ("enterprise_user", 403), ("registered_user", 403)])
def test_supervision_is_for_staff_roles(client, request, plan_2019, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("workplan:plan", args=[2019])).status_code == status
    assert client.get(reverse("workplan:summary_xlsx", args=[2019])).status_code == status


def test_a_task_is_hidden_from_people_outside_its_units_and_staff(client, enterprise_user, group_task,
                                                                  social_organisation_user):
    url = reverse("workplan:task", args=[group_task.pk])
    client.force_login(enterprise_user)
    assert client.get(url).status_code == 404
    client.force_login(social_organisation_user)
    page = client.get(url)
    assert page.status_code == 200 and page.context["may_report"]
    assert "本项任务" not in page.content.decode() and group_task.text in page.content.decode()
    mine = client.get(reverse("workplan:mine"))
    assert [t.pk for t in mine.context["tasks"]] == [group_task.pk]


def test_a_unit_member_reports_progress_with_htmx_and_sees_it(client, group_task, bureau_user):
    client.force_login(bureau_user)
    url = reverse("workplan:report", args=[group_task.pk])
    answer = client.post(url, {"percent": "45", "text": "已完成调研报告初稿。", "on": ""}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "已完成调研报告初稿。" in html and "完成 45% · 推进中" in html and "<html" not in html
    refused = client.post(url, {"percent": "120", "text": "x"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200  # htmx swaps only successful answers: the form comes back with its error
    assert refused.context["errors"]["percent"]
    assert "完成进度应为 0 到 100 之间的整数。" in refused.content.decode()
    assert group_task.reports.count() == 1


def test_a_refused_report_without_htmx_answers_with_its_status(client, group_task, bureau_user):
    client.force_login(bureau_user)
    refused = client.post(reverse("workplan:report", args=[group_task.pk]), {"percent": "50", "text": " "})
    assert refused.status_code == 422
    assert "请填写进展情况" in refused.content.decode()
    assert not group_task.reports.exists()


def test_someone_else_cannot_report(client, group_task, ministry_user):
    client.force_login(ministry_user)
    answer = client.post(reverse("workplan:report", args=[group_task.pk]), {"percent": "45", "text": "代报"})
    assert answer.status_code == 403
    assert not group_task.reports.exists()


def test_the_administrator_assigns_units_and_moves(client, admin_user, ministry_task, bureau, ministry):
    client.force_login(admin_user)
    url = reverse("workplan:assign", args=[ministry_task.pk])
    assert client.get(url).status_code == 200
    answer = client.post(url, {"lead_unit": bureau.pk, "co_units": [ministry.pk], "due_on": "2019-10-31"})
    assert answer.status_code == 302
    ministry_task.refresh_from_db()
    assert (ministry_task.lead_unit, ministry_task.due_on) == (bureau, date(2019, 10, 31))
    answer = client.post(reverse("workplan:move", args=[ministry_task.pk]), {"to": "cancelled", "reason": "合并"})
    assert answer.status_code == 302
    ministry_task.refresh_from_db()
    assert ministry_task.state == "cancelled"
    page = client.get(reverse("workplan:task", args=[ministry_task.pk]))
    assert "分工调整" in page.content.decode() and "合并" in page.content.decode()


def test_the_import_page_takes_a_text_file_and_refuses_other_files(client, admin_user):
    client.force_login(admin_user)
    url = reverse("workplan:import")
    assert client.get(url).status_code == 200
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf")
    refused = client.post(url, {"year": "2019", "file": pdf})
    assert refused.status_code == 400 and "只接受纯文本文件" in refused.content.decode()
    text = SimpleUploadedFile("2019.txt", SEED.read_bytes(), content_type="text/plain")
    answer = client.post(url, {"year": "2019", "file": text})
    assert answer.status_code == 302 and answer["Location"] == reverse("workplan:plan", args=[2019])
    assert WorkPlan.objects.get().tasks.count() == 123
    broken = SimpleUploadedFile("b.txt", "一、部分\n（一）小节。\n1. 一。\n3. 三。\n".encode(), content_type="text/plain")
    refused = client.post(url, {"year": "2020", "file": broken})
    assert refused.status_code == 422 and "第 4 行" in refused.content.decode()


def test_an_upload_over_the_limit_is_refused(client, admin_user, settings):
    settings.BIAOZHUN_MAX_WORKPLAN_UPLOAD_BYTES = 1000
    client.force_login(admin_user)
    big = SimpleUploadedFile("2019.txt", SEED.read_bytes(), content_type="text/plain")
    answer = client.post(reverse("workplan:import"), {"year": "2019", "file": big})
    assert answer.status_code == 413
    assert not WorkPlan.objects.exists()


def test_the_import_page_is_for_administrators(client, reviewer_user):
    client.force_login(reviewer_user)
    text = SimpleUploadedFile("2019.txt", io.BytesIO(SEED.read_bytes()).read(), content_type="text/plain")
    assert client.post(reverse("workplan:import"), {"year": "2019", "file": text}).status_code == 403
    assert not WorkPlan.objects.exists()


def test_the_staff_navigation_links_the_plan_and_everyone_signed_in_their_tasks(client, reviewer_user,
                                                                                enterprise_user):
    plan, mine = f'href="{reverse("workplan:index")}"', f'href="{reverse("workplan:mine")}"'
    client.force_login(reviewer_user)
    page = client.get(reverse("portal:home")).content.decode()
    assert plan in page and mine in page
    client.force_login(enterprise_user)
    page = client.get(reverse("portal:home")).content.decode()
    assert plan not in page and mine in page
