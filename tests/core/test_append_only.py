"""History rows cannot be changed once written."""

import pytest

from biaozhun.committees.models import CommitteeEvent
from biaozhun.development.models import ProjectEvent
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def test_events_refuse_to_be_saved_twice(tc28_project):
    rows = [make_standard("GB/T 1-2020").events.get(), CommitteeEvent.objects.first(), ProjectEvent.objects.first()]
    for row in rows:
        row.reason = "rewritten" if hasattr(row, "reason") else None
        with pytest.raises(ValueError, match="append-only"):
            row.save()
