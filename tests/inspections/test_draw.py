"""The draw through the app: the snapshots are taken at commitment, the seed stays secret until the draw, the
stored sample is what the pure draw gives from the published files, the offline command agrees, and a tampered
snapshot fails verification."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from biaozhun.core.errors import InvalidTransition, RequirementsUnmet
from biaozhun.inspections import drawing, services
from biaozhun.inspections.models import CampaignEvent, CampaignEventKind, CampaignState, SampledItem
from biaozhun.rules import draw as pure
from tests.factories.declarations import DeclarationFactory, EnterpriseProfileFactory
from tests.fixtures.inspections import make_population

pytestmark = pytest.mark.django_db


def test_committing_announces_the_commitment_and_digests_and_keeps_the_seed_secret(committed_campaign):
    campaign = committed_campaign
    assert campaign.state == CampaignState.COMMITTED
    assert campaign.seed_revealed == ""
    assert pure.verify_commitment(campaign.seed, campaign.commitment)
    population = campaign.population_file.open("rb").read()
    assert pure.snapshot_digest(json.loads(line) for line in population.splitlines()) == campaign.population_sha256
    assert campaign.population_records == 12
    event = CampaignEvent.objects.get(campaign=campaign, kind=CampaignEventKind.COMMITTED)
    assert event.data["commitment"] == campaign.commitment and "seed" not in json.dumps(event.data)


def test_the_seed_is_encrypted_at_rest(committed_campaign):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT seed FROM inspections_campaign WHERE id = %s", [committed_campaign.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("sm4$") and committed_campaign.seed not in stored


def test_the_population_is_the_one_taken_at_commitment_even_if_enterprises_declare_later(committed_campaign,
                                                                                        bureau_user):
    for enterprise in make_population(5, start=100):
        assert enterprise.declarations.exists()
    campaign = services.draw_campaign(bureau_user, campaign=committed_campaign)
    assert campaign.result["population"]["sha256"] == committed_campaign.population_sha256
    assert campaign.result["population"]["records"] == 12


def test_the_stored_sample_is_the_pure_draw_of_the_published_files(drawn_campaign):
    campaign = drawn_campaign
    seed = bytes.fromhex(campaign.seed_revealed)
    again = pure.draw(seed, drawing.read_snapshot(campaign.population_file), size=4,
                      inspectors=drawing.read_snapshot(campaign.inspectors_file), per_item=2,
                      rules=pure.ConflictRules(True, True, 6))
    assert [(k, again.assignments[k]) for k in again.sample] == drawing.stored_sample(campaign)
    assert drawing.verify(campaign).matches


def test_the_same_seed_gives_the_same_sample(drawn_campaign):
    stored = drawing.stored_sample(drawn_campaign)
    seed = bytes.fromhex(drawn_campaign.seed_revealed)
    for _ in range(2):
        result = drawing.run_draw(drawn_campaign, seed, drawing.read_snapshot(drawn_campaign.population_file),
                                  drawing.read_snapshot(drawn_campaign.inspectors_file))
        assert [(k, result.assignments[k]) for k in result.sample] == stored


def test_a_tampered_population_snapshot_fails_verification(drawn_campaign):
    lines = drawn_campaign.population_file.open("rb").read().decode().splitlines()
    dropped = [line for line in lines if json.loads(line)["key"] != drawn_campaign.items.first().key]
    with drawn_campaign.population_file.storage.open(drawn_campaign.population_file.name, "wb") as handle:
        handle.write(("\n".join(dropped) + "\n").encode())
    result = drawing.verify(drawn_campaign)
    assert not result.matches
    assert "population_sha256" in result.problems and "sample" in result.problems


@pytest.mark.parametrize("change", [
    lambda data: data.replace(b'":"', b'": "', 1),  # the same records, not canonical: the digest differs
    lambda data: b"\n".join(data.rstrip(b"\n").split(b"\n")[1:]) + b"\n",  # a record dropped
])
def test_a_draw_from_a_stored_snapshot_that_is_not_the_announced_one_is_refused_and_writes_nothing(
        committed_campaign, bureau_user, change):
    file = committed_campaign.population_file
    data = file.open("rb").read()
    with file.storage.open(file.name, "wb") as handle:
        handle.write(change(data))
    events = CampaignEvent.objects.count()
    with pytest.raises(RequirementsUnmet) as refused:
        services.draw_campaign(bureau_user, campaign=committed_campaign)
    assert refused.value.missing[0]["requirement"] == "snapshot"
    committed_campaign.refresh_from_db()
    assert committed_campaign.state == CampaignState.COMMITTED and committed_campaign.seed_revealed == ""
    assert not SampledItem.objects.filter(campaign=committed_campaign).exists()
    assert CampaignEvent.objects.count() == events


def test_a_tampered_stored_assignment_fails_verification(drawn_campaign, pool):
    item = drawn_campaign.items.order_by("rank").first()
    assignment = item.assignments.order_by("position").first()
    spare = next(i for i in pool if not item.assignments.filter(inspector=i).exists())
    assignment.inspector = spare
    assignment.save()
    assert drawing.verify(drawn_campaign).problems == ["sample"]


def test_the_offline_command_on_the_downloaded_files_gives_the_same_sample(drawn_campaign, client, tmp_path):
    files = {}
    for name in ("population", "inspectors"):
        response = client.get(f"/inspections/{drawn_campaign.pk}/{name}.jsonl")
        assert response.status_code == 200
        files[name] = tmp_path / f"{name}.jsonl"
        files[name].write_bytes(b"".join(response.streaming_content))
    args = drawing.offline_command(drawn_campaign, population=str(files["population"]),
                                   inspectors=str(files["inspectors"]))
    done = subprocess.run([sys.executable, "-m", "biaozhun.rules.draw", *args], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    output = json.loads(done.stdout)
    assert [(row["key"], tuple(row["inspectors"])) for row in output["sample"]] == \
        drawing.stored_sample(drawn_campaign)


def test_the_management_command_reports_a_match_and_a_mismatch(drawn_campaign):
    out = io.StringIO()
    call_command("inspections_verify", str(drawn_campaign.pk), stdout=out)
    assert "OK" in out.getvalue()
    SampledItem.objects.filter(campaign=drawn_campaign, rank=1).update(key="0" * 18)
    with pytest.raises(SystemExit) as exited:
        call_command("inspections_verify", str(drawn_campaign.pk), stdout=io.StringIO(), stderr=io.StringIO())
    assert exited.value.code == 1


def test_drawing_twice_is_refused_and_writes_nothing(drawn_campaign, bureau_user):
    before = CampaignEvent.objects.count(), SampledItem.objects.count()
    with pytest.raises(InvalidTransition):
        services.draw_campaign(bureau_user, campaign=drawn_campaign)
    assert (CampaignEvent.objects.count(), SampledItem.objects.count()) == before


def test_conflict_rules_keep_inspectors_away_from_their_own_organisation_and_region(bureau, bureau_user, pool):
    from biaozhun.inspections.models import Inspector

    for n, region in enumerate(("320102", "320211", "320583")):
        enterprise = make_population(1, start=200 + n, regions=(region,))[0]
        Inspector.objects.create(authority=bureau, number=f"ORG{n}", name="同单位", organisation=enterprise.name,
                                 region_code="3399")
    campaign = services.create_campaign(bureau_user, authority=bureau, year=2026, title="回避", rate="1",
                                        check_items=["numbering"], region_level="city")
    services.commit_campaign(bureau_user, campaign=campaign)
    services.draw_campaign(bureau_user, campaign=campaign)
    for item in campaign.items.prefetch_related("assignments__inspector"):
        for assignment in item.assignments.all():
            inspector = assignment.inspector
            assert inspector.organisation != item.enterprise.name
            assert inspector.region_code[:4] != item.region_code[:4]


def test_a_draw_without_enough_eligible_inspectors_stops_and_stores_nothing(bureau, bureau_user, db):
    from biaozhun.inspections.models import Inspector

    make_population(3, regions=("320102",))
    for n in range(2):
        Inspector.objects.create(authority=bureau, number=f"N{n}", name="本地", region_code="320102")
    campaign = services.create_campaign(bureau_user, authority=bureau, year=2026, title="不足", size=3,
                                        check_items=["numbering"])
    services.commit_campaign(bureau_user, campaign=campaign)
    with pytest.raises(RequirementsUnmet):
        services.draw_campaign(bureau_user, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.COMMITTED and not campaign.items.exists() and not campaign.seed_revealed


def test_population_filters_select_enterprises_by_declaration_and_profile(bureau, bureau_user, pool):
    wanted = make_population(2, start=300, regions=("320102",))
    other = EnterpriseProfileFactory(region_code="320102", industry_class="C13").organisation
    DeclarationFactory(enterprise=other, region_code="320102")
    campaign = services.create_campaign(bureau_user, authority=bureau, year=2026, title="行业", rate="1",
                                        region_prefix="3201", industry_class="C38", check_items=["numbering"])
    from biaozhun.inspections.population import population_records

    keys = {r["key"] for r in population_records(campaign)}
    assert {e.uscc for e in wanted} <= keys and other.uscc not in keys
