"""Catalogue standards citing a changed edition (replaced wholly or in part, amended, abolished, withdrawn): a dated
reference to that edition is flagged by every change to it; an undated reference to the series only when the
series' newest edition changes. Each flag names the edition in force afterwards."""

from datetime import date, timedelta

import pytest
import time_machine
from django.template.loader import render_to_string

from biaozhun.catalog.models import Status
from biaozhun.catalog.services import refresh_due_statuses, update_standard, withdraw_standard
from biaozhun.core import clock
from biaozhun.core.actors import SYSTEM
from biaozhun.propagation.models import Change, ChangeKind, Flag
from tests.fixtures.catalog import make_standard
from tests.fixtures.propagation import abolish, amend, propagate

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(tc_secretariat):
    """GB/T 40001-2005 replaced by -2010 (years ago); documents of SAC/TC 28 citing the series three ways."""
    old = make_standard("GB/T 40001-2005", published_on="2005-01-01", implemented_on="2005-06-01")
    current = make_standard("GB/T 40001-2010", replaces=["GB/T 40001-2005"], published_on="2010-01-01",
                            implemented_on="2010-06-01")
    citing = {
        name: make_standard(number, tc_code="SAC/TC 28", references=[reference], title_zh=f"引用者 {name}")
        for name, number, reference in (
            ("dated", "GB/T 40101-2016", "GB/T 40001-2010"),
            ("undated", "GB/T 40102-2016", "GB/T 40001"),
            ("older", "GB/T 40103-2016", "GB/T 40001-2005"),
        )
    }
    propagate()  # the 2005 edition's replacement is history: nothing is flagged
    assert not Flag.objects.exists()
    return {"old": old, "current": current, **citing}


def flags_of(change: Change) -> dict[str, tuple[str, str | None]]:
    """Citing number → (citation, edition in force)."""
    return {flag.reference: (flag.citation, flag.in_force.identifier if flag.in_force else None)
            for flag in change.flags.select_related("in_force")}


def test_replacing_the_newest_edition_flags_dated_and_undated_references_with_the_new_edition(series):
    make_standard("GB/T 40001-2020", replaces=["GB/T 40001-2010"], published_on="2020-03-01",
                  implemented_on=clock.today().isoformat())
    [change] = propagate()
    assert (change.kind, change.identifier, change.undated_affected) == (ChangeKind.REPLACED, "GB/T 40001-2010", True)
    assert flags_of(change) == {"GB/T 40101-2016": ("dated", "GB/T 40001-2020"),
                                "GB/T 40102-2016": ("undated", "GB/T 40001-2020")}


def test_an_amendment_to_an_older_edition_flags_only_its_dated_references(series):
    [change] = amend_and_propagate(series["old"])
    assert change.undated_affected is False
    assert flags_of(change) == {"GB/T 40103-2016": ("dated", "GB/T 40001-2005")}


def test_an_amendment_to_the_newest_edition_flags_undated_references_too_and_keeps_the_edition_in_force(series):
    [change] = amend_and_propagate(series["current"])
    assert (change.kind, change.amendment_number) == (ChangeKind.AMENDED, 1)
    assert flags_of(change) == {"GB/T 40101-2016": ("dated", "GB/T 40001-2010"),
                                "GB/T 40102-2016": ("undated", "GB/T 40001-2010")}


def test_abolishing_the_newest_edition_leaves_nothing_in_force(series):
    abolish(series["current"])
    [change] = propagate()
    assert change.kind == ChangeKind.ABOLISHED
    assert flags_of(change) == {"GB/T 40101-2016": ("dated", None), "GB/T 40102-2016": ("undated", None)}


def test_abolishing_an_older_edition_flags_its_dated_references_only(series):
    abolish(series["old"])  # abolition wins over replacement: its status moves
    [change] = propagate()
    assert change.undated_affected is False
    assert flags_of(change) == {"GB/T 40103-2016": ("dated", None)}


def test_withdrawing_the_newest_edition_sends_undated_references_back_to_the_one_before(series):
    newest = make_standard("GB/T 40001-2020", replaces=["GB/T 40001-2010"], published_on="2020-03-01",
                           implemented_on="2020-09-01")
    cites_newest = make_standard("GB/T 40104-2021", tc_code="SAC/TC 28", references=["GB/T 40001-2020"])
    propagate()  # the 2010 edition's replacement took effect years ago: history
    withdraw_standard(actor=SYSTEM, standard=newest, reason="标准号填写错误，应为 GB/T 40011-2020")
    [change] = propagate()
    assert (change.kind, change.identifier, change.edition) == (ChangeKind.WITHDRAWN, "GB/T 40001-2020",
                                                                "GB/T 40001-2020")
    assert flags_of(change) == {cites_newest.identifier: ("dated", None),
                                "GB/T 40102-2016": ("undated", "GB/T 40001-2010")}


def test_a_replacement_is_propagated_when_it_takes_effect_not_when_it_is_published(series):
    later = clock.today() + timedelta(days=90)
    make_standard("GB/T 40001-2026", replaces=["GB/T 40001-2010"], published_on=clock.today().isoformat(),
                  implemented_on=later.isoformat())
    assert propagate() == []  # still in force until its replacement is
    with time_machine.travel(later, tick=False):
        refresh_due_statuses(actor=SYSTEM, today=later)
        [change] = propagate()
    assert change.effective_on == later
    assert set(flags_of(change)) == {"GB/T 40101-2016", "GB/T 40102-2016"}


