"""The systems API: a system's tree with counts and gaps, the gaps alone, one node's lists (all public)."""

from tests.fixtures.systems import TODAY  # noqa: F401 (the scene's dates are chosen against it)


def test_a_systems_tree_has_each_nodes_own_and_rolled_up_counts(client, system_scene):
    system = system_scene["system"]
    data = client.get(f"/api/v1/systems/{system.pk}").json()
    assert data["code"] == "it" and data["outdated_after_years"] == 5
    assert [(n["code"], n["parent"], n["depth"]) for n in data["nodes"]] == [
        ("100", "", 0), ("101", "100", 1), ("102", "100", 1), ("200", "", 0)]
    root = data["nodes"][0]
    assert root["own"]["standards"] == 0 and root["rolled"]["standards"] == 2
    assert data["total"] == {"standards": 2, "projects": 1, "planned": 4, "missing": 2, "outdated": 1,
                             "not_adopted": 0}


def test_the_gaps_and_a_nodes_lists(client, system_scene):
    system, node = system_scene["system"], system_scene["data"]
    gaps = client.get(f"/api/v1/systems/{system.pk}/gaps").json()
    assert {n["code"]: n["rolled"]["missing"] for n in gaps["nodes"]} == {"100": 1, "101": 0, "102": 1, "200": 1}
    detail = client.get(f"/api/v1/systems/{system.pk}/nodes/{node.pk}").json()
    assert detail["standards"][0]["assigned"] == "GB/T 9001-2015"
    assert detail["standards"][0]["in_force"] == "GB/T 9001-2023"
    assert [p["missing"] for p in detail["planned"]] == [False, False, True]
    assert detail["projects"][0]["plan_number"] == "20260001-T-469"


def test_unknown_systems_and_nodes_are_problem_404s(client, system_scene):
    system = system_scene["system"]
    response = client.get("/api/v1/systems/999999")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/problem+json")
    assert client.get(f"/api/v1/systems/{system.pk}/nodes/999999").status_code == 404


def test_a_standards_tags_are_read_by_its_number(client, system_scene, admin_user):
    from biaozhun.systems.services.tags import set_standard_tags, tags_by_codes

    set_standard_tags(actor=admin_user, standard=system_scene["old"], tags=tags_by_codes(["belt-and-road"]))
    assert client.get("/api/v1/systems/tags/standards/GB/T 5271.4-2000").json() == {"tags": ["belt-and-road"]}
