"""The scheduler (`manage.py run_scheduler`) runs the catch-up of `declarations_search_sync` daily at 01:10: what bulk
writes left out of the search index is found the next morning."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from biaozhun.core.management.commands.run_scheduler import enqueue_due
from biaozhun.declarations.models import DeclarationEvent, DeclarationEventKind
from biaozhun.declarations.search import index
from biaozhun.declarations.selectors.search import DeclarationQuery, search_declarations
from tests.factories.declarations import DeclarationFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
CATCH_UP = "biaozhun.declarations.search.tasks.catch_up_search_index"


def found(q: str) -> set[str]:
    return {d.identifier for d in search_declarations(query=DeclarationQuery(q=q)).items}


def test_the_scheduler_catches_the_declaration_index_up_after_the_sweep(scene):
    late = DeclarationFactory(enterprise=scene.midea, identifier="Q/MD 9-2025", undated="Q/MD 9", title="烘干机")
    DeclarationEvent.objects.bulk_create([DeclarationEvent(declaration=late, kind=DeclarationEventKind.DECLARED)])
    assert found("烘干机") == set()
    before = datetime(2027, 3, 2, 0, 55, tzinfo=SHANGHAI)
    with time_machine.travel(before, tick=False):
        assert CATCH_UP not in enqueue_due(before)
    assert found("烘干机") == set()
    night = datetime(2027, 3, 2, 1, 10, tzinfo=SHANGHAI)
    with time_machine.travel(night, tick=False):
        assert enqueue_due(night) == [CATCH_UP]
    assert found("烘干机") == {"Q/MD 9-2025"}
    assert index.applied_event_id() == DeclarationEvent.objects.latest("id").pk
