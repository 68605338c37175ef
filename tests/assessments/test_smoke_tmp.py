import pytest
from biaozhun.assessments.services import run_assessments, compute_assessment
from biaozhun.core.actors import SYSTEM
from tests.factories.committees import CommitteeFactory, MemberFactory

@pytest.mark.django_db
def test_smoke():
    c = CommitteeFactory()
    for _ in range(5):
        MemberFactory(committee=c)
    r = run_assessments(actor=SYSTEM, year=2026)
    print(r)
    a = c.assessments.get()
    print(a.state, a.figures, a.total, a.grade)
    b = compute_assessment(actor=SYSTEM, committee=c, year=2026)
    print(b.events.count())