def test_citing_editions_out_of_force_or_international_are_not_flagged(series):
    gone = make_standard("GB/T 40105-2012", references=["GB/T 40001-2010"], published_on="2012-01-01",
                         implemented_on="2012-06-01", abolished_on="2015-01-01")
    make_standard("ISO 40106:2018", title_en="International citing", references=["GB/T 40001-2010"])
    abolish(series["current"])
    [change] = propagate()
    assert gone.identifier not in flags_of(change)
    assert set(flags_of(change)) == {"GB/T 40101-2016", "GB/T 40102-2016"}


def test_a_citing_standard_names_how_it_cites_and_links_to_its_page(series):
    abolish(series["current"])
    propagate()
    flag = Flag.objects.get(reference="GB/T 40102-2016")
    assert (flag.cited_as, flag.label) == ("GB/T 40001", "GB/T 40102-2016 引用者 undated")
    assert flag.target_url() == "/std/GB/T%2040102-2016"


def test_history_arriving_with_an_import_is_not_propagated(tc_secretariat):
    long_ago = date(2012, 1, 1)
    make_standard("GB/T 40201-2005", published_on="2005-01-01", implemented_on="2005-06-01")
    make_standard("GB/T 40202-2008", references=["GB/T 40201-2005"], tc_code="SAC/TC 28")
    make_standard("GB/T 40201-2011", replaces=["GB/T 40201-2005"], published_on="2011-09-01",
                  implemented_on=long_ago.isoformat())
    assert propagate() == []
    assert not Flag.objects.exists()


def amend_and_propagate(standard):
    amend(standard)
    return propagate()


def test_a_replacement_without_an_implementation_date_is_dated_by_the_replacing_edition_s_publication(db):
    make_standard("ISO 40301:2005", title_en="Old edition", published_on="2005-01-01", implemented_on=None)
    make_standard("ISO 40302:2010", title_en="Citing", references=["ISO 40301:2005"])
    make_standard("ISO 40301:2015", title_en="New edition", replaces=["ISO 40301:2005"], published_on="2015-01-01",
                  implemented_on=None)
    assert propagate() == []  # replaced in 2015: history, whatever day the import brings it


# Partial replacements (部分代替): the partly replaced edition stays in force; its citers check whether the part they
# rely on moved to the replacing edition.

def partly(number: str) -> dict:
    return {"identifier": number, "partial": True}


def test_a_new_edition_partly_replacing_the_newest_flags_dated_and_undated_references_with_it_still_in_force(series):
    by = make_standard("GB/T 40050-2026", replaces=[partly("GB/T 40001-2010")], published_on="2026-01-01",
                       implemented_on=clock.today().isoformat())
    [change] = propagate()
    assert (change.kind, change.identifier, change.partly_by, change.undated_affected) == (
        ChangeKind.PARTIAL, "GB/T 40001-2010", by, True)
    assert flags_of(change) == {"GB/T 40101-2016": ("dated", "GB/T 40001-2010"),
                                "GB/T 40102-2016": ("undated", "GB/T 40001-2010")}
    series["current"].refresh_from_db()
    assert series["current"].status == Status.CURRENT
    sentence = render_to_string("propagation/_change_sentence.txt", {"change": change})
    assert "GB/T 40001-2010" in sentence and "GB/T 40050-2026 部分代替" in sentence


def test_a_partial_replacement_of_an_older_edition_flags_only_its_dated_references(series):
    make_standard("GB/T 40051-2026", replaces=[partly("GB/T 40001-2005")], implemented_on=clock.today().isoformat())
    # the 2005 edition is no longer in force (replaced by 2010): nothing of it to check
    assert propagate() == []


def test_an_edition_partly_replacing_two_makes_one_change_for_each(series):
    other = make_standard("GB/T 40060-2015", published_on="2015-01-01", implemented_on="2015-06-01")
    make_standard("GB/T 40061-2016", references=["GB/T 40060-2015"], tc_code="SAC/TC 28")
    make_standard("GB/T 40062-2026", replaces=[partly("GB/T 40001-2010"), partly(other.identifier)],
                  implemented_on=clock.today().isoformat())
    changes = propagate()
    assert sorted(c.identifier for c in changes) == ["GB/T 40001-2010", "GB/T 40060-2015"]
    assert {c.event_id for c in changes} == {changes[0].event_id}  # one event, two editions
    assert propagate() == []  # scanned once


def test_an_edition_edited_to_partly_replace_another_is_propagated_then(series):
    by = make_standard("GB/T 40070-2026", implemented_on=clock.today().isoformat())
    assert propagate() == []
    update_standard(actor=SYSTEM, standard=by, changes={"replaces": [partly("GB/T 40001-2010")]},
                    expected_version=by.version)
    [change] = propagate()
    assert (change.kind, change.partly_by_id) == (ChangeKind.PARTIAL, by.pk)


def test_a_whole_replacement_is_not_read_as_a_partial_one(series):
    make_standard("GB/T 40001-2020", replaces=["GB/T 40001-2010"], published_on="2020-03-01",
                  implemented_on=clock.today().isoformat())
    assert [c.kind for c in propagate()] == [ChangeKind.REPLACED]


def test_a_partial_replacement_that_is_history_is_not_propagated(series):
    long_ago = clock.today() - timedelta(days=400)
    make_standard("GB/T 40080-2024", replaces=[partly("GB/T 40001-2010")], implemented_on=long_ago.isoformat())
    assert propagate() == []
    assert not Change.objects.exists()
