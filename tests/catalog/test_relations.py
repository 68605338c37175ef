"""Relations: replacement chains drive status; references wait for standards that arrive later."""

import pytest

from biaozhun.catalog.models import EventKind, RelationKind, StandardRelation
from biaozhun.catalog.selectors import replacement_chain
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def test_newer_edition_replaces_older_one_and_older_status_follows():
    old = make_standard("GB/T 19001-2008", published_on="2008-10-29", implemented_on="2009-03-01")
    new = make_standard("GB/T 19001-2016", replaces=["GB/T 19001-2008"])
    old.refresh_from_db()
    assert (old.status, old.status_by, old.status_reason) == ("replaced", "GB/T 19001-2016", "replaced")
    assert new.status == "current"
    assert old.events.filter(kind=EventKind.STATUS_CHANGED, to_status="replaced").count() == 1


def test_replacement_imported_before_the_old_edition_is_resolved_when_it_arrives():
    new = make_standard("GB/T 20001-2016", replaces=["GB/T 20001-2008"])
    relation = new.relations_out.get()
    assert relation.target is None and relation.target_identifier == "GB/T 20001-2008"
    old = make_standard("GB/T 20001-2008", published_on="2008-01-01", implemented_on="2008-06-01")
    relation.refresh_from_db()
    assert relation.target == old
    old.refresh_from_db()
    assert old.status == "replaced"
    assert new.events.filter(kind=EventKind.RELATION_RESOLVED).count() == 1


def test_partial_replacement_leaves_old_edition_current():
    old = make_standard("GB/T 30001-2010", published_on="2010-01-01", implemented_on="2010-06-01")
    make_standard("GB/T 30002-2020", replaces=[{"identifier": "GB/T 30001-2010", "partial": True}])
    old.refresh_from_db()
    assert (old.status, old.status_reason) == ("current", "in_force_partly_replaced")


def test_undated_reference_points_at_the_newest_edition():
    make_standard("GB/T 1.1-2009", published_on="2009-01-01", implemented_on="2009-06-01")
    citing = make_standard("GB/T 40000-2021", references=["GB/T 1.1"])
    newest = make_standard("GB/T 1.1-2020", published_on="2020-03-31", implemented_on="2020-10-01",
                           replaces=["GB/T 1.1-2009"])
    relation = citing.relations_out.get(kind=RelationKind.REFERENCES)
    assert relation.target == newest


def test_double_number_records_identical_adoption():
    iso = make_standard("ISO 9001:2015", title_zh="", title_en="Quality management systems — Requirements")
    gb = make_standard("GB/T 19001-2016/ISO 9001:2015")
    adoption = gb.relations_out.get(kind=RelationKind.ADOPTS)
    assert (adoption.target, adoption.degree) == (iso, "IDT")


def test_replacement_chain_both_ways():
    a = make_standard("GB/T 50001-2005", published_on="2005-01-01", implemented_on="2005-06-01")
    b = make_standard("GB/T 50001-2012", published_on="2012-01-01", implemented_on="2012-06-01", replaces=["GB/T 50001-2005"])
    c = make_standard("GB/T 50001-2020", published_on="2020-01-01", implemented_on="2020-06-01", replaces=["GB/T 50001-2012"])
    assert replacement_chain(b) == ([a], [c])
    assert replacement_chain(a) == ([], [b, c])
    assert StandardRelation.objects.filter(kind=RelationKind.REPLACES, target__isnull=True).count() == 0


def test_citation_without_the_adopted_number_finds_the_double_numbered_edition():
    old = make_standard("GB/T 24001-2004/ISO 14001:2004", published_on="2004-01-01", implemented_on="2005-01-01")
    make_standard("GB/T 24001-2016/ISO 14001:2015", published_on="2016-10-13", implemented_on="2017-05-01",
                  replaces=["GB/T 24001-2004"])
    old.refresh_from_db()
    assert old.status == "replaced"


def test_the_same_edition_with_and_without_its_double_number_is_one_record(admin_user):
    from biaozhun.catalog.services import DuplicateStandard

    make_standard("GB/T 19001-2016/ISO 9001:2015")
    with pytest.raises(DuplicateStandard):
        make_standard("GB/T 19001-2016")
