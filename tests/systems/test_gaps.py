"""A system's page data (selectors.system_view): the edition in force of each series, 标龄, missing entries, ISO/IEC
editions not adopted in the nodes' ICS fields, and the roll-up, with known answers."""

from biaozhun.core.actors import SYSTEM
from biaozhun.systems import selectors
from biaozhun.systems.services import systems as services
from tests.fixtures.systems import TODAY


def _node(view, code):
    return next(item for item in view.nodes if item.node.code == code)


def test_a_series_shows_its_edition_in_force_whichever_edition_was_assigned(system_scene):
    view = selectors.system_view(system_scene["system"], today=TODAY)
    [entry] = _node(view, "102").standards
    assert entry.link.standard == system_scene["previous"]
    assert entry.edition == system_scene["current"]
    assert (entry.age, entry.outdated) == (2, False)


def test_an_edition_in_force_for_more_than_five_years_is_outdated(system_scene):
    view = selectors.system_view(system_scene["system"], today=TODAY)
    [entry] = _node(view, "101").standards
    assert (entry.age, entry.outdated) == (25, True)
    assert _node(view, "101").own.outdated == {system_scene["old"].pk}


def test_planned_entries_filled_by_a_project_title_or_plan_number_are_not_missing(system_scene):
    view = selectors.system_view(system_scene["system"], today=TODAY)
    missing = {p.entry.title: p.missing for p in _node(view, "102").planned}
    assert missing == {"信息技术 数据质量评价": False, "数据质量": False, "信息技术 新词汇": True}
    assert [p.missing for p in _node(view, "200").planned] == [True]


def test_gaps_roll_up_to_the_top_nodes_and_the_system(system_scene):
    view = selectors.system_view(system_scene["system"], today=TODAY)
    counts = {item.node.code: item.rolled.counts() for item in view.nodes}
    assert [item.node.code for item in view.nodes] == ["100", "101", "102", "200"]
    assert counts["100"] == {"standards": 2, "projects": 1, "planned": 3, "missing": 1, "outdated": 1,
                             "not_adopted": 0}
    assert counts["200"]["missing"] == 1
    assert view.total.counts() == {"standards": 2, "projects": 1, "planned": 4, "missing": 2, "outdated": 1,
                                   "not_adopted": 0}


def test_iso_editions_in_a_nodes_ics_field_that_no_chinese_standard_adopts_are_gaps(system_scene, adoption_scene):
    """ICS 13.020.10 holds four ISO editions: 14001 (IDT) and 14004 (MOD) adopted; 14005 only NEQ and 14031 not at
    all: two gaps. The node's own ICS codes count, and so do its standards' ICS codes."""
    node = system_scene["apps"]
    services.change_node(actor=SYSTEM, node=node, code=node.code, name_zh=node.name_zh, parent=None,
                         ics_codes=["13.020.10"])
    view = selectors.system_view(system_scene["system"], today=TODAY)
    item = _node(view, "200")
    assert item.own.not_adopted == {adoption_scene["iso14005"].pk, adoption_scene["iso14031"].pk}
    assert [s.identifier for s in item.not_adopted] == ["ISO 14031:2021", "ISO 14005:2019"]
    from tests.fixtures.catalog import make_standard

    classified = make_standard("GB/T 24050-2020", title_zh="环境管理 术语", ics=["13.020.10"],
                               published_on="2020-03-01", implemented_on="2020-10-01")
    services.assign_standard(actor=SYSTEM, node=system_scene["terms"], standard=classified)
    view = selectors.system_view(system_scene["system"], today=TODAY)
    assert _node(view, "101").own.not_adopted == {adoption_scene["iso14005"].pk, adoption_scene["iso14031"].pk}
    assert len(view.total.not_adopted) == 2  # the same editions under two nodes count once


def test_a_tag_keeps_only_the_standards_and_projects_that_have_it(system_scene, admin_user):
    from biaozhun.systems.services.tags import set_project_tags, tags_by_codes

    set_project_tags(actor=admin_user, project=system_scene["project"], tags=tags_by_codes(["civil-military"]))
    view = selectors.system_view(system_scene["system"], tag="civil-military", today=TODAY)
    assert view.total.counts()["projects"] == 1 and view.total.counts()["standards"] == 0
    assert view.tag.name_zh == "军民通用"
    assert [s.code for s in selectors.systems(tag="civil-military")] == ["it"]
    assert list(selectors.systems(tag="poverty-alleviation")) == []


def test_the_iso_candidates_are_read_once_until_the_catalogue_changes(system_scene, adoption_scene):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.fixtures.international_adoption import chinese

    node = system_scene["apps"]
    services.change_node(actor=SYSTEM, node=node, code=node.code, name_zh=node.name_zh, parent=None,
                         ics_codes=["13.020.10"])

    def view_reading():
        with CaptureQueriesContext(connection) as queries:
            item = _node(selectors.system_view(system_scene["system"], today=TODAY), "200")
        reads = [q["sql"] for q in queries.captured_queries if "'international'" in q["sql"]]  # the ISO/IEC records
        return item, reads

    first, reads = view_reading()
    again, reads_again = view_reading()
    assert reads and not reads_again  # the second page view reads no ISO/IEC records
    assert again.own.not_adopted == first.own.not_adopted == {adoption_scene["iso14005"].pk,
                                                               adoption_scene["iso14031"].pk}
    chinese("GB/T 24031-2022", "ISO 14031:2021", "IDT", published="2022-03-01", implemented="2022-10-01")
    changed, reads_changed = view_reading()
    assert reads_changed and changed.own.not_adopted == {adoption_scene["iso14005"].pk}  # seen at once
