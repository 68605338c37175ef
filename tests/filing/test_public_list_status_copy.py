"""The filing's copy of its edition's status (Filing.standard_status), which the public list filters and counts by:
set when accepted, then following the catalogue's status through every change."""

from __future__ import annotations

from datetime import date

import pytest

from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import refresh_due_statuses
from biaozhun.core.actors import SYSTEM
from biaozhun.filing.models import Filing
from biaozhun.filing.selectors.public import FilingQuery, filed_count, filed_standards

from .public_scene import filed_scene, freeze_today  # noqa: F401 (fixtures filed, frozen_today)

pytestmark = pytest.mark.django_db


def copies_match_the_catalogue() -> bool:
    pairs = Filing.objects.filter(standard__isnull=False).values_list("standard_status", "standard__status")
    return all(copy == status for copy, status in pairs)


def test_an_accepted_filing_holds_its_editions_status_and_one_under_way_none(filed):
    assert (filed.charging.standard_status, filed.machine.standard_status) == ("current", "upcoming")
    assert filed.under_way.standard_status == ""
    assert copies_match_the_catalogue()


def test_a_replaced_or_abolished_edition_changes_its_filings_copy(filed):
    # DB32/T 300-2020 was replaced by the 2026 edition, DB33/T 600-2024 abolished, after each was filed
    assert (filed.toilets_old.standard_status, filed.tea.standard_status) == ("replaced", "abolished")


def test_the_daily_status_sweep_carries_an_upcoming_edition_into_force_on_the_filing_too(filed):
    implemented = Standard.objects.get(pk=filed.machine.standard_id).implemented_on
    assert filed_count(query=FilingQuery(status="upcoming")) == 2
    refresh_due_statuses(actor=SYSTEM, today=max(implemented, date(2027, 6, 1)))
    filed.machine.refresh_from_db()
    assert filed.machine.standard_status == "current"
    assert copies_match_the_catalogue()
    assert "JB/T 5001-2026" in set(filed_standards(query=FilingQuery(status="current"))
                                   .values_list("identifier", flat=True))


def test_a_word_with_a_chinese_character_is_looked_for_in_titles_and_an_ascii_one_in_numbers_too(filed):
    def found(q: str) -> set[str]:
        return set(filed_standards(query=FilingQuery(q=q)).values_list("identifier", flat=True))

    assert found("4001") == {"DB32/T 4001-2026"}  # in the number only
    assert found("3201") == {"DB3201/T 501-2026"}
    assert found("茶叶 600") == {"DB33/T 600-2024"}
