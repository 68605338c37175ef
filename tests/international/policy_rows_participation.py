"""Rows of the role × action matrix for China's participation in ISO/IEC (joined in policy_rows.py)."""

from tests.fixtures.policy import ALL, Fixture, Row

ADMINISTRATION = frozenset({"reviewer_user", "admin_user"})

ROWS = [
    Row("participation.view", None, ALL),
    Row("participation.manage", None, ADMINISTRATION),
    # The mirror committee's secretariat sees its committee's ballot; nobody but the administration sees another's.
    Row("participation.see_ballot", Fixture("tc28_iso_ballot"), ADMINISTRATION | {"secretariat_user"}),
    Row("participation.see_ballot", Fixture("tc151_iso_ballot"), ADMINISTRATION),
    Row("participation.see_ballot", None, ADMINISTRATION),
    # Only the mirror committee's secretariat records China's vote: not the administration, not another secretariat.
    Row("participation.vote", Fixture("tc28_iso_ballot"), frozenset({"secretariat_user"})),
    Row("participation.vote", Fixture("tc151_iso_ballot"), frozenset()),
    Row("participation.own", None, ADMINISTRATION | {"secretariat_user"}),
]
