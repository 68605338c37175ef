"""Run by test_notifications_atomic.py in a process of its own, with the production settings: set up a project,
then move it and die (SIGKILL) the instant the move's transaction has committed, before anything Django runs
after a commit. Prints the move's event id, then "committed" just before dying."""

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "biaozhun.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.backends.base.base import BaseDatabaseWrapper  # noqa: E402

from biaozhun.accounts.models import MembershipRole  # noqa: E402
from biaozhun.committees.services import create_committee  # noqa: E402
from biaozhun.core.actors import SYSTEM  # noqa: E402
from biaozhun.development.models import ProjectEvent  # noqa: E402
from biaozhun.development.services import move_project, propose_project  # noqa: E402
from biaozhun.rules.stages import Stage  # noqa: E402
from tests.factories.accounts import OrganisationFactory, UserFactory  # noqa: E402


def main() -> None:
    committee = create_committee(actor=SYSTEM, code="sac/tc28", name_zh="全国信息技术标准化技术委员会")
    secretariat = UserFactory(username="secretary", member_of=OrganisationFactory(tc_secretariat=True),
                              member_of__role=MembershipRole.SECRETARY)
    proposer = UserFactory(username="proposer", email="proposer@example.com", language="zh-hans")
    project = propose_project(actor=proposer, committee=committee, title_zh="信息技术 崩溃恢复测试", kind="new",
                              nature="recommended")

    def die_after_commit(self):  # Django calls this right after COMMIT, before any on_commit callback
        last = ProjectEvent.objects.using(self.alias).order_by("-id").values_list("id", flat=True).first()
        print(f"event {last}", flush=True)
        print("committed", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    BaseDatabaseWrapper.run_and_clear_commit_hooks = die_after_commit
    move_project(actor=secretariat, project=project, to=Stage.NOTICE, expected_version=project.version)
    print("survived", flush=True)  # never reached
    connection.close()


if __name__ == "__main__":
    main()
