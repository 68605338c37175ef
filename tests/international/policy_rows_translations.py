"""Role rows of the foreign-language versions' and indicator comparisons' rules (tests/accounts/test_policy.py)."""

from tests.fixtures.policy import Fixture, Row

ADMINISTRATION = frozenset({"reviewer_user", "admin_user"})

ROWS = [
    Row("translations.manage", None, ADMINISTRATION),
    Row("translations.work", Fixture("translation_project"), ADMINISTRATION | {"enterprise_user"}),
    Row("translations.own", None, ADMINISTRATION | {"enterprise_user", "social_organisation_user",
                                                    "secretariat_user"}),
    Row("indicators.write", None, ADMINISTRATION | {"secretariat_user"}),
    Row("indicators.write", Fixture("draft_comparison"), ADMINISTRATION | {"secretariat_user"}),
    Row("indicators.write", Fixture("tc151_standard"), ADMINISTRATION),
    # A draft: those who write it; published: everyone (see test_indicators_pages).
    Row("indicators.view", Fixture("draft_comparison"), ADMINISTRATION | {"secretariat_user"}),
]
