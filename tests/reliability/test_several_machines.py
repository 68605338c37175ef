"""Two machines over one PostgreSQL database, as docs/deployment.md deploys them: each runs gunicorn, a task worker
and a search follower with its own index. Threads write through both web processes at once (project moves racing
on the same versions, votes, comments by API token and by a signed-in session, anonymous API use against the
shared rate limit) while each machine imports an overlapping catalogue file. Afterwards nothing is lost or
doubled: every accepted write is stored exactly once, the history is a consistent chain, every notification
task ran once and sent each email once, and both machines' search answers what the database holds.

Skipped unless the suite runs on PostgreSQL (CI's second run: .ci/run). Slow: about a minute.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from .machines import Machine, body, create_database, database_url, drop_database, machine_env, read_emails
from .scene import WATCHED

pytestmark = pytest.mark.slow

ANON_LIMIT = 40  # anonymous API requests a day from one address, shared by both machines
ANON_REQUESTS = 120
MOVE_ROUNDS = 12  # per mover thread; four threads race on two projects
VOTES_EACH = 4
API_COMMENTS_EACH = 4
FORM_COMMENTS = 6
IMPORTED = 3000  # editions both machines import at once; machine B adds EXTRA more
EXTRA = 500
TITLE = WATCHED  # commenter1 watches a search for it
NOTIFY_TASK = "biaozhun.development.notify.notify_project_event"
SCAN_TASK = "biaozhun.propagation.tasks.scan_changes"
CARRY_TASK = "biaozhun.systems.tasks.carry_tags"


def _requires_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("several machines share one PostgreSQL database: run with DATABASE_URL=postgres://... "
                    "(CI's second run does)")


@pytest.fixture
def machines(request, tmp_path):
    """Machines A and B on a database of their own (this worker's test database name + `_machines`), migrated
    and given the scene (scene.py); every process and the database are removed afterwards, pass or fail."""
    _requires_postgresql()
    request.getfixturevalue("django_db_setup")  # names the test database (with pytest -n, per worker)
    test_database = connection.creation._get_test_db_name()  # e.g. test_biaozhun_gw0 under pytest -n 2
    url = database_url(connection.settings_dict, f"{test_database}_machines"[:63])
    create_database(url)
    media = tmp_path / "media"  # shared by the machines, as docs/deployment.md asks
    group = [Machine(name, tmp_path / name, machine_env(name, tmp_path / name, url=url, media=media,
                                                        anon_rate=f"{ANON_LIMIT}/day")) for name in ("a", "b")]
    try:
        first = group[0]
        first.manage("migrate", "--noinput")
        first.manage("seed_reference")
        first.manage("createcachetable")
        scene = json.loads(first.manage("shell", "--no-imports", "-c",
                                       "from tests.reliability.scene import main; main()").stdout)
        for machine in group:
            machine.start()
        for machine in group:
            machine.wait_ready()
        yield group, scene, url
    finally:
        for machine in group:
            machine.stop()
        drop_database(url)


class Client:
    """Requests to the machines, alternating between them, with a personal API token."""

    def __init__(self, machines: list[Machine], token: str | None = None) -> None:
        import requests

        self.machines = machines
        self.session = requests.Session()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.turn = random.randrange(len(machines))

    def url(self, path: str) -> str:
        self.turn += 1
        return self.machines[self.turn % len(self.machines)].base_url + path

    def get(self, path: str):
        return self.session.get(self.url(path), timeout=60)

    def post(self, path: str, payload: dict):
        return self.session.post(self.url(path), json=payload, timeout=60)


def _write_imports(directory: Path) -> tuple[Path, Path]:
    """The same IMPORTED editions in two files that differ byte for byte (key order), so the machines import them
    at the same moment as two different jobs; every third replaces the one before it. B has EXTRA more."""
    def record(n: int) -> dict:
        item = {"identifier": f"GB/T {70000 + n}-2021", "title_zh": f"{TITLE}第{n}号", "published_on": "2021-01-01",
                "implemented_on": "2021-07-01"}
        if n % 3 == 0:
            item["replaces"] = [f"GB/T {70000 + n - 1}-2021"]
        return item

    first, second = directory / "a.jsonl", directory / "b.jsonl"
    first.write_text("".join(json.dumps(record(n), ensure_ascii=False) + "\n" for n in range(1, IMPORTED + 1)),
                     encoding="utf-8")
    second.write_text("".join(json.dumps(dict(reversed(record(n).items())), ensure_ascii=False) + "\n"
                              for n in range(1, IMPORTED + EXTRA + 1)), encoding="utf-8")
    return first, second


def test_two_machines_lose_nothing_run_each_task_once_and_search_alike(machines, tmp_path):
    group, scene, url = machines
    people = scene["people"]
    outcomes: dict[str, list] = {"moves": [], "refused": [], "votes": [], "comments": [], "anonymous": [], "errors": []}
    lock = threading.Lock()

    def note(kind: str, item) -> None:
        with lock:
            outcomes[kind].append(item)

    def unexpected(what: str, response) -> None:
        note("errors", f"{what}: {response.status_code} {response.text[:300]}")

    def mover(number: int, secretary: str) -> None:
        client = Client(group, people[secretary]["token"])
        for round_ in range(MOVE_ROUNDS):
            project = scene["movers"][(number + round_) % len(scene["movers"])]["id"]
            current = client.get(f"/api/v1/projects/{project}")
            if current.status_code != 200:
                unexpected("project", current)
                continue
            state = current.json()
            target = "suspended" if state["stage"]["code"] == "drafting" else "drafting"
            reason = f"move-{secretary}-{number}-{round_}"
            answer = client.post(f"/api/v1/projects/{project}/moves", {
                "to": target, "expected_version": state["version"], "reason": reason})
            if answer.status_code == 200:
                note("moves", (project, state["stage"]["code"], target, reason, secretary))
            elif answer.status_code == 409:  # someone moved it first (stale version, or no longer allowed)
                note("refused", (project, target))
            else:
                unexpected("move", answer)

    def voter(username: str) -> None:
        client = Client(group, people[username]["token"])
        choices = ["approve", "reject", "abstain", "approve", "approve", "reject"]
        for n in range(VOTES_EACH):
            choice = random.choice(choices)
            answer = client.post(f"/api/v1/projects/ballots/{scene['ballot']}/votes",
                                 {"choice": choice, "reason": f"vote-{username}-{n}" if choice == "reject" else ""})
            if answer.status_code == 200:
                note("votes", (username, n, choice))
            else:
                unexpected("vote", answer)

    def commenter(username: str) -> None:
        client = Client(group, people[username]["token"])
        for n in range(API_COMMENTS_EACH):
            text = f"comment-{username}-{n}"
            answer = client.post(f"/api/v1/projects/{scene['commented']}/comments", {"text": text, "clause": "5.2"})
            if answer.status_code == 201:
                note("comments", text)
            else:
                unexpected("comment", answer)

    def form_commenter(username: str) -> None:
        """Signed in on one machine; the session and its CSRF token work on the other as well."""
        client = Client(group)
        session = client.session
        login = client.url("/accounts/login/")
        session.get(login, timeout=60)
        answer = session.post(login, data={"username": username, "password": people[username]["password"],
                                           "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                              allow_redirects=False, timeout=60)
        if answer.status_code != 302:
            return unexpected("login", answer)
        for n in range(FORM_COMMENTS):
            text = f"form-comment-{username}-{n}"
            answer = session.post(client.url(f"/projects/{scene['commented']}/comments/new/"), data={
                "text": text, "clause": "", "proposal": "", "organisation": "",
                "csrfmiddlewaretoken": session.cookies["csrftoken"]}, allow_redirects=False, timeout=60)
            if answer.status_code == 302:
                note("comments", text)
            else:
                unexpected("form comment", answer)

    def anonymous(_: int) -> None:
        client = Client(group)
        for _round in range(ANON_REQUESTS // 6):
            answer = client.get("/api/v1/projects/?limit=1")
            if answer.status_code in (200, 429):
                note("anonymous", answer.status_code)
            else:
                unexpected("anonymous", answer)

    first_file, second_file = _write_imports(tmp_path)
    stop_digests = tmp_path / "stop-digests"
    digests = group[0].spawn("digests", "manage.py", "shell", "--no-imports", "-c",
                             f"from tests.reliability.scene import digests; digests({str(stop_digests)!r})")
    imports = [machine.spawn(f"import-{machine.name}", "manage.py", "catalog_import", str(path), "--batch-size", "100",
                             "--no-progress") for machine, path in zip(group, (first_file, second_file), strict=True)]
    day = int(time.time()) // 86400
    jobs = [(mover, n, f"secretary{1 + n % 2}") for n in range(4)]
    jobs += [(voter, name) for name in people if name.startswith("member")]
    jobs += [(commenter, name) for name in people if name.startswith("commenter") and name != "commenter6"]
    jobs += [(form_commenter, "commenter6")]
    jobs += [(anonymous, n) for n in range(6)]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        for future in [pool.submit(*job) for job in jobs]:
            future.result()
    for machine, process in zip(group, imports, strict=True):
        process.wait(timeout=300)
        machine.processes.pop(f"import-{machine.name}")
    stop_digests.touch()
    digests.wait(timeout=300)
    group[0].processes.pop("digests")
    logs = {machine.name: machine.tail(f"import-{machine.name}") for machine in group}
    assert [process.returncode for process in imports] == [0, 0], f"an import failed: {logs}"
    assert digests.returncode == 0, group[0].tail("digests")
    assert outcomes["errors"] == []
    for machine in group:
        machine.check_alive()

    _wait_for_tasks(url)
    db = _Database(url)

    # Moves: each accepted one is one event, in a chain; refused ones left nothing.
    assert outcomes["moves"], "no move was accepted"
    for mover_project in scene["movers"]:
        pk = mover_project["id"]
        accepted = [move for move in outcomes["moves"] if move[0] == pk]
        events = db.rows("SELECT from_stage, to_stage, reason FROM development_projectevent "
                         "WHERE project_id = %s AND kind = 'moved' AND to_stage IN ('suspended', 'drafting') "
                         "AND reason LIKE 'move-%%' ORDER BY id", pk)
        assert sorted(reason for *_, reason in events) == sorted(move[3] for move in accepted)
        stages = ["drafting"] + [to for _, to, _ in events]
        chain = list(zip(stages, stages[1:], strict=False))
        assert [(frm, to) for frm, to, _ in events] == chain, "the history skips a stage"
        version, stage = db.one("SELECT version, stage FROM development_project WHERE id = %s", pk)
        assert (version, stage) == (mover_project["version"] + len(accepted), stages[-1])

    # Votes: one row per member, holding the member's last accepted vote.
    last = {}
    for username, _n, choice in sorted(outcomes["votes"]):
        last[username] = choice
    assert len(outcomes["votes"]) == 9 * VOTES_EACH
    stored = dict(db.rows("SELECT u.username, v.choice FROM development_vote v JOIN committees_member m "
                          "ON m.id = v.member_id JOIN accounts_user u ON u.id = m.user_id WHERE v.ballot_id = %s",
                          scene["ballot"]))
    assert stored == last
    for username in last:
        for machine in group:
            own = Client([machine], people[username]["token"]).get(f"/api/v1/projects/ballots/{scene['ballot']}")
            assert own.json()["own_vote"] == last[username]
            assert own.json()["tally"]["received"] == len(last)

    # Comments: each accepted one stored once, numbered 1..N without a gap.
    texts = db.rows("SELECT number, text FROM development_comment WHERE project_id = %s ORDER BY number",
                    scene["commented"])
    assert sorted(text for _, text in texts) == sorted(outcomes["comments"])
    assert [number for number, _ in texts] == list(range(1, len(texts) + 1))

    # The anonymous limit is one count for both machines: exactly ANON_LIMIT answered (same day).
    if int(time.time()) // 86400 == day:
        assert Counter(outcomes["anonymous"]) == {200: ANON_LIMIT, 429: ANON_REQUESTS - ANON_LIMIT}

    # Imports: each edition once, created once, replaced editions replaced.
    total = IMPORTED + EXTRA
    assert db.one("SELECT count(*), count(DISTINCT edition) FROM catalog_standard WHERE title_zh LIKE %s",
                  f"{TITLE}%") == (total, total)
    assert db.one("SELECT count(*) FROM catalog_standardevent WHERE kind = 'created'") == (total,)
    replaced = db.one("SELECT count(*) FROM catalog_standard WHERE status = 'replaced' AND title_zh LIKE %s",
                      f"{TITLE}%")[0]
    assert replaced == total // 3
    assert db.rows("SELECT state, count(*) FROM catalog_importjob GROUP BY state") == [("done", 2)]

    # Tasks: one per project event written after the scene, each run once by one worker, all succeeded.
    # The catalogue's imports also queue reference scans (propagation) and the carrying of programme tags to new
    # editions (systems): they too run once and succeed.
    every_task = db.rows("SELECT status, worker_ids, args_kwargs, return_value, task_path "
                         "FROM django_tasks_database_dbtaskresult")
    assert {status for status, *_ in every_task} == {"SUCCESSFUL"}
    assert all(len(workers) == 1 for _, workers, *_ in every_task)
    assert {path for *_, path in every_task} <= {NOTIFY_TASK, SCAN_TASK, CARRY_TASK}
    tasks = [row[:4] for row in every_task if row[4] == NOTIFY_TASK]
    events = Counter(args["args"][0] for _, _, args, _ in tasks)
    new_events = [pk for (pk,) in db.rows("SELECT id FROM development_projectevent WHERE id > %s ORDER BY id",
                                          scene["last_event"])]
    assert sorted(events) == new_events and set(events.values()) == {1}

    # Emails: each accepted move told the other secretary exactly once; no email more than the tasks sent.
    everything = read_emails([machine.mail_dir for machine in group])
    digests_sent = [m for m in everything if m["To"] == people["commenter1"]["email"]]
    messages = [m for m in everything if m not in digests_sent]
    assert len(messages) == sum(sent for *_, sent in tasks)
    sent = Counter((message["To"], reason) for message in messages
                   for reason in set(re.findall(r"move-secretary\d-\d+-\d+", body(message))))
    expected = Counter((people["secretary2" if who == "secretary1" else "secretary1"]["email"], reason)
                       for *_, reason, who in outcomes["moves"])
    assert sent == expected

    # The watch-list digest, run again and again during the imports: every change reported once, none skipped.
    reported = Counter(change["event_id"] for (changes,) in db.rows(
        "SELECT changes FROM portal_watchnotification WHERE user_id = %s", people["commenter1"]["id"])
        for change in changes)
    watched = db.rows("SELECT e.id FROM catalog_standardevent e JOIN catalog_standard s ON s.id = e.standard_id "
                      "WHERE s.title_zh LIKE %s AND e.kind IN ('created', 'status_changed', 'amendment_added', "
                      "'abolished')", f"{TITLE}%")
    assert sorted(reported) == sorted(pk for (pk,) in watched) and set(reported.values()) == {1}
    assert len(digests_sent) == db.one("SELECT count(*) FROM portal_watchnotification")[0]

    # Search: both machines' followers catch up and answer what the database holds.
    queries = {
        f"?q={TITLE}&page_size=5&sort=number": total,
        f"?q={TITLE}&status=replaced&page_size=5&sort=number": replaced,
        "?q=GB/T 71234-2021": 1,
    }
    answers = {}
    for machine in group:
        client = Client([machine], people["commenter1"]["token"])
        for query, expected_total in queries.items():
            deadline = time.monotonic() + 120
            while True:
                answer = client.get(f"/api/v1/search/{query}").json()
                if answer["total"] == expected_total or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            assert answer["total"] == expected_total, f"{machine.name} {query}: {answer['total']}"
            answers[machine.name, query] = [hit["identifier"] for hit in answer["hits"]]
    for query in queries:
        assert answers["a", query] == answers["b", query]
    assert answers["a", "?q=GB/T 71234-2021"] == ["GB/T 71234-2021"]
    by_worker = Counter(worker_ids[0] for _, worker_ids, *_ in tasks)
    print(f"moves accepted {len(outcomes['moves'])}, refused as stale {len(outcomes['refused'])}; "
          f"votes {len(outcomes['votes'])}; comments {len(texts)}; tasks by worker {dict(by_worker)}; "
          f"emails {len(messages)}; digests {len(digests_sent)}; editions imported {total}")


def _wait_for_tasks(url: str, timeout: float = 120) -> None:
    db = _Database(url)
    deadline = time.monotonic() + timeout
    while db.one("SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')")[0]:
        assert time.monotonic() < deadline, "tasks still waiting after 120 s"
        time.sleep(0.3)


class _Database:
    """Plain SQL on the machines' database (the test's own Django connection points at the test database)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def rows(self, sql: str, *params) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url) as conn:
            return [tuple(row) for row in conn.execute(sql, params).fetchall()]

    def one(self, sql: str, *params) -> tuple:
        return self.rows(sql, *params)[0]
