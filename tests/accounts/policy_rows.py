from biaozhun.accounts.models import OrganisationKind
from tests.fixtures.policy import ALL, SIGNED_IN, Fixture, Row

ADMIN = frozenset({"admin_user"})

ROWS = [
    Row("accounts.register", None, frozenset({"public_user", "admin_user"})),
    Row("accounts.create_organisation", None, SIGNED_IN),
    Row("accounts.create_organisation", OrganisationKind.ENTERPRISE, SIGNED_IN),
    Row("accounts.create_organisation", OrganisationKind.TESTING_LAB, SIGNED_IN),
    Row("accounts.create_organisation", OrganisationKind.BUREAU, ADMIN),
    Row("accounts.create_organisation", OrganisationKind.NATIONAL_ADMINISTRATION, ADMIN),
    Row("accounts.create_organisation", OrganisationKind.TC_SECRETARIAT, ADMIN),
    Row("accounts.manage_members", Fixture("enterprise"), frozenset({"enterprise_user", "admin_user"})),
    Row("accounts.manage_members", Fixture("bureau"), ADMIN),  # bureau_user is a plain member
    Row("accounts.view_organisation", Fixture("enterprise"), frozenset({"enterprise_user", "admin_user"})),
    Row("accounts.view_organisation", Fixture("bureau"), frozenset({"bureau_user", "admin_user"})),
    Row("accounts.manage_token", None, SIGNED_IN),
    Row("accounts.manage_token", Fixture("registered_users_token"), frozenset({"registered_user", "admin_user"})),
    Row("accounts.manage_users", Fixture("registered_user"), ADMIN),
    Row("accounts.grant_superuser", Fixture("registered_user"), ADMIN),  # admin_user is a superuser
    Row("accounts.edit_organisation", Fixture("enterprise"), ADMIN),  # not even the organisation's own admin
    Row("accounts.sign_in", None, ALL),  # anyone may try to sign in (the inactive too: they are refused later)
    Row("accounts.manage_second_factor", Fixture("registered_user"), frozenset({"registered_user", "admin_user"})),
    Row("accounts.unlock_sign_in", Fixture("registered_user"), frozenset({"registered_user", "admin_user"})),
    Row("accounts.unlock_sign_in", None, ADMIN),  # an address
    Row("accounts.leave_organisation", Fixture("enterprise"), frozenset({"enterprise_user"})),  # its members only
    Row("accounts.leave_organisation", Fixture("bureau"), frozenset({"bureau_user"})),
    # One's own account only, not even an administrator for someone else.
    Row("accounts.accept_privacy_notice", Fixture("registered_user"), frozenset({"registered_user"})),
    Row("accounts.export_personal_data", Fixture("registered_user"), frozenset({"registered_user"})),
    Row("accounts.delete_account", Fixture("registered_user"), frozenset({"registered_user"})),
    Row("accounts.delete_account", Fixture("admin_user"), ADMIN),
]
assert all(row.allowed <= ALL for row in ROWS)
