"""The scene test_several_machines.py plays on: people with API tokens, a committee, and projects where each
concurrent write has something to do. Everything is made through the services, the history on a backdated clock
(clock.as_of: nobody is emailed about it), so the only emails and tasks afterwards come from the test's requests.

    manage.py shell --no-imports -c "from tests.reliability.scene import main; main()"

prints one JSON object: the users (username, password, token), the projects by role and the open ballot.
"""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta
from pathlib import Path

PASSWORD = "machines-Reliability-2026!"  # noqa: S105 (a test database's accounts)
MEMBERS = 9
COMMENTERS = 6
MOVERS = 2  # projects in drafting that the secretaries suspend and resume
WATCHED = "并发导入试验标准"  # a saved search of commenter1's: the titles the test imports


def at(day: date) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def build() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from biaozhun.accounts.models import MembershipRole, OrganisationKind
    from biaozhun.accounts.services import (
        add_member,
        change_user_access,
        create_api_token,
        create_organisation,
        register_user,
    )
    from biaozhun.catalog.demo.pdf import render_standard_pdf
    from biaozhun.catalog.models import Nature, Standard
    from biaozhun.committees import services as committees
    from biaozhun.committees.models import Stakeholder
    from biaozhun.core import clock
    from biaozhun.core.actors import SYSTEM
    from biaozhun.development.models import Ballot, DocumentKind, ProjectEvent, ProjectKind
    from biaozhun.development.services import move_project, propose_project
    from biaozhun.development.services.ballots import open_ballot
    from biaozhun.development.services.documents import upload_document
    from biaozhun.portal.notifications import send_watch_notifications
    from biaozhun.portal.services import save_search
    from biaozhun.rules.stages import Stage

    today = timezone.localdate()
    people: dict[str, dict] = {}

    def person(username: str, real_name: str, *, token: bool = True):
        user = register_user(actor=SYSTEM, username=username, email=f"{username}@machines.test", real_name=real_name,
                             password=PASSWORD)
        people[username] = {"id": user.pk, "username": username, "password": PASSWORD, "email": user.email}
        if token:
            people[username]["token"] = create_api_token(actor=user, name="machines")[1]
        return user

    admin = change_user_access(actor=SYSTEM, user=person("admin", "系统管理员", token=False), is_staff=True,
                               is_superuser=True)
    administration = create_organisation(actor=admin, kind=OrganisationKind.NATIONAL_ADMINISTRATION,
                                         name="国家标准化管理委员会", join_as_admin=False)
    reviewer = person("reviewer", "李审核", token=False)
    add_member(actor=admin, organisation=administration, user=reviewer, role=MembershipRole.REVIEWER)
    committee = committees.create_committee(actor=admin, code="SAC/TC 901", name_zh="全国并发试验标准化技术委员会")
    secretariat = create_organisation(actor=admin, kind=OrganisationKind.TC_SECRETARIAT,
                                      name="全国并发试验标准化技术委员会秘书处", tc_code=committee.code,
                                      join_as_admin=False)
    secretaries = [person(f"secretary{n}", f"秘书{n}") for n in (1, 2)]
    for secretary in secretaries:
        add_member(actor=admin, organisation=secretariat, user=secretary, role=MembershipRole.SECRETARY)
    committee = committees.update_committee(actor=admin, committee=committee, changes={"secretariat": secretariat})
    categories = list(Stakeholder.values)
    for n in range(1, MEMBERS + 1):
        user = person(f"member{n}", f"委员{n}")
        committees.add_member(actor=secretaries[0], committee=committee, name=user.real_name,
                              organisation=f"单位{n}", stakeholder=categories[n % len(categories)],
                              term_start=today - timedelta(days=400), term_end=today + timedelta(days=1400), user=user)
    commenters = [person(f"commenter{n}", f"提意见人{n}") for n in range(1, COMMENTERS + 1)]
    save_search(actor=commenters[0], params={"q": WATCHED})
    send_watch_notifications()  # the first run starts the digest's cursor at the newest event

    def upload(project, day: date) -> None:
        fake = Standard(identifier=f"{project.pk} 草案", title_zh=project.title_zh, title_en="", ics_codes=[],
                        issued_by=[], published_on=day, implemented_on=day, responsible_unit=committee.name_zh)
        with clock.as_of(at(day)):
            upload_document(actor=secretaries[0], project=project, kind=DocumentKind.DRAFT,
                            upload=SimpleUploadedFile("draft.pdf", render_standard_pdf(fake, references=[]),
                                                      content_type="application/pdf"))

    def walk(index: int, title: str, path: list[str], day: date, last_day: date | None = None):
        """Propose on `day` and take each step of `path`, the day after each public period ends (the last step
        on `last_day` if given)."""
        with clock.as_of(at(day)):
            project = propose_project(actor=secretaries[0], committee=committee, title_zh=title,
                                      kind=ProjectKind.NEW, nature=Nature.RECOMMENDED,
                                      drafting_units=["并发试验研究院"], drafters=["王明"])
        for number, step in enumerate(path):
            if number == len(path) - 1 and last_day is not None:
                day = last_day
            if step in (Stage.COMMENT, Stage.DISPOSITION):
                upload(project, day)  # the draft for comment, then the draft for review (送审稿)
            with clock.as_of(at(day)):
                project.refresh_from_db()
                planning = step == Stage.PLANNED
                project = move_project(
                    actor=reviewer if planning else secretaries[0], project=project, to=step,
                    expected_version=project.version,
                    plan_number=f"{day.year}{9000 + index:04d}-T-469" if planning else "")
            day = project.period_ends_on + timedelta(days=1) if project.period_ends_on and step in (
                Stage.NOTICE, Stage.COMMENT) else day + timedelta(days=7)
        return project

    start = today - timedelta(days=200)
    to_drafting = [Stage.NOTICE, Stage.PLANNED, Stage.DRAFTING]
    movers = [walk(n, f"并发试验 移动项目{n}", to_drafting, start) for n in range(1, MOVERS + 1)]
    commented = walk(10, "并发试验 征求意见项目", [*to_drafting, Stage.COMMENT], start, today - timedelta(days=5))
    balloted = walk(11, "并发试验 审查项目", [*to_drafting, Stage.COMMENT, Stage.DISPOSITION, Stage.REVIEW],
                    today - timedelta(days=300))
    with clock.as_of(timezone.now() - timedelta(minutes=1)):
        ballot = open_ballot(actor=secretaries[0], project=balloted, method=Ballot.Method.LETTER)
    return {
        "people": people,
        "movers": [{"id": p.pk, "version": p.version, "stage": p.stage} for p in movers],
        "commented": commented.pk,
        "ballot": ballot.pk,
        "ballot_members": ballot.members,
        "last_event": ProjectEvent.objects.order_by("-id").values_list("id", flat=True).first(),
    }


def main() -> None:
    """Build the scene in one transaction and print it (run inside `manage.py shell -c`)."""
    from django.db import transaction

    with transaction.atomic():
        scene = build()
    print(json.dumps(scene, ensure_ascii=False))


def digests(stop: str) -> None:
    """The watch-list digest, run again and again (as the daily task does once) until the file `stop` exists,
    then once more: each run must report what the last one had not, whatever commits meanwhile."""
    from biaozhun.portal.notifications import send_watch_notifications

    while not Path(stop).exists():
        send_watch_notifications()
        time.sleep(0.3)
    send_watch_notifications()
