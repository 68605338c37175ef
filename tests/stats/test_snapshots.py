"""Year-end snapshots: what they store, that taking one twice stores the same, and that pages read them."""

from datetime import date

import pytest
from django.core.management import call_command

from biaozhun.core.actors import SYSTEM
from biaozhun.core.errors import PermissionDeniedError
from biaozhun.stats import selectors, services
from biaozhun.stats.models import Indicator, Snapshot, SnapshotRun

pytestmark = pytest.mark.django_db


def _rows(year):
    return list(Snapshot.objects.filter(year=year).order_by("indicator", "dimension", "key")
                .values_list("indicator", "dimension", "key", "value"))


def test_a_snapshot_stores_the_year_end_values(stats_world):
    result = services.take_snapshot(actor=SYSTEM, year=2023)
    assert result.values == Snapshot.objects.filter(year=2023).count() > 0
    stored = dict(Snapshot.objects.filter(year=2023, indicator="standards_in_force", dimension="tier")
                  .values_list("key", "value"))
    assert stored == {"national": 2, "local": 1}
    assert SnapshotRun.objects.get().values == result.values


def test_taking_a_snapshot_twice_stores_the_same_rows(stats_world):
    services.take_snapshot(actor=SYSTEM, year=2025)
    first = _rows(2025)
    services.take_snapshot(actor=SYSTEM, year=2025)
    assert _rows(2025) == first
    assert SnapshotRun.objects.filter(year=2025).count() == 2  # each run is recorded


def test_the_command_recomputes_the_years_asked(stats_world, capsys):
    call_command("stats_snapshot", "--year", "2023", "--year", "2025")
    assert set(Snapshot.objects.values_list("year", flat=True)) == {2023, 2025}
    assert "2023:" in capsys.readouterr().out


def test_a_past_year_is_read_from_its_snapshot_not_recomputed(stats_world, django_assert_max_num_queries):
    services.take_snapshot(actor=SYSTEM, year=2023)
    Snapshot.objects.filter(year=2023, indicator="standards_in_force", dimension="total").update(value=99)
    indicator = Indicator.objects.get(code="standards_in_force")
    with django_assert_max_num_queries(2):
        found = selectors.figures(indicator, "total", 2023)
    assert not found.live
    assert [row.value for row in found.rows] == [99]


def test_a_year_without_snapshot_is_computed_at_its_year_end(stats_world):
    indicator = Indicator.objects.get(code="standards_in_force")
    found = selectors.figures(indicator, "total", 2023)
    assert found.live and [row.value for row in found.rows] == [3]


def test_only_administrators_take_snapshots(stats_world, registered_user):
    with pytest.raises(PermissionDeniedError):
        services.take_snapshot(actor=registered_user, year=2023)
    assert not Snapshot.objects.exists()


def test_the_yearly_task_takes_last_years_snapshot_once(stats_world, settings):
    from biaozhun.stats.tasks import snapshot_last_year

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    first = snapshot_last_year.call()
    again = snapshot_last_year.call()
    assert first["values"] > 0 and again["values"] == 0
    assert SnapshotRun.objects.count() == 1


def test_the_scheduler_lists_the_yearly_task(settings):
    assert any(path == "biaozhun.stats.tasks.snapshot_last_year" for path, _at in settings.BIAOZHUN_DAILY_TASKS)


def test_an_indicator_edit_goes_through_the_service_with_its_event(admin_user, registered_user):
    indicator = Indicator.objects.get(code="standards_in_force")
    changed = services.update_indicator(admin_user, indicator, expected_version=indicator.version, unit="件")
    assert changed.unit == "件" and changed.version == indicator.version + 1
    assert list(changed.events.values_list("changes", flat=True)) == [{"unit": ["项", "件"]}]
    with pytest.raises(services.StaleIndicator):
        services.update_indicator(admin_user, indicator, expected_version=indicator.version, unit="个")
    with pytest.raises(services.UnknownDimension):
        services.update_indicator(admin_user, changed, dimensions=["grade"])
    with pytest.raises(PermissionDeniedError):
        services.update_indicator(registered_user, changed, unit="个")


def test_use_is_counted_with_one_upsert_per_request(stats_world, client, django_assert_max_num_queries):
    from biaozhun.stats.models import StandardUse

    standard = stats_world["gb1000"]
    services.record_use(standard.pk, "views", day=date(2025, 5, 1))
    services.record_use(standard.pk, "views", day=date(2025, 5, 1))
    services.record_use(standard.pk, "downloads", day=date(2025, 5, 1))
    row = StandardUse.objects.get()
    assert (row.views, row.reads, row.downloads) == (2, 0, 1)
    client.get(standard.get_absolute_url())
    client.head(standard.get_absolute_url())  # a probe is not a reader
    assert sum(StandardUse.objects.values_list("views", flat=True)) == 3


def test_the_demo_command_is_idempotent(stats_world):
    call_command("load_demo_stats", stdout=None)
    first = list(Snapshot.objects.order_by("year", "indicator", "dimension", "key")
                 .values_list("year", "indicator", "dimension", "key", "value"))
    call_command("load_demo_stats", stdout=None)
    again = list(Snapshot.objects.order_by("year", "indicator", "dimension", "key")
                 .values_list("year", "indicator", "dimension", "key", "value"))
    assert first == again and len({row[0] for row in first}) == 5


def test_the_admin_saves_an_indicator_through_the_service(admin_user, client):
    indicator = Indicator.objects.get(code="filings")
    client.force_login(admin_user)
    url = f"/admin/stats/indicator/{indicator.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, {"name": "备案的标准数", "definition": indicator.definition,
                                 "formula": indicator.formula, "unit": indicator.unit,
                                 "dimensions": '["total", "tier", "region"]', "source": indicator.source,
                                 "public": "on", "position": indicator.position})
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert indicator.name == "备案的标准数"
    assert indicator.events.get().changes == {"name": ["备案标准数", "备案的标准数"]}
