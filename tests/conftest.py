"""Test set-up shared by every app."""

import pytest
from hypothesis import settings as hypothesis_settings

pytest_plugins = [
    "tests.fixtures.roles",
    "tests.fixtures.catalog",
    "tests.fixtures.filing",
    "tests.fixtures.groups",
    "tests.fixtures.leaders",
    "tests.fixtures.inspections",
    "tests.fixtures.declarations_public",
    "tests.fixtures.declarations",
    "tests.fixtures.feedback",
    "tests.fixtures.propagation",
    "tests.fixtures.committees",
    "tests.fixtures.assessments",
    "tests.fixtures.international_participation",
    "tests.fixtures.international_translations",
    "tests.fixtures.international_adoption",
    "tests.fixtures.programmes",
    "tests.fixtures.workplan",
    "tests.fixtures.systems",
]

# Property tests check results, never time: hypothesis's 200 ms per-example deadline failed them on a busy machine.
hypothesis_settings.register_profile("biaozhun", deadline=None)
hypothesis_settings.load_profile("biaozhun")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the reference tables (CCS, ICS, codes, calendar) once per test database; tests roll back over it."""
    from biaozhun.reference.seeding import seed_all

    with django_db_blocker.unblock():
        seed_all()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to directories of the test's own (the public and the private root)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BIAOZHUN_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _language_reset():
    """Each test starts in the site's default language: a page requested in English activates English in this
    thread (LocaleMiddleware), which would otherwise carry over into the next test's messages."""
    from django.utils import translation

    yield
    translation.deactivate()
